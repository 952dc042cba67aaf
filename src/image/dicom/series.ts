/**
 * A CT (or any single-frame image) series read from a folder of DICOM files.
 *
 * 1. Every file of the folder (and of its subfolders with `recursive`) that is DICOM Part 10 and
 *    holds pixel data is grouped by SeriesInstanceUID; other files (DICOMDIR,
 *    RTSTRUCT, SEG, notes) are passed over. Several series and none chosen is
 *    an error that lists them.
 * 2. Slices are sorted by their position along the slice normal, the cross
 *    product of the two ImageOrientationPatient vectors dotted with
 *    ImagePositionPatient. InstanceNumber is never used: scanners and
 *    anonymisers do not keep it in step with position.
 * 3. The gaps between neighbouring slices must agree within a tolerance. A gap
 *    of about n spacings is reported as n - 1 missing slices, any other
 *    deviation as non-uniform spacing; both name the positions and files.
 * 4. Stored values become `RescaleSlope * stored + RescaleIntercept`, per
 *    slice, after masking to BitsStored and sign extension when
 *    PixelRepresentation is 1.
 *
 * The Volume is LPS: the i axis is the row direction (first three values of
 * ImageOrientationPatient), j the column direction, k the slice normal, and
 * the origin is the ImagePositionPatient of the first slice along the normal.
 * PixelSpacing is (row spacing, column spacing), i.e. (j, i).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import { InputError, type ErrorContext } from '../../errors.js';
import type { Mat3, Vec3, Volume } from '../volume.js';
import { isDicomPart10, parseDicom, type DicomDataSet, type DicomFile } from './dicom-file.js';
import { TAGS } from './tags.js';

export interface DicomSeriesReadOptions {
  /** The series to read when the folder holds several. */
  readonly seriesInstanceUid?: string;
  readonly caseId?: string;
  /** Also read the files of subfolders, at any depth; default false. */
  readonly recursive?: boolean;
  /** Largest accepted difference between a slice gap and the series spacing, in mm; default 0.01. */
  readonly sliceGapToleranceMm?: number;
}

export interface DicomSeriesInfo {
  readonly seriesInstanceUid: string;
  readonly description: string;
  readonly modality: string;
  readonly sliceCount: number;
}

export interface DicomSeries extends Volume<Float32Array> {
  readonly seriesInstanceUid: string;
  readonly frameOfReferenceUid: string | undefined;
  /** Files in slice order (k = 0 first). */
  readonly files: readonly string[];
  /** SOPInstanceUID of each slice, in slice order. */
  readonly sopInstanceUids: readonly string[];
}

/** Modalities that carry pixel data but are not images of the patient grid. */
const NON_IMAGE_MODALITIES = new Set(['SEG', 'RTSTRUCT', 'RTDOSE', 'RTPLAN', 'SR', 'PR', 'KO']);

interface SliceFile {
  readonly file: string;
  readonly dicom: DicomFile;
}

/** Lists the image series of a folder with their descriptions and slice counts. */
export async function listDicomSeries(
  folder: string,
  options: { readonly caseId?: string; readonly recursive?: boolean } = {},
): Promise<DicomSeriesInfo[]> {
  const groups = await groupSeries(folder, options.caseId, options.recursive ?? false);
  return [...groups.entries()].map(([uid, slices]) => describe(uid, slices));
}

