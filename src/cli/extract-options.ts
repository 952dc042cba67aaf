/**
 * `radfusion extract`'s options, checked once before any file is read: each
 * value on its own (--jobs, --label, --geometry-tolerance, --bin-width) and
 * the combinations that would silently ignore one of them. Every error names
 * the option, what was given and the fix.
 */
import { ConfigError } from '../errors.js';

export interface ExtractCommandOptions {
  readonly cases?: string;
  readonly label?: number;
  /** Fixed bin size in HU; absent: 25 (IBSI mode without --settings only). */
  readonly binWidth?: number;
  readonly id?: string;
  readonly out?: string;
  /** Worker threads, 1 or more (default 1). */
  readonly jobs?: number;
  /** Absent: 0.001 mm (IBSI mode; PyRadiomics mode takes the parameter file's). */
  readonly geometryTolerance?: number;
  /** A PyRadiomics parameter file: PyRadiomics mode with its settings. */
  readonly params?: string;
  /** An IBSI-style settings file (RadiomicsSettings as YAML). */
  readonly settings?: string;
}

export const DEFAULT_BIN_WIDTH_HU = 25;
export const DEFAULT_GEOMETRY_TOLERANCE_MM = 1e-3;

/** Why a label of 0 is refused and the fix (--label, the Label column, setting.label). */
export const LABEL_ZERO_FIX =
  "label 0 is the background (every voxel outside the ROIs), not an ROI; give the ROI's " +
  'label, e.g. 1';

/** Throws a ConfigError for the first invalid value or conflicting pair of options. */
export function checkExtractOptions(
  image: string | undefined,
  mask: string | undefined,
  options: ExtractCommandOptions,
): void {
  // 1. Values.
  const { jobs, label, geometryTolerance, binWidth } = options;
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) {
    throw new ConfigError(
      `--jobs ${jobs}: expected a whole number of worker threads, 1 or more; give e.g. --jobs 2`,
    );
  }
  if (label !== undefined && !Number.isInteger(label)) {
    throw new ConfigError(`--label ${label}: expected an integer label; give e.g. --label 1`);
  }
  if (label === 0) throw new ConfigError(`--label 0: ${LABEL_ZERO_FIX}`);
  if (geometryTolerance !== undefined && !(geometryTolerance >= 0 && isFinite(geometryTolerance))) {
    throw new ConfigError(
      `--geometry-tolerance ${geometryTolerance}: expected a distance in mm, 0 or more; give ` +
        `e.g. --geometry-tolerance ${DEFAULT_GEOMETRY_TOLERANCE_MM}`,
    );
  }
  if (binWidth !== undefined && !(binWidth > 0 && isFinite(binWidth))) {
    throw new ConfigError(
      `--bin-width ${binWidth}: expected a bin size in HU above 0; give e.g. 25`,
    );
  }

  // 2. Combinations where one option would be ignored.
  if (options.params !== undefined && options.settings !== undefined) {
    throw new ConfigError(
      '--params and --settings both given: --params runs PyRadiomics mode from a PyRadiomics ' +
        "parameter file, --settings IBSI mode from radfusion's settings; give one of them",
    );
  }
  if (binWidth !== undefined && options.settings !== undefined) {
    throw new ConfigError(
      '--bin-width with --settings: the settings file decides the discretisation; set ' +
        'discretisation.binWidth in it, or drop --settings',
    );
  }
  if (binWidth !== undefined && options.params !== undefined) {
    throw new ConfigError(
      '--bin-width with --params: the parameter file decides the discretisation; set ' +
        'setting.binWidth in it',
    );
  }
  if (geometryTolerance !== undefined && options.params !== undefined) {
    throw new ConfigError(
      '--geometry-tolerance with --params: PyRadiomics mode takes its tolerance from the ' +
        'parameter file; set setting.geometryTolerance (mm) in it',
    );
  }
  if (options.cases !== undefined && (image !== undefined || mask !== undefined)) {
    throw new ConfigError(
      '--cases with IMAGE MASK: give one case (IMAGE MASK) or a batch (--cases), not both',
    );
  }
  if (options.cases !== undefined && options.id !== undefined) {
    throw new ConfigError(
      '--id with --cases: --id names a single case; a batch takes its ids from the ID column ' +
        'of the cases file',
    );
  }
}
