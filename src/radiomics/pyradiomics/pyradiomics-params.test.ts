/**
 * PyRadiomics parameter files: PyRadiomics' example files read unchanged,
 * defaults, unknown keys and 'not yet' keys named in the error.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { parsePyradiomicsParamsYaml } from './pyradiomics-params.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const PARAMS = path.resolve(repoRoot, '../shared/data/pyradiomics/params');

describe('PyRadiomics parameter files', () => {
  it('fills in PyRadiomics defaults', () => {
    const params = parsePyradiomicsParamsYaml('setting:\n  label: 2\n');
    expect(params.settings).toMatchObject({
      discretisation: { kind: 'binWidth', binWidth: 25 },
      interpolator: 'bspline',
      padDistance: 5,
      label: 2,
      symmetricalGLCM: true,
      distances: [1],
      minimumROIDimensions: 2,
      gldmA: 0,
    });
    expect([...params.featureClasses.keys()]).toContain('glcm');
  });

  it('reads classes with feature lists, null and empty lists', () => {
    const params = parsePyradiomicsParamsYaml(
      "featureClass:\n  shape:\n  firstorder: []\n  glcm:\n    - 'Idmn'\nsetting:\n  binCount: 32\n" +
        "  resampledPixelSpacing: [1, 1, 0]\n  interpolator: 'sitkLinear'\n  weightingNorm:\n",
    );
    expect(params.featureClasses.get('glcm')).toEqual(['Idmn']);
    expect(params.featureClasses.get('firstorder')).toEqual([]);
    expect(params.settings.discretisation).toEqual({ kind: 'binCount', binCount: 32 });
    expect(params.settings.interpolator).toBe('linear');
    expect(params.settings.weightingNorm).toBeUndefined();
  });

  it('names an unknown key', () => {
    expect(() => parsePyradiomicsParamsYaml('setting:\n  binWidht: 25\n')).toThrow(
      /unknown key setting\.binWidht/,
    );
    expect(() => parsePyradiomicsParamsYaml('featureClasses: {}\n')).toThrow(
      /unknown key featureClasses/,
    );
    expect(() => parsePyradiomicsParamsYaml('featureClass:\n  glcmm:\n')).toThrow(
      /featureClass\.glcmm: unknown feature class/,
    );
  });

  it('names an unknown feature and accepts deprecated ones', () => {
    expect(() => parsePyradiomicsParamsYaml('featureClass:\n  glcm:\n    - Contrastt\n')).toThrow(
      /featureClass\.glcm: unknown feature Contrastt/,
    );
    const params = parsePyradiomicsParamsYaml(
      'featureClass:\n  shape:\n    - Compactness1\n  glcm:\n    - SumVariance\n',
    );
    expect(params.featureClasses.get('shape')).toEqual(['Compactness1']);
  });

  it("says 'not yet' for filters and unsupported interpolators, naming the key", () => {
    expect(() => parsePyradiomicsParamsYaml('imageType:\n  LoG:\n    sigma: [1.0]\n')).toThrow(
      /imageType\.LoG: filtered images are not computed yet/,
    );
    expect(() =>
      parsePyradiomicsParamsYaml("setting:\n  interpolator: 'sitkLanczosWindowedSinc'\n"),
    ).toThrow(/setting\.interpolator: sitkLanczosWindowedSinc is not supported yet/);
  });

  it.skipIf(!existsSync(PARAMS))(
    `reads PyRadiomics' example files (${existsSync(PARAMS) ? 'found' : `no data at ${PARAMS}`})`,
    () => {
      const dir = path.join(PARAMS, 'exampleSettings');
      for (const name of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
        const file = path.join(dir, name);
        const text = readFileSync(file, 'utf8');
        try {
          parsePyradiomicsParamsYaml(text, file);
        } catch (error) {
          // Accepted failures: a filter image type or voxel settings, named as 'not yet'.
          expect(String(error)).toMatch(
            /(imageType\.\w+: filtered images|voxelSetting: voxel-based extraction) (are|is) not computed yet/,
          );
        }
      }
    },
  );
});
