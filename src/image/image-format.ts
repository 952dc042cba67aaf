/**
 * Which reader a path needs: by folder (a DICOM series), by extension, and
 * for unknown extensions by the file's first bytes. Also the one function
 * that reads any single-file volume format (NIfTI, NRRD, MetaImage), used for
 * images and for label masks alike.
 */
import { open, stat } from 'node:fs/promises';

import { InputError } from '../errors.js';
import { readMetaImage } from './metaimage.js';
import { readNifti } from './nifti.js';
import { readNrrd } from './nrrd.js';
import type { Volume } from './volume.js';

export type ImageFormat = 'nifti' | 'nrrd' | 'metaimage' | 'dicom-series' | 'dicom-file';

const BY_EXTENSION: readonly (readonly [RegExp, ImageFormat])[] = [
  [/\.nii(\.gz)?$/i, 'nifti'],
  [/\.(nrrd|nhdr)$/i, 'nrrd'],
  [/\.(mha|mhd)$/i, 'metaimage'],
  [/\.(dcm|dicom|ima)$/i, 'dicom-file'],
];

/** The format of `path`: a folder is a DICOM series; files go by extension, then by content. */
export async function detectImageFormat(
  path: string,
  options: { readonly caseId?: string } = {},
): Promise<ImageFormat> {
  const context = { caseId: options.caseId, file: path };
  let isFolder: boolean;
  try {
    isFolder = (await stat(path)).isDirectory();
  } catch (error) {
    throw new InputError(
      `cannot read the path (${(error as NodeJS.ErrnoException).code ?? String(error)}); ` +
        'check the path (in a manifest or cases file, relative paths start at its folder)',
      context,
      { cause: error },
    );
  }
  if (isFolder) return 'dicom-series';
  for (const [pattern, format] of BY_EXTENSION) if (pattern.test(path)) return format;

  // 1. Unknown extension: look at the first bytes.
  const handle = await open(path, 'r');
  const head = new Uint8Array(352);
  try {
    await handle.read(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  const text = String.fromCharCode(...head.subarray(0, 16));
  if (String.fromCharCode(...head.subarray(128, 132)) === 'DICM') return 'dicom-file';
  if (text.startsWith('NRRD')) return 'nrrd';
  if (/^(ObjectType|NDims)\s*=/.test(text)) return 'metaimage';
  const view = new DataView(head.buffer);
  if (
    view.getInt32(0, true) === 348 ||
    view.getInt32(0, false) === 348 ||
    (head[0] === 0x1f && head[1] === 0x8b)
  ) {
    return 'nifti';
  }
  throw new InputError(
    'the image format cannot be told from the name or the first bytes; expected NIfTI ' +
      '(.nii, .nii.gz), NRRD (.nrrd, .nhdr), MetaImage (.mha, .mhd), a DICOM file or a ' +
      'folder of DICOM slices',
    context,
  );
}

/** Reads a NIfTI, NRRD or MetaImage file (chosen by `detectImageFormat`). */
export async function readVolumeFile(
  path: string,
  options: { readonly caseId?: string } = {},
): Promise<Volume<Float32Array | Float64Array>> {
  const format = await detectImageFormat(path, options);
  const caseOption = options.caseId === undefined ? {} : { caseId: options.caseId };
  if (format === 'nifti') return readNifti(path, caseOption);
  if (format === 'nrrd') return readNrrd(path, caseOption);
  if (format === 'metaimage') return readMetaImage(path, caseOption);
  throw new InputError(
    `this is a ${format === 'dicom-series' ? 'folder (DICOM series)' : 'DICOM file'}, not a ` +
      'single-file volume; read it with readImage (or readMaskAuto for RTSTRUCT and SEG)',
    { caseId: options.caseId, file: path },
  );
}