/** Reads one image series of a folder as a Volume (see the file header for the rules). */
export async function readDicomSeries(
  folder: string,
  options: DicomSeriesReadOptions = {},
): Promise<DicomSeries> {
  const context: ErrorContext = { caseId: options.caseId, file: folder };
  const groups = await groupSeries(folder, options.caseId, options.recursive ?? false);

  // 1. Choose the series.
  const listing = (): string =>
    [...groups.entries()]
      .map(([uid, slices]) => {
        const info = describe(uid, slices);
        return `${uid} "${info.description}" (${info.modality}, ${info.sliceCount} slices)`;
      })
      .join('; ');
  let uid = options.seriesInstanceUid;
  if (uid === undefined) {
    if (groups.size > 1) {
      throw new InputError(
        `the folder holds ${groups.size} image series and none was chosen: ${listing()}; ` +
          'choose one by its SeriesInstanceUID (seriesInstanceUid option)',
        context,
      );
    }
    uid = [...groups.keys()][0] ?? '';
  }
  const chosen = groups.get(uid);
  if (chosen === undefined) {
    throw new InputError(`the folder has no series ${uid}; it holds: ${listing()}`, context);
  }

  // 2. Geometry shared by all slices, then the order along the normal.
  const slices = chosen.map((slice) => ({ ...slice, frame: frameOf(slice, options.caseId) }));
  const first = slices[0];
  if (first === undefined) throw new InputError('the series has no slice', context);
  for (const slice of slices) assertSameFrame(first, slice, options.caseId);
  const normal = cross(first.frame.rowLPS, first.frame.columnLPS);
  const sorted = slices
    .map((slice) => ({ ...slice, along: dot(normal, slice.frame.positionLPS) }))
    .sort((a, b) => a.along - b.along);
  const sliceSpacingMm = checkGaps(sorted, first.frame, options, context);
  assertNotSheared(sorted, normal, sliceSpacingMm, options, context);

  // 3. Voxels.
  const { rows, columns } = first.frame;
  const perSlice = rows * columns;
  const data = new Float32Array(perSlice * sorted.length);
  sorted.forEach((slice, k) => {
    decodeSlice(slice, data.subarray(k * perSlice, (k + 1) * perSlice), options.caseId);
  });

  const origin = sorted[0]?.frame.positionLPS ?? first.frame.positionLPS;
  const r = first.frame.rowLPS;
  const c = first.frame.columnLPS;
  // `+ 0` turns a -0 from the cross product into 0.
  const direction = [r[0], c[0], normal[0], r[1], c[1], normal[1], r[2], c[2], normal[2]].map(
    (v) => v + 0,
  ) as unknown as Mat3;
  return {
    data,
    dims: [columns, rows, sorted.length],
    spacingMm: [first.frame.columnSpacingMm, first.frame.rowSpacingMm, sliceSpacingMm],
    originLPS: origin,
    direction,
    seriesInstanceUid: uid,
    frameOfReferenceUid: first.dicom.dataSet.string(TAGS.FrameOfReferenceUID),
    files: sorted.map((s) => s.file),
    sopInstanceUids: sorted.map((s) => s.dicom.dataSet.string(TAGS.SOPInstanceUID) ?? ''),
  };
}

async function groupSeries(
  folder: string,
  caseId: string | undefined,
  recursive: boolean,
): Promise<Map<string, SliceFile[]>> {
  let files: string[];
  let subfolders = 0;
  try {
    const listed = await listFiles(folder, recursive);
    files = listed.files;
    subfolders = listed.subfolders;
  } catch (error) {
    throw new InputError(
      `cannot list the DICOM folder (${(error as NodeJS.ErrnoException).code ?? String(error)}); ` +
        'check the path',
      { caseId, file: folder },
      { cause: error },
    );
  }
  const groups = new Map<string, SliceFile[]>();
  let dicomCount = 0;
  // Read a few files at a time: faster than one by one, and within open-file limits.
  const contents: Buffer[] = [];
  for (let start = 0; start < files.length; start += 16) {
    contents.push(...(await Promise.all(files.slice(start, start + 16).map((f) => readFile(f)))));
  }
  for (let n = 0; n < files.length; n++) {
    const file = files[n] ?? '';
    const bytes = contents[n] ?? new Uint8Array(0);
    if (!isDicomPart10(bytes)) continue;
    dicomCount++;
    const dicom = parseDicom(bytes, { caseId, file });
    const modality = dicom.dataSet.string(TAGS.Modality) ?? '';
    if (!dicom.dataSet.has(TAGS.PixelData) || NON_IMAGE_MODALITIES.has(modality)) continue;
    const uid = dicom.dataSet.string(TAGS.SeriesInstanceUID) ?? '(no SeriesInstanceUID)';
    const group = groups.get(uid) ?? [];
    group.push({ file, dicom });
    groups.set(uid, group);
  }
  if (groups.size === 0) {
    throw new InputError(
      `no DICOM image in the folder (${files.length} files, ${dicomCount} of them DICOM ` +
        `without image pixel data${subfolders > 0 ? `, ${subfolders} subfolders` : ''}); ` +
        'give the folder that holds the CT slices, or search subfolders (recursive option)',
      { caseId, file: folder },
    );
  }
  return groups;
}

