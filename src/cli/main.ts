/**
 * The `radfusion` command line. Each command is a thin layer over a stage's
 * library function; this is where errors and progress are shown to a person.
 */
import { Command, InvalidArgumentError } from 'commander';

import { RADFUSION_VERSION } from '../version.js';
import { demoCommand } from './demo-command.js';
import { extractCommand, type ExtractCommandOptions } from './extract-command.js';
import { studyCommand } from './study-command.js';
import { registerValidateCommand } from './validate-command.js';

export async function main(argv: readonly string[]): Promise<void> {
  const program = new Command('radfusion')
    .description(
      'Interpretable CT prediction models: IBSI radiomics, selection, SVM models, evaluation, report',
    )
    .version(RADFUSION_VERSION)
    .showHelpAfterError();

  program
    .command('study')
    .description(
      'run a whole study from a YAML config: features, rad-score, models, metrics, report',
    )
    .requiredOption('-c, --config <file>', 'study config (YAML)')
    .option('-o, --out <dir>', 'output folder (default: `output:` of the config)')
    .action(async (options: { config: string; out?: string }) => {
      await studyCommand(options);
    });

  program
    .command('demo')
    .description('generate a synthetic two-centre cohort and run the study on it')
    .option(
      '-o, --out <dir>',
      'folder for the cohort and results (default: a new temporary folder)',
    )
    .option('--patients <n1,n2>', 'patients in centre 1 and centre 2', parsePair)
    .option('--seed <n>', 'seed of the synthetic cohort', parseInteger)
    .action(async (options: { out?: string; patients?: [number, number]; seed?: number }) => {
      await demoCommand(options);
    });

  program
    .command('extract')
    .description(
      'radiomic features of one case, or of a batch (--cases), as CSV (IBSI conventions; ' +
        'PyRadiomics mode with --params)',
    )
    .argument('[image]', 'CT image: NIfTI, NRRD, MetaImage, or a DICOM series folder')
    .argument('[mask]', 'mask: label image (NIfTI, NRRD, MetaImage), DICOM RTSTRUCT or SEG')
    .option(
      '--cases <file>',
      'batch in PyRadiomics format: CSV with Image, Mask, optional Label, ID',
    )
    .option(
      '--label <n>',
      'mask label of the ROI, not 0 (default: the single non-zero label; with --params, ' +
        'its label)',
      parseInteger,
    )
    .option(
      '--bin-width <hu>',
      'fixed bin size for texture, in HU (> 0; default 25; not with --settings or --params)',
      parsePositive,
    )
    .option('--id <caseId>', 'case id of a single case (default: the image file name)')
    .option(
      '--params <file>',
      'PyRadiomics parameter file (YAML): PyRadiomics mode, its settings and feature names',
    )
    .option('--settings <file>', 'IBSI-style settings file (YAML of radfusion RadiomicsSettings)')
    .option('-j, --jobs <n>', 'worker threads (1 or more)', parseNumber, 1)
    .option(
      '--geometry-tolerance <mm>',
      'accepted image/mask origin and spacing difference (>= 0; default 0.001; with --params, ' +
        'setting.geometryTolerance instead)',
      parseNumber,
    )
    .option(
      '-o, --out <file>',
      'CSV file to write (default: stdout); finished cases are cached beside it',
    )
    .action(
      async (
        image: string | undefined,
        mask: string | undefined,
        options: ExtractCommandOptions,
      ) => {
        await extractCommand(image, mask, options);
      },
    );

  registerValidateCommand(program);

  await program.parseAsync([...argv]);
}

function parseInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError(`expected an integer, got "${value}"`);
  return n;
}

function parseNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new InvalidArgumentError(`expected a number, got "${value}"`);
  return n;
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (!(Number.isFinite(n) && n > 0))
    throw new InvalidArgumentError(`expected a number > 0, got "${value}"`);
  return n;
}

function parsePair(value: string): [number, number] {
  const parts = value.split(',').map(Number);
  const [a, b] = parts;
  if (
    parts.length !== 2 ||
    a === undefined ||
    b === undefined ||
    !Number.isInteger(a) ||
    !Number.isInteger(b)
  ) {
    throw new InvalidArgumentError(`expected two integers like 160,70, got "${value}"`);
  }
  return [a, b];
}
