/**
 * Small synthetic DICOM objects for tests: CT slices and structure sets
 * written with `encodeDicom` into a temporary folder.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { encodeDicom, type DicomElementSpec, type TransferSyntaxName } from './encode.js';
import { TAGS } from './tags.js';

export interface SyntheticSlice {
  readonly seriesUid?: string;
  readonly description?: string;
  readonly instanceNumber?: number;
  /** ImagePositionPatient, LPS mm. */
  readonly positionLPS: readonly [number, number, number];
  /** Six direction cosines; default axial (1,0,0, 0,1,0). */
  readonly orientation?: readonly number[];
  readonly rows?: number;
  readonly columns?: number;
  readonly pixelSpacingMm?: readonly [number, number];
  /** Stored values, row by row; default: value = 10 * row + column + 100 * instanceNumber. */
  readonly stored?: readonly number[];
  readonly signed?: boolean;
  readonly bitsStored?: number;
  readonly slope?: number;
  readonly intercept?: number;
  readonly transferSyntax?: TransferSyntaxName;
  readonly frameOfReferenceUid?: string;
}

export const SYNTHETIC_FRAME_UID = '1.2.826.0.1.3680043.10.1.1';

export function syntheticSlice(slice: SyntheticSlice): Uint8Array {
  const rows = slice.rows ?? 3;
  const columns = slice.columns ?? 4;
  const instance = slice.instanceNumber ?? 1;
  const stored =
    slice.stored ??
    Array.from(
      { length: rows * columns },
      (_, n) => 10 * Math.floor(n / columns) + (n % columns) + 100 * instance,
    );
  const signed = slice.signed ?? false;
  const pixels = new Uint8Array(rows * columns * 2);
  const view = new DataView(pixels.buffer);
  const little = slice.transferSyntax !== 'explicitBig';
  stored.forEach((v, n) => {
    if (signed) view.setInt16(2 * n, v, little);
    else view.setUint16(2 * n, v, little);
  });
  const ds = (values: readonly number[]): string => values.map((v) => String(v)).join('\\');
  const elements: DicomElementSpec[] = [
    { tag: TAGS.SOPClassUID, vr: 'UI', value: '1.2.840.10008.5.1.4.1.1.2' },
    { tag: TAGS.SOPInstanceUID, vr: 'UI', value: `1.2.826.0.1.3680043.10.2.${instance}` },
    { tag: TAGS.Modality, vr: 'CS', value: 'CT' },
    { tag: TAGS.SeriesDescription, vr: 'LO', value: slice.description ?? 'synthetic' },
    { tag: TAGS.SeriesInstanceUID, vr: 'UI', value: slice.seriesUid ?? '1.2.826.0.1.3680043.10.3' },
    { tag: TAGS.InstanceNumber, vr: 'IS', value: String(instance) },
    { tag: TAGS.ImagePositionPatient, vr: 'DS', value: ds(slice.positionLPS) },
    {
      tag: TAGS.ImageOrientationPatient,
      vr: 'DS',
      value: ds(slice.orientation ?? [1, 0, 0, 0, 1, 0]),
    },
    {
      tag: TAGS.FrameOfReferenceUID,
      vr: 'UI',
      value: slice.frameOfReferenceUid ?? SYNTHETIC_FRAME_UID,
    },
    { tag: TAGS.SamplesPerPixel, vr: 'US', value: [1] },
    { tag: TAGS.PhotometricInterpretation, vr: 'CS', value: 'MONOCHROME2' },
    { tag: TAGS.Rows, vr: 'US', value: [rows] },
    { tag: TAGS.Columns, vr: 'US', value: [columns] },
    { tag: TAGS.PixelSpacing, vr: 'DS', value: ds(slice.pixelSpacingMm ?? [0.5, 0.75]) },
    { tag: TAGS.BitsAllocated, vr: 'US', value: [16] },
    { tag: TAGS.BitsStored, vr: 'US', value: [slice.bitsStored ?? 16] },
    { tag: TAGS.HighBit, vr: 'US', value: [(slice.bitsStored ?? 16) - 1] },
    { tag: TAGS.PixelRepresentation, vr: 'US', value: [signed ? 1 : 0] },
    { tag: TAGS.RescaleIntercept, vr: 'DS', value: String(slice.intercept ?? 0) },
    { tag: TAGS.RescaleSlope, vr: 'DS', value: String(slice.slope ?? 1) },
    { tag: TAGS.PixelData, vr: 'OW', value: pixels },
  ];
  return encodeDicom(elements, slice.transferSyntax ?? 'explicitLittle');
}

/** Writes the slices as `file-0.dcm`, `file-1.dcm`, ... into a new temporary folder. */
export async function writeSeries(
  slices: readonly SyntheticSlice[],
  prefix = 'slice',
): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'radfusion-dicom-'));
  await Promise.all(
    slices.map((s, n) => writeFile(path.join(folder, `${prefix}-${n}.dcm`), syntheticSlice(s))),
  );
  return folder;
}

export interface SyntheticContour {
  /** Points (x, y, z) in LPS mm. */
  readonly pointsLPS: readonly (readonly [number, number, number])[];
  readonly type?: string;
}