/** Files of a folder (hidden ones left out), sorted, and the number of subfolders seen. */
async function listFiles(
  folder: string,
  recursive: boolean,
): Promise<{ files: string[]; subfolders: number }> {
  const files: string[] = [];
  let subfolders = 0;
  const entries = await readdir(folder, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(folder, entry.name);
    if (entry.isFile()) files.push(full);
    else if (entry.isDirectory()) {
      subfolders++;
      if (recursive) files.push(...(await listFiles(full, true)).files);
    }
  }
  return { files: files.sort(), subfolders };
}

function describe(uid: string, slices: readonly SliceFile[]): DicomSeriesInfo {
  const dataSet = slices[0]?.dicom.dataSet;
  return {
    seriesInstanceUid: uid,
    description: dataSet?.string(TAGS.SeriesDescription) ?? '',
    modality: dataSet?.string(TAGS.Modality) ?? '',
    sliceCount: slices.length,
  };
}

interface Frame {
  readonly rows: number;
  readonly columns: number;
  readonly rowSpacingMm: number;
  readonly columnSpacingMm: number;
  /** Direction of increasing column index (the i axis). */
  readonly rowLPS: Vec3;
  /** Direction of increasing row index (the j axis). */
  readonly columnLPS: Vec3;
  readonly positionLPS: Vec3;
}

function frameOf(slice: SliceFile, caseId: string | undefined): Frame {
  const ds = slice.dicom.dataSet;
  const context = { caseId, file: slice.file };
  const frames = ds.number(TAGS.NumberOfFrames) ?? 1;
  if (frames > 1) {
    throw new InputError(
      `the file holds ${frames} frames; multi-frame (enhanced) images are not read yet, ` +
        'convert the series to single-frame files (e.g. with dcm2niix or emf2sf)',
      context,
    );
  }
  const position = ds.numbers(TAGS.ImagePositionPatient) ?? [];
  const orientation = ds.numbers(TAGS.ImageOrientationPatient) ?? [];
  const spacing = ds.numbers(TAGS.PixelSpacing) ?? [];
  const rows = ds.number(TAGS.Rows);
  const columns = ds.number(TAGS.Columns);
  const finite = (values: number[], n: number): boolean =>
    values.length >= n && values.slice(0, n).every(Number.isFinite);
  if (!finite(position, 3) || !finite(orientation, 6)) {
    throw new InputError(
      'the slice has no usable ImagePositionPatient (0020,0032) or ImageOrientationPatient ' +
        `(0020,0037) (got "${position.join('\\')}" and "${orientation.join('\\')}"), so it ` +
        'cannot be placed; this series cannot be read as a volume',
      context,
    );
  }
  if (rows === undefined || columns === undefined || rows < 1 || columns < 1) {
    throw new InputError('the slice has no Rows or Columns (0028,0010/0011)', context);
  }
  const rowSpacing = spacing[0];
  const columnSpacing = spacing[1] ?? spacing[0];
  if (
    rowSpacing === undefined ||
    columnSpacing === undefined ||
    !(rowSpacing > 0 && columnSpacing > 0)
  ) {
    throw new InputError(
      `PixelSpacing (0028,0030) is "${spacing.join('\\')}", expected two positive numbers`,
      context,
    );
  }
  const unit = (v: number[]): Vec3 => {
    const length = Math.hypot(v[0] ?? 0, v[1] ?? 0, v[2] ?? 0) || 1;
    return [(v[0] ?? 0) / length, (v[1] ?? 0) / length, (v[2] ?? 0) / length];
  };
  return {
    rows,
    columns,
    rowSpacingMm: rowSpacing,
    columnSpacingMm: columnSpacing,
    rowLPS: unit(orientation.slice(0, 3)),
    columnLPS: unit(orientation.slice(3, 6)),
    positionLPS: [position[0] ?? 0, position[1] ?? 0, position[2] ?? 0],
  };
}

