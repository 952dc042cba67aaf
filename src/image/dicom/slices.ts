/**
 * The image planes of one DICOM file: one for a classic single-frame image,
 * one per frame for a multi-frame (enhanced) image.
 *
 * Single-frame: position, orientation, spacing and rescale are top-level
 * attributes. Multi-frame: they come from each frame's functional groups
 * (PlanePositionSequence, PlaneOrientationSequence, PixelMeasuresSequence,
 * PixelValueTransformationSequence), per-frame first, then shared, then the
 * top level.
 *
 * `decodeSlice` turns a plane's stored words into rescaled values: the
 * BitsStored low bits are kept, sign-extended when PixelRepresentation is 1,
 * then `RescaleSlope * stored + RescaleIntercept`.
 */
import path from 'node:path';

import { InputError, type ErrorContext } from '../../errors.js';
import type { Vec3 } from '../volume.js';
import type { DicomDataSet, DicomFile } from './dicom-file.js';
import { TAGS } from './tags.js';

export interface DicomSlice {
  readonly file: string;
  /** 1-based frame number in a multi-frame file; undefined for a single-frame file. */
  readonly frameNumber: number | undefined;
  /** How errors name the plane: the file name, with the frame for multi-frame files. */
  readonly label: string;
  readonly sopInstanceUid: string;
  readonly rows: number;
  readonly columns: number;
  /** PixelSpacing[0]: between rows, along the j axis. */
  readonly rowSpacingMm: number;
  /** PixelSpacing[1]: between columns, along the i axis. */
  readonly columnSpacingMm: number;
  /** Direction of increasing column index (the i axis). */
  readonly rowLPS: Vec3;
  /** Direction of increasing row index (the j axis). */
  readonly columnLPS: Vec3;
  readonly positionLPS: Vec3;
  /** SpacingBetweenSlices, else SliceThickness, when given (used for a one-slice series). */
  readonly nominalSpacingMm: number | undefined;
  readonly slope: number;
  readonly intercept: number;
  /** The file this plane comes from (for pixel layout and transfer syntax). */
  readonly dicom: DicomFile;
}

/** The planes of `dicom`, read from `file`. */
export function slicesOf(file: string, dicom: DicomFile, caseId: string | undefined): DicomSlice[] {
  const ds = dicom.dataSet;
  const frames = ds.number(TAGS.NumberOfFrames) ?? 1;
  if (!(frames >= 1) || !Number.isInteger(frames)) {
    throw new InputError(`NumberOfFrames is ${frames}, expected a positive integer`, {
      caseId,
      file,
    });
  }
  if (frames === 1 && !ds.has(TAGS.PerFrameFunctionalGroupsSequence)) {
    return [planeOf(file, dicom, undefined, () => undefined, caseId)];
  }
  const shared = ds.sequence(TAGS.SharedFunctionalGroupsSequence)[0];
  const perFrame = ds.sequence(TAGS.PerFrameFunctionalGroupsSequence);
  return Array.from({ length: frames }, (_, f) =>
    planeOf(
      file,
      dicom,
      f + 1,
      (sequenceTag) => perFrame[f]?.sequence(sequenceTag)[0] ?? shared?.sequence(sequenceTag)[0],
      caseId,
    ),
  );
}