/** An RTSTRUCT with the given ROIs, sequences written with undefined lengths when asked. */
export function syntheticRtStruct(
  rois: readonly { name: string; contours: readonly SyntheticContour[] }[],
  options: {
    readonly undefinedLength?: boolean;
    readonly transferSyntax?: TransferSyntaxName;
  } = {},
): Uint8Array {
  const undefinedLength = options.undefinedLength ?? false;
  const elements: DicomElementSpec[] = [
    { tag: TAGS.SOPClassUID, vr: 'UI', value: '1.2.840.10008.5.1.4.1.1.481.3' },
    { tag: TAGS.Modality, vr: 'CS', value: 'RTSTRUCT' },
    {
      tag: TAGS.ReferencedFrameOfReferenceSequence,
      vr: 'SQ',
      undefinedLength,
      value: [[{ tag: TAGS.FrameOfReferenceUID, vr: 'UI', value: SYNTHETIC_FRAME_UID }]],
    },
    {
      tag: TAGS.StructureSetROISequence,
      vr: 'SQ',
      undefinedLength,
      value: rois.map((roi, n) => [
        { tag: TAGS.ROINumber, vr: 'IS', value: String(n + 1) },
        { tag: TAGS.ROIName, vr: 'LO', value: roi.name },
      ]),
    },
    {
      tag: TAGS.ROIContourSequence,
      vr: 'SQ',
      undefinedLength,
      value: rois.map((roi, n) => [
        { tag: TAGS.ReferencedROINumber, vr: 'IS', value: String(n + 1) },
        {
          tag: TAGS.ContourSequence,
          vr: 'SQ',
          undefinedLength,
          value: roi.contours.map((contour) => [
            { tag: TAGS.ContourGeometricType, vr: 'CS', value: contour.type ?? 'CLOSED_PLANAR' },
            { tag: TAGS.NumberOfContourPoints, vr: 'IS', value: String(contour.pointsLPS.length) },
            { tag: TAGS.ContourData, vr: 'DS', value: contour.pointsLPS.flat().join('\\') },
          ]),
        },
      ]),
    },
  ];
  return encodeDicom(elements, options.transferSyntax ?? 'implicitLittle');
}

export interface SyntheticSegFrame {
  readonly segment: number;
  readonly positionLPS: readonly [number, number, number];
  /** 0/1 (binary) or 0..255 (fractional) per pixel, row by row. */
  readonly pixels: readonly number[];
}

/** A SEG with per-frame positions and segments, shared orientation and spacing. */
export function syntheticSeg(options: {
  readonly segments: readonly { number: number; label: string }[];
  readonly frames: readonly SyntheticSegFrame[];
  readonly rows: number;
  readonly columns: number;
  readonly pixelSpacingMm?: readonly [number, number];
  readonly orientation?: readonly number[];
  readonly fractional?: boolean;
  readonly undefinedLength?: boolean;
}): Uint8Array {
  const { rows, columns, frames } = options;
  const perFrame = rows * columns;
  const fractional = options.fractional ?? false;
  const pixels = new Uint8Array(
    fractional ? frames.length * perFrame : Math.ceil((frames.length * perFrame) / 8),
  );
  frames.forEach((frame, f) => {
    frame.pixels.forEach((v, p) => {
      const at = f * perFrame + p;
      if (fractional) pixels[at] = v;
      else if (v !== 0) pixels[at >> 3] = (pixels[at >> 3] ?? 0) | (1 << (at & 7));
    });
  });
  const undefinedLength = options.undefinedLength ?? false;
  const spacing = (options.pixelSpacingMm ?? [1, 1]).join('\\');
  const elements: DicomElementSpec[] = [
    { tag: TAGS.SOPClassUID, vr: 'UI', value: '1.2.840.10008.5.1.4.1.1.66.4' },
    { tag: TAGS.Modality, vr: 'CS', value: 'SEG' },
    { tag: TAGS.NumberOfFrames, vr: 'IS', value: String(frames.length) },
    { tag: TAGS.Rows, vr: 'US', value: [rows] },
    { tag: TAGS.Columns, vr: 'US', value: [columns] },
    { tag: TAGS.BitsAllocated, vr: 'US', value: [fractional ? 8 : 1] },
    { tag: TAGS.SegmentationType, vr: 'CS', value: fractional ? 'FRACTIONAL' : 'BINARY' },
    ...(fractional ? [{ tag: TAGS.MaximumFractionalValue, vr: 'US', value: [255] }] : []),
    {
      tag: TAGS.SegmentSequence,
      vr: 'SQ',
      undefinedLength,
      value: options.segments.map((s) => [
        { tag: TAGS.SegmentNumber, vr: 'US', value: [s.number] },
        { tag: TAGS.SegmentLabel, vr: 'LO', value: s.label },
      ]),
    },
    {
      tag: TAGS.SharedFunctionalGroupsSequence,
      vr: 'SQ',
      undefinedLength,
      value: [
        [
          {
            tag: TAGS.PlaneOrientationSequence,
            vr: 'SQ',
            undefinedLength,
            value: [
              [
                {
                  tag: TAGS.ImageOrientationPatient,
                  vr: 'DS',
                  value: (options.orientation ?? [1, 0, 0, 0, 1, 0]).join('\\'),
                },
              ],
            ],
          },
          {
            tag: TAGS.PixelMeasuresSequence,
            vr: 'SQ',
            undefinedLength,
            value: [[{ tag: TAGS.PixelSpacing, vr: 'DS', value: spacing }]],
          },
        ],
      ],
    },
    {
      tag: TAGS.PerFrameFunctionalGroupsSequence,
      vr: 'SQ',
      undefinedLength,
      value: frames.map((frame) => [
        {
          tag: TAGS.PlanePositionSequence,
          vr: 'SQ',
          undefinedLength,
          value: [
            [{ tag: TAGS.ImagePositionPatient, vr: 'DS', value: frame.positionLPS.join('\\') }],
          ],
        },
        {
          tag: TAGS.SegmentIdentificationSequence,
          vr: 'SQ',
          undefinedLength,
          value: [[{ tag: TAGS.ReferencedSegmentNumber, vr: 'US', value: [frame.segment] }]],
        },
      ]),
    },
    { tag: TAGS.PixelData, vr: 'OB', value: pixels },
  ];
  return encodeDicom(elements, 'explicitLittle');
}

