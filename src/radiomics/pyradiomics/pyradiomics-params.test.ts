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

  it('lists every problem at once, with a close known name and no source paths', () => {
    let message = '';
    try {
      parsePyradiomicsParamsYaml(
        [
          'imageType:',
          '  LoG: {sigma: [1.0]}',
          '  Wavelet: {}',
          'featureClass:',
          '  glcm: [Contrastt]',
          'setting:',
          '  interpolator: sitkLanczosWindowedSinc',
          '',
        ].join('\n'),
        'params.yaml',
      );
    } catch (error) {
      message = String(error);
    }
    expect(message).toMatch(/file params\.yaml: 4 problem\(s\) in the PyRadiomics parameters/);
    expect(message).toMatch(/imageType\.LoG: filtered images are not computed yet/);
    expect(message).toMatch(/imageType\.Wavelet: filtered images are not computed yet/);
    expect(message).toMatch(/unknown feature Contrastt \(did you mean Contrast\?\)/);
    expect(message).toMatch(/setting\.interpolator: sitkLanczosWindowedSinc is not supported yet/);
    expect(message).not.toMatch(/src\//);

    expect(() => parsePyradiomicsParamsYaml('setting:\n  binwidth: 25\n  labell: 2\n')).toThrow(
      /2 problem\(s\).*unknown key setting\.binwidth \(did you mean binWidth\?\); unknown key setting\.labell \(did you mean label\?\)/,
    );
    expect(() => parsePyradiomicsParamsYaml('featureClass:\n  glcmm:\n')).toThrow(
      /glcmm: unknown feature class \(did you mean glcm\?\)/,
    );
    expect(() => parsePyradiomicsParamsYaml('setting:\n  zzzzzz: 1\n')).not.toThrow(/did you mean/);
  });

  it('says where a YAML file is broken', () => {
    expect(() =>
      parsePyradiomicsParamsYaml('setting:\n  binWidth: 25\n   label: 2\n', 'bad.yaml'),
    ).toThrow(
      /file bad\.yaml: the parameter file is not valid YAML \(.*at line \d+, column \d+.*\)/,
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