function assertSameFrame(
  first: SliceFile & { frame: Frame },
  slice: SliceFile & { frame: Frame },
  caseId: string | undefined,
): void {
  const a = first.frame;
  const b = slice.frame;
  const context = { caseId, file: slice.file };
  const fix = `differs from ${path.basename(first.file)} of the same series; the series mixes images`;
  if (a.rows !== b.rows || a.columns !== b.columns) {
    throw new InputError(
      `slice size ${b.columns}x${b.rows} ${fix} (${a.columns}x${a.rows})`,
      context,
    );
  }
  if (
    Math.abs(a.rowSpacingMm - b.rowSpacingMm) > 1e-4 ||
    Math.abs(a.columnSpacingMm - b.columnSpacingMm) > 1e-4
  ) {
    throw new InputError(`PixelSpacing ${fix}`, context);
  }
  const close = (u: Vec3, v: Vec3): boolean =>
    u.every((x, n) => Math.abs(x - (v[n] ?? NaN)) < 1e-4);
  if (!close(a.rowLPS, b.rowLPS) || !close(a.columnLPS, b.columnLPS)) {
    throw new InputError(`ImageOrientationPatient ${fix}`, context);
  }
}

type Sorted = SliceFile & { readonly frame: Frame; readonly along: number };

function checkGaps(
  sorted: readonly Sorted[],
  frame: Frame,
  options: DicomSeriesReadOptions,
  context: ErrorContext,
): number {
  const tolerance = options.sliceGapToleranceMm ?? 0.01;
  if (sorted.length < 2) {
    const ds = sorted[0]?.dicom.dataSet;
    const thickness = ds?.number(TAGS.SpacingBetweenSlices) ?? ds?.number(TAGS.SliceThickness);
    return thickness !== undefined && thickness > 0
      ? thickness
      : Math.min(frame.rowSpacingMm, frame.columnSpacingMm);
  }
  const at = (n: number): Sorted => sorted[n] as Sorted;
  const where = (s: Sorted): string => `${s.along.toFixed(3)} mm (${path.basename(s.file)})`;
  const gaps = sorted.slice(1).map((s, n) => s.along - at(n).along);

  for (let n = 0; n < gaps.length; n++) {
    if ((gaps[n] ?? 0) < tolerance) {
      throw new InputError(
        `two slices lie at the same position along the slice normal, ${where(at(n))} and ` +
          `${where(at(n + 1))}; the folder mixes acquisitions or holds a copy of a slice: ` +
          'remove the extra files',
        context,
      );
    }
  }
  const spacing = [...gaps].sort((a, b) => a - b)[Math.floor((gaps.length - 1) / 2)] ?? 1;
  const missing: string[] = [];
  const uneven: string[] = [];
  gaps.forEach((gap, n) => {
    if (Math.abs(gap - spacing) <= tolerance) return;
    const multiple = Math.round(gap / spacing);
    if (multiple >= 2 && Math.abs(gap - multiple * spacing) <= tolerance * multiple) {
      const expected = Array.from({ length: multiple - 1 }, (_, m) =>
        (at(n).along + (m + 1) * spacing).toFixed(3),
      );
      missing.push(
        `between ${where(at(n))} and ${where(at(n + 1))} the gap is ${gap.toFixed(3)} mm: ` +
          `${multiple - 1} slice(s) missing at ${expected.join(', ')} mm`,
      );
    } else {
      uneven.push(`${gap.toFixed(3)} mm between ${where(at(n))} and ${where(at(n + 1))}`);
    }
  });
  const positions = 'positions are along the slice normal';
  if (missing.length > 0) {
    throw new InputError(
      `missing slice: the series spacing is ${spacing.toFixed(3)} mm but ${missing.join('; ')} ` +
        `(${positions}); add the missing files or export the series again`,
      context,
    );
  }
  if (uneven.length > 0) {
    throw new InputError(
      `non-uniform slice spacing: the series spacing is ${spacing.toFixed(3)} mm (tolerance ` +
        `${tolerance} mm) but the gap is ${uneven.slice(0, 5).join('; ')}` +
        `${uneven.length > 5 ? ` and ${uneven.length - 5} more` : ''} (${positions}); ` +
        'resample the series to a uniform spacing, or raise sliceGapToleranceMm',
      context,
    );
  }
  return (at(sorted.length - 1).along - at(0).along) / (sorted.length - 1);
}

