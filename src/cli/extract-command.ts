import { writeFile } from 'node:fs/promises';

import { assertSameGrid, readMask } from '../image/mask.js';
import { readNifti } from '../image/nifti.js';
import { extractOriginalFeatures, parseRadiomicsSettings } from '../radiomics/index.js';
import { formatCsv } from '../util/csv.js';

export async function extractCommand(
  imagePath: string,
  maskPath: string,
  options: { label?: number; binWidth: number; id: string; out?: string },
): Promise<void> {
  const image = await readNifti(imagePath, { caseId: options.id });
  const mask = await readMask(maskPath, {
    caseId: options.id,
    ...(options.label === undefined ? {} : { label: options.label }),
  });
  assertSameGrid(image, mask, { caseId: options.id, maskFile: maskPath });
  const settings = parseRadiomicsSettings({
    discretisation: { method: 'fixedBinSize', binWidth: options.binWidth },
  });
  const started = performance.now();
  const features = extractOriginalFeatures(image, mask, settings).features;
  const names = Object.keys(features);
  const csv = formatCsv(['case_id', ...names], [{ case_id: options.id, ...features }]);
  if (options.out === undefined) process.stdout.write(csv);
  else {
    await writeFile(options.out, csv);
    process.stderr.write(
      `${names.length} features in ${((performance.now() - started) / 1000).toFixed(2)} s -> ${options.out}\n`,
    );
  }
}
