/**
 * `radfusion extract --settings FILE`: an IBSI-style settings file, the YAML
 * (or JSON) form of radfusion's RadiomicsSettings (radiomics/settings.ts),
 * validated by the same schema, with an optional `preprocessing` section
 * (radiomics/preprocess.ts: resampling, interpolators, rounding); unknown
 * keys are errors naming them.
 *
 *   preprocessing: { spacingMm: [2, 2, 2], interpolator: linear }
 *   discretisation: { method: fixedBinSize, binWidth: 25 }
 *   resegmentation: { min: -1000, max: 400 }
 *   families: [firstorder, shape, glcm]
 *   textureAggregations: ['3D', '2.5D']
 */
import { readFile } from 'node:fs/promises';

import { parse as parseYaml } from 'yaml';

import { ConfigError } from '../errors.js';
import {
  parsePreprocessingSettings,
  type PreprocessingSettings,
  type PreprocessingSettingsInput,
} from '../radiomics/preprocess.js';
import {
  parseRadiomicsSettings,
  type RadiomicsSettings,
  type RadiomicsSettingsInput,
} from '../radiomics/settings.js';

export interface SettingsFile {
  readonly radiomics: RadiomicsSettings;
  /** Resampling and the rest of the image processing; absent: the native grid. */
  readonly preprocessing?: PreprocessingSettings;
}

export async function readRadiomicsSettingsFile(file: string): Promise<SettingsFile> {
  let document: unknown;
  try {
    document = parseYaml(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(
      'cannot read the settings file as YAML; check the --settings path and its indentation',
      { file },
      { cause: error },
    );
  }
  const { preprocessing, ...radiomics } = (document ?? {}) as Record<string, unknown>;
  try {
    return {
      radiomics: parseRadiomicsSettings(radiomics as RadiomicsSettingsInput),
      ...(preprocessing === undefined || preprocessing === null
        ? {}
        : {
            preprocessing: parsePreprocessingSettings(preprocessing as PreprocessingSettingsInput),
          }),
    };
  } catch (error) {
    if (error instanceof ConfigError) {
      throw new ConfigError(error.message, { file }, { cause: error });
    }
    throw error;
  }
}