function planeOf(
  file: string,
  dicom: DicomFile,
  frameNumber: number | undefined,
  group: (sequenceTag: number) => DicomDataSet | undefined,
  caseId: string | undefined,
): DicomSlice {
  const ds = dicom.dataSet;
  const label = path.basename(file) + (frameNumber === undefined ? '' : ` frame ${frameNumber}`);
  const context: ErrorContext = { caseId, file };
  const where = frameNumber === undefined ? 'the slice' : `frame ${frameNumber}`;
  // An attribute of a functional group macro, else the top-level attribute.
  const numbers = (sequenceTag: number, attribute: number): number[] =>
    group(sequenceTag)?.numbers(attribute) ?? ds.numbers(attribute) ?? [];

  const position = numbers(TAGS.PlanePositionSequence, TAGS.ImagePositionPatient);
  const orientation = numbers(TAGS.PlaneOrientationSequence, TAGS.ImageOrientationPatient);
  const spacing = numbers(TAGS.PixelMeasuresSequence, TAGS.PixelSpacing);
  const rows = ds.number(TAGS.Rows);
  const columns = ds.number(TAGS.Columns);
  const finite = (values: number[], n: number): boolean =>
    values.length >= n && values.slice(0, n).every(Number.isFinite);
  if (!finite(position, 3) || !finite(orientation, 6)) {
    throw new InputError(
      `${where} has no usable ImagePositionPatient (0020,0032) or ImageOrientationPatient ` +
        `(0020,0037) (got "${position.join('\\')}" and "${orientation.join('\\')}"), so it ` +
        'cannot be placed; this series cannot be read as a volume',
      context,
    );
  }
  if (rows === undefined || columns === undefined || rows < 1 || columns < 1) {
    throw new InputError('the image has no Rows or Columns (0028,0010/0011)', context);
  }
  const rowSpacing = spacing[0];
  const columnSpacing = spacing[1] ?? spacing[0];
  if (
    rowSpacing === undefined ||
    columnSpacing === undefined ||
    !(rowSpacing > 0 && columnSpacing > 0)
  ) {
    throw new InputError(
      `PixelSpacing (0028,0030) of ${where} is "${spacing.join('\\')}", expected two ` +
        'positive numbers',
      context,
    );
  }
  const nominal =
    numbers(TAGS.PixelMeasuresSequence, TAGS.SpacingBetweenSlices)[0] ??
    numbers(TAGS.PixelMeasuresSequence, TAGS.SliceThickness)[0];
  const unit = (v: number[]): Vec3 => {
    const length = Math.hypot(v[0] ?? 0, v[1] ?? 0, v[2] ?? 0) || 1;
    return [(v[0] ?? 0) / length, (v[1] ?? 0) / length, (v[2] ?? 0) / length];
  };
  return {
    file,
    frameNumber,
    label,
    sopInstanceUid: ds.string(TAGS.SOPInstanceUID) ?? '',
    rows,
    columns,
    rowSpacingMm: rowSpacing,
    columnSpacingMm: columnSpacing,
    rowLPS: unit(orientation.slice(0, 3)),
    columnLPS: unit(orientation.slice(3, 6)),
    positionLPS: [position[0] ?? 0, position[1] ?? 0, position[2] ?? 0],
    nominalSpacingMm: nominal !== undefined && nominal > 0 ? nominal : undefined,
    slope: numbers(TAGS.PixelValueTransformationSequence, TAGS.RescaleSlope)[0] ?? 1,
    intercept: numbers(TAGS.PixelValueTransformationSequence, TAGS.RescaleIntercept)[0] ?? 0,
    dicom,
  };
}

/** Decodes one plane into `out` (rows x columns values, x fastest). */
export function decodeSlice(
  slice: DicomSlice,
  out: Float32Array,
  caseId: string | undefined,
): void {
  const ds = slice.dicom.dataSet;
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
  const frameBytes = out.length * bytesPer;
  const start = ((slice.frameNumber ?? 1) - 1) * frameBytes;
  const all = pixelElement?.value ?? new Uint8Array(0);
  if (all.length < start + frameBytes) {
    const frames = ds.number(TAGS.NumberOfFrames) ?? 1;
    throw new InputError(
      `the pixel data hold ${all.length} bytes but ${frames > 1 ? `${frames} frames of ` : ''}` +
        `${slice.columns}x${slice.rows} pixels of ${bitsAllocated} bits need ` +
        `${frames * frameBytes}; the file is truncated`,
      context,
    );
  }
  const pixels = all.subarray(start, start + frameBytes);
  const shift = 32 - Math.min(bitsStored, bitsAllocated);
  const stored = storedValues(pixels, bytesPer, out.length, ds.littleEndian);
  const { slope, intercept } = slice;
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