/**
 * A multi-frame (enhanced) CT: frame f has position `positionsLPS[f]` and
 * stored values `100 * (f + 1) + 10 * row + column`; shared orientation,
 * spacing and rescale (slope 2, intercept -1000).
 */
export function syntheticEnhancedCt(options: {
  readonly positionsLPS: readonly (readonly [number, number, number])[];
  readonly rows?: number;
  readonly columns?: number;
  readonly undefinedLength?: boolean;
}): Uint8Array {
  const rows = options.rows ?? 3;
  const columns = options.columns ?? 4;
  const frames = options.positionsLPS.length;
  const pixels = new Uint8Array(frames * rows * columns * 2);
  const view = new DataView(pixels.buffer);
  for (let f = 0; f < frames; f++) {
    for (let p = 0; p < rows * columns; p++) {
      const value = 100 * (f + 1) + 10 * Math.floor(p / columns) + (p % columns);
      view.setUint16(2 * (f * rows * columns + p), value, true);
    }
  }
  const undefinedLength = options.undefinedLength ?? false;
  const item = (tagValue: number, inner: DicomElementSpec[]): DicomElementSpec => ({
    tag: tagValue,
    vr: 'SQ',
    undefinedLength,
    value: [inner],
  });
  const elements: DicomElementSpec[] = [
    { tag: TAGS.SOPClassUID, vr: 'UI', value: '1.2.840.10008.5.1.4.1.1.2.1' },
    { tag: TAGS.SOPInstanceUID, vr: 'UI', value: '1.2.826.0.1.3680043.10.4.1' },
    { tag: TAGS.Modality, vr: 'CS', value: 'CT' },
    { tag: TAGS.SeriesInstanceUID, vr: 'UI', value: '1.2.826.0.1.3680043.10.5' },
    { tag: TAGS.FrameOfReferenceUID, vr: 'UI', value: SYNTHETIC_FRAME_UID },
    { tag: TAGS.SamplesPerPixel, vr: 'US', value: [1] },
    { tag: TAGS.NumberOfFrames, vr: 'IS', value: String(frames) },
    { tag: TAGS.Rows, vr: 'US', value: [rows] },
    { tag: TAGS.Columns, vr: 'US', value: [columns] },
    { tag: TAGS.BitsAllocated, vr: 'US', value: [16] },
    { tag: TAGS.BitsStored, vr: 'US', value: [16] },
    { tag: TAGS.PixelRepresentation, vr: 'US', value: [0] },
    {
      tag: TAGS.SharedFunctionalGroupsSequence,
      vr: 'SQ',
      undefinedLength,
      value: [
        [
          item(TAGS.PlaneOrientationSequence, [
            { tag: TAGS.ImageOrientationPatient, vr: 'DS', value: '1\\0\\0\\0\\1\\0' },
          ]),
          item(TAGS.PixelMeasuresSequence, [
            { tag: TAGS.PixelSpacing, vr: 'DS', value: '0.5\\0.75' },
            { tag: TAGS.SliceThickness, vr: 'DS', value: '2' },
          ]),
          item(TAGS.PixelValueTransformationSequence, [
            { tag: TAGS.RescaleIntercept, vr: 'DS', value: '-1000' },
            { tag: TAGS.RescaleSlope, vr: 'DS', value: '2' },
          ]),
        ],
      ],
    },
    {
      tag: TAGS.PerFrameFunctionalGroupsSequence,
      vr: 'SQ',
      undefinedLength,
      value: options.positionsLPS.map((p) => [
        item(TAGS.PlanePositionSequence, [
          { tag: TAGS.ImagePositionPatient, vr: 'DS', value: p.join('\\') },
        ]),
      ]),
    },
    { tag: TAGS.PixelData, vr: 'OW', value: pixels },
  ];
  return encodeDicom(elements, 'explicitLittle');
}
