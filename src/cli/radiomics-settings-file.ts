/**
 * `radfusion extract --settings FILE`: an IBSI-style settings file, the YAML
 * (or JSON) form of radfusion's RadiomicsSettings (radiomics/settings.ts),
 * validated by the same schema; unknown keys are errors naming them.
 *
 *   discretisation: { method: fixedBinSize, binWidth: 25 }
 *   resegmentation: { min: -1000, max: 400 }
 *   families: [firstorder, shape, glcm]
 *   textureAggregations: ['3D', '2.5D']
 */
import { readFile } from 'node:fs/promises';

import { parse as parseYaml } from 'yaml';

import { ConfigError } from '../errors.js';
import {
  parseRadiomicsSettings,
  type RadiomicsSettings,
  type RadiomicsSettingsInput,
} from '../radiomics/settings.js';

export async function readRadiomicsSettingsFile(file: string): Promise<RadiomicsSettings> {
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
  try {
    return parseRadiomicsSettings((document ?? {}) as RadiomicsSettingsInput);
  } catch (error) {
    if (error instanceof ConfigError) {
      throw new ConfigError(error.message, { file }, { cause: error });
    }
    throw error;
  }
}
