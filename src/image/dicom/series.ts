/**
 * A CT (or other image) series read from a folder of DICOM files: classic
 * single-frame slices, or multi-frame (enhanced) files whose frames are the
 * slices (see `slices.ts`).
 *
 * 1. Every file of the folder (and of its subfolders with `recursive`) that is
 *    DICOM Part 10 and holds pixel data is grouped by SeriesInstanceUID; other
 *    files (DICOMDIR,
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
 *    slice (per frame), after masking to BitsStored and sign extension when
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
import { isDicomPart10, parseDicom, type DicomFile } from './dicom-file.js';
import { decodeSlice, slicesOf, type DicomSlice } from './slices.js';
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
  /** The file of each slice, in slice order (k = 0 first); repeated for multi-frame files. */
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
  const slices = chosen.flatMap((file) => slicesOf(file.file, file.dicom, options.caseId));
  const first = slices[0];
  if (first === undefined) throw new InputError('the series has no slice', context);
  for (const slice of slices) assertSameFrame(first, slice, options.caseId);
  const normal = cross(first.rowLPS, first.columnLPS);
  const sorted = slices
    .map((slice) => ({ ...slice, along: dot(normal, slice.positionLPS) }))
    .sort((a, b) => a.along - b.along);
  const sliceSpacingMm = checkGaps(sorted, first, options, context);
  assertNotSheared(sorted, normal, sliceSpacingMm, options, context);

  // 3. Voxels.
  const { rows, columns } = first;
  const perSlice = rows * columns;
  const data = new Float32Array(perSlice * sorted.length);
  sorted.forEach((slice, k) => {
    decodeSlice(slice, data.subarray(k * perSlice, (k + 1) * perSlice), options.caseId);
  });

  const origin = sorted[0]?.positionLPS ?? first.positionLPS;
  const r = first.rowLPS;
  const c = first.columnLPS;
  // `+ 0` turns a -0 from the cross product into 0.
  const direction = [r[0], c[0], normal[0], r[1], c[1], normal[1], r[2], c[2], normal[2]].map(
    (v) => v + 0,
  ) as unknown as Mat3;
  return {
    data,
    dims: [columns, rows, sorted.length],
    spacingMm: [first.columnSpacingMm, first.rowSpacingMm, sliceSpacingMm],
    originLPS: origin,
    direction,
    seriesInstanceUid: uid,
    frameOfReferenceUid: first.dicom.dataSet.string(TAGS.FrameOfReferenceUID),
    files: sorted.map((s) => s.file),
    sopInstanceUids: sorted.map((s) => s.sopInstanceUid),
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
    sliceCount: slices.reduce((n, s) => n + (s.dicom.dataSet.number(TAGS.NumberOfFrames) ?? 1), 0),
  };
}

function assertSameFrame(a: DicomSlice, b: DicomSlice, caseId: string | undefined): void {
  const context = { caseId, file: b.file };
  const fix = `differs from ${a.label} of the same series; the series mixes images`;
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

type Sorted = DicomSlice & { readonly along: number };

function checkGaps(
  sorted: readonly Sorted[],
  first: DicomSlice,
  options: DicomSeriesReadOptions,
  context: ErrorContext,
): number {
  const tolerance = options.sliceGapToleranceMm ?? 0.01;
  if (sorted.length < 2) {
    return first.nominalSpacingMm ?? Math.min(first.rowSpacingMm, first.columnSpacingMm);
  }
  const at = (n: number): Sorted => sorted[n] as Sorted;
  const where = (s: Sorted): string => `${s.along.toFixed(3)} mm (${s.label})`;
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
  const origin = sorted[0]?.positionLPS;
  if (origin === undefined) return;
  sorted.forEach((slice, k) => {
    const p = slice.positionLPS;
    const off = Math.hypot(
      p[0] - origin[0] - k * spacingMm * normal[0],
      p[1] - origin[1] - k * spacingMm * normal[1],
      p[2] - origin[2] - k * spacingMm * normal[2],
    );
    if (off > tolerance * Math.max(1, k)) {
      throw new InputError(
        `slice ${slice.label} is ${off.toFixed(3)} mm off the line through the ` +
          'first slice along the slice normal: the stack is sheared (gantry tilt), which a ' +
          'Volume cannot hold; resample the series onto an orthogonal grid first',
        context,
      );
    }
  });
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