function assertNotSheared(
  sorted: readonly Sorted[],
  normal: Vec3,
  spacingMm: number,
  options: DicomSeriesReadOptions,
  context: ErrorContext,
): void {
  const tolerance = Math.max(options.sliceGapToleranceMm ?? 0.01, 0.01);
  const origin = sorted[0]?.frame.positionLPS;
  if (origin === undefined) return;
  sorted.forEach((slice, k) => {
    const p = slice.frame.positionLPS;
    const off = Math.hypot(
      p[0] - origin[0] - k * spacingMm * normal[0],
      p[1] - origin[1] - k * spacingMm * normal[1],
      p[2] - origin[2] - k * spacingMm * normal[2],
    );
    if (off > tolerance * Math.max(1, k)) {
      throw new InputError(
        `slice ${path.basename(slice.file)} is ${off.toFixed(3)} mm off the line through the ` +
          'first slice along the slice normal: the stack is sheared (gantry tilt), which a ' +
          'Volume cannot hold; resample the series onto an orthogonal grid first',
        context,
      );
    }
  });
}

function decodeSlice(slice: Sorted, out: Float32Array, caseId: string | undefined): void {
  const ds: DicomDataSet = slice.dicom.dataSet;
  const context = { caseId, file: slice.file };
  const pixelElement = ds.elements.get(TAGS.PixelData);
  if (pixelElement?.fragments !== undefined) {
    throw new InputError(
      `the pixel data are compressed (transfer syntax ${slice.dicom.transferSyntaxUid}); ` +
        'only uncompressed DICOM is read: decompress the series first (e.g. gdcmconv --raw ' +
        'or dcmdjpeg)',
      context,
    );
  }
  const samples = ds.number(TAGS.SamplesPerPixel) ?? 1;
  if (samples !== 1) {
    throw new InputError(`SamplesPerPixel is ${samples}; only grey-level images are read`, context);
  }
  const bitsAllocated = ds.number(TAGS.BitsAllocated) ?? 16;
  const bitsStored = ds.number(TAGS.BitsStored) ?? bitsAllocated;
  const signed = (ds.number(TAGS.PixelRepresentation) ?? 0) === 1;
  if (bitsAllocated !== 8 && bitsAllocated !== 16 && bitsAllocated !== 32) {
    throw new InputError(
      `BitsAllocated is ${bitsAllocated}; expected 8, 16 or 32 for an image`,
      context,
    );
  }
  const bytesPer = bitsAllocated / 8;
  const pixels = pixelElement?.value ?? new Uint8Array(0);
  if (pixels.length < out.length * bytesPer) {
    throw new InputError(
      `the pixel data hold ${pixels.length} bytes but ${slice.frame.columns}x` +
        `${slice.frame.rows} pixels of ${bitsAllocated} bits need ${out.length * bytesPer}; ` +
        'the file is truncated',
      context,
    );
  }
  const slope = ds.number(TAGS.RescaleSlope) ?? 1;
  const intercept = ds.number(TAGS.RescaleIntercept) ?? 0;
  const shift = 32 - Math.min(bitsStored, bitsAllocated);
  const stored = storedValues(pixels, bytesPer, out.length, ds.littleEndian);
  for (let n = 0; n < out.length; n++) {
    const raw = stored[n] ?? 0;
    // Keep the BitsStored low bits, sign-extended for PixelRepresentation 1.
    const value = signed ? (raw << shift) >> shift : (raw << shift) >>> shift;
    out[n] = slope * value + intercept;
  }
}

/** The stored pixel words as unsigned integers, without copying when they are aligned. */
function storedValues(
  pixels: Uint8Array,
  bytesPer: number,
  count: number,
  little: boolean,
): Uint8Array | Uint16Array | Uint32Array {
  if (bytesPer === 1) return pixels.subarray(0, count);
  const nativeLittle = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  if (little === nativeLittle && pixels.byteOffset % bytesPer === 0) {
    return bytesPer === 2
      ? new Uint16Array(pixels.buffer, pixels.byteOffset, count)
      : new Uint32Array(pixels.buffer, pixels.byteOffset, count);
  }
  const view = new DataView(pixels.buffer, pixels.byteOffset, pixels.byteLength);
  const out = bytesPer === 2 ? new Uint16Array(count) : new Uint32Array(count);
  for (let n = 0; n < count; n++) {
    out[n] = bytesPer === 2 ? view.getUint16(2 * n, little) : view.getUint32(4 * n, little);
  }
  return out;
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
