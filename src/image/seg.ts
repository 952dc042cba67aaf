/**
 * DICOM Segmentation (SEG) objects placed onto an image grid.
 *
 * A SEG is one multi-frame object: each frame is one plane of one segment.
 * The frame's segment (SegmentIdentificationSequence), position
 * (PlanePositionSequence), orientation (PlaneOrientationSequence) and pixel
 * spacing (PixelMeasuresSequence) are read from its per-frame functional group,
 * falling back to the shared one.
 *
 * 1. The segment is chosen by number or label; a SEG with one segment needs
 *    neither, otherwise the error lists them.
 * 2. Each frame of that segment must lie in a slice plane of the image, with
 *    the image's row and column directions and pixel spacing, and its first
 *    pixel on a voxel centre (within `toleranceMm`); frames may be cropped
 *    (smaller than the image, offset by whole voxels).
 * 3. BINARY segmentations are 1 bit per pixel, packed without padding across
 *    frames, lowest bit first; FRACTIONAL ones are 8 bits, inside when the value
 *    is at least half of MaximumFractionalValue.
 *
 * Not yet: SEG frames on a grid other than the image's (another spacing or an
 * oblique plane); refused with an error until resampling of masks exists.
 */

import { GeometryError, InputError, type ErrorContext } from '../errors.js';
import { readInputFile } from './read-input-file.js';
import { parseDicom, type DicomDataSet } from './dicom/dicom-file.js';
import { TAGS } from './dicom/tags.js';
import { lpsToIndex, type Grid, type Mask, type Vec3 } from './volume.js';

export interface SegReadOptions {
  readonly segmentNumber?: number;
  readonly segmentLabel?: string;
  readonly caseId?: string;
  /** Largest accepted distance of a frame from the image's voxel centres, in mm; default 0.01. */
  readonly toleranceMm?: number;
}

export interface SegSegment {
  readonly number: number;
  readonly label: string;
  readonly frameCount: number;
}

/** Reads a SEG file and places one segment onto `image`'s grid. */
export async function readSeg(
  path: string,
  image: Grid,
  options: SegReadOptions = {},
): Promise<Mask> {
  const context: ErrorContext = { caseId: options.caseId, file: path };
  const bytes = await readInputFile(path, context, { what: 'SEG file' });
  return rasteriseSeg(parseDicom(bytes, context).dataSet, image, { ...options, file: path });
}

/** The segments of a SEG with the number of frames each has. */
export function listSegSegments(dataSet: DicomDataSet): SegSegment[] {
  const frames = frameGroups(dataSet);
  return dataSet.sequence(TAGS.SegmentSequence).map((item) => {
    const number = item.number(TAGS.SegmentNumber) ?? NaN;
    return {
      number,
      label: item.string(TAGS.SegmentLabel) ?? '',
      frameCount: frames.filter((f) => frameSegment(f) === number).length,
    };
  });
}

/** Places one segment of a parsed SEG onto `image`'s grid (rules in the file header). */
export function rasteriseSeg(
  dataSet: DicomDataSet,
  image: Grid,
  options: SegReadOptions & { readonly file?: string } = {},
): Mask {
  const context: ErrorContext = { caseId: options.caseId, file: options.file };
  const modality = dataSet.string(TAGS.Modality);
  if (modality !== 'SEG') {
    throw new InputError(
      `the file is a DICOM ${modality ?? '(no modality)'} object, not a SEG; give the segmentation file`,
      context,
    );
  }
  const type = (dataSet.string(TAGS.SegmentationType) ?? 'BINARY').toUpperCase();
  if (type !== 'BINARY' && type !== 'FRACTIONAL') {
    throw new InputError(`SegmentationType is "${type}", expected BINARY or FRACTIONAL`, context);
  }
  const pixelElement = dataSet.elements.get(TAGS.PixelData);
  if (pixelElement?.fragments !== undefined) {
    throw new InputError(
      'the SEG pixel data are compressed; only uncompressed SEG objects are read: ' +
        'decompress it first (e.g. gdcmconv --raw)',
      context,
    );
  }

  // 1. The segment.
  const segment = chooseSegment(listSegSegments(dataSet), options, context);

  // 2. Frames and pixel layout.
  const rows = dataSet.number(TAGS.Rows) ?? 0;
  const columns = dataSet.number(TAGS.Columns) ?? 0;
  const frames = frameGroups(dataSet);
  const bits = type === 'BINARY' ? 1 : 8;
  const pixels = pixelElement?.value ?? new Uint8Array(0);
  const neededBytes = Math.ceil((frames.length * rows * columns * bits) / 8);
  if (rows < 1 || columns < 1 || pixels.length < neededBytes) {
    throw new InputError(
      `${frames.length} frames of ${columns}x${rows} pixels need ${neededBytes} bytes of pixel ` +
        `data but the file has ${pixels.length}; the file is truncated or damaged`,
      context,
    );
  }
  const maxFraction = dataSet.number(TAGS.MaximumFractionalValue) ?? 255;
  const tolerance = options.toleranceMm ?? 0.01;

  // 3. Each frame of the segment onto its slice.
  const [nx, ny, nz] = image.dims;
  const data = new Uint8Array(nx * ny * nz);
  let inside = 0;
  frames.forEach((frame, f) => {
    if (frameSegment(frame) !== segment.number) return;
    const place = framePlacement(frame, image, tolerance, f, context);
    for (let r = 0; r < rows; r++) {
      const j = place.j + r;
      if (j < 0 || j >= ny) continue;
      for (let c = 0; c < columns; c++) {
        const i = place.i + c;
        if (i < 0 || i >= nx) continue;
        const p = f * rows * columns + r * columns + c;
        const on =
          bits === 1
            ? (((pixels[p >> 3] ?? 0) >> (p & 7)) & 1) === 1
            : (pixels[p] ?? 0) >= maxFraction / 2;
        const n = i + nx * (j + ny * place.k);
        if (on && data[n] === 0) {
          data[n] = 1;
          inside++;
        }
      }
    }
  });
  if (inside === 0) {
    throw new InputError(
      `segment ${segment.number} "${segment.label}" has no pixel on the image; ` +
        'check that the SEG belongs to this image or choose another segment',
      context,
    );
  }
  return {
    data,
    dims: image.dims,
    spacingMm: image.spacingMm,
    originLPS: image.originLPS,
    direction: image.direction,
  };
}

interface FrameGroup {
  readonly own: DicomDataSet | undefined;
  readonly shared: DicomDataSet | undefined;
}

function frameGroups(dataSet: DicomDataSet): FrameGroup[] {
  const shared = dataSet.sequence(TAGS.SharedFunctionalGroupsSequence)[0];
  const perFrame = dataSet.sequence(TAGS.PerFrameFunctionalGroupsSequence);
  const count = dataSet.number(TAGS.NumberOfFrames) ?? perFrame.length;
  return Array.from({ length: count }, (_, f) => ({ own: perFrame[f], shared }));
}

/** The first item of a functional group macro, per-frame first, then shared. */
function macro(frame: FrameGroup, sequenceTag: number): DicomDataSet | undefined {
  return frame.own?.sequence(sequenceTag)[0] ?? frame.shared?.sequence(sequenceTag)[0];
}

function frameSegment(frame: FrameGroup): number | undefined {
  return macro(frame, TAGS.SegmentIdentificationSequence)?.number(TAGS.ReferencedSegmentNumber);
}

function chooseSegment(
  segments: readonly SegSegment[],
  options: SegReadOptions,
  context: ErrorContext,
): SegSegment {
  const list =
    segments.map((s) => `${s.number} "${s.label}" (${s.frameCount} frames)`).join(', ') || 'none';
  let found: SegSegment | undefined;
  if (options.segmentNumber !== undefined) {
    found = segments.find((s) => s.number === options.segmentNumber);
  } else if (options.segmentLabel !== undefined) {
    const wanted = options.segmentLabel.trim().toLowerCase();
    found =
      segments.find((s) => s.label === options.segmentLabel) ??
      segments.find((s) => s.label.trim().toLowerCase() === wanted);
  } else if (segments.length === 1) {
    found = segments[0];
  } else {
    throw new InputError(
      `the SEG holds ${segments.length} segments (${list}) and none was chosen; ` +
        'give the segment number (--label N, or a Label column in a cases file) or label',
      context,
    );
  }
  if (found === undefined) {
    const asked =
      options.segmentNumber !== undefined
        ? `number ${options.segmentNumber}`
        : `label "${options.segmentLabel ?? ''}"`;
    throw new InputError(
      `the SEG has no segment with ${asked}; segments present: ${list}`,
      context,
    );
  }
  return found;
}

function framePlacement(
  frame: FrameGroup,
  image: Grid,
  toleranceMm: number,
  index: number,
  context: ErrorContext,
): { i: number; j: number; k: number } {
  const position =
    macro(frame, TAGS.PlanePositionSequence)?.numbers(TAGS.ImagePositionPatient) ?? [];
  const orientation =
    macro(frame, TAGS.PlaneOrientationSequence)?.numbers(TAGS.ImageOrientationPatient) ?? [];
  const spacing = macro(frame, TAGS.PixelMeasuresSequence)?.numbers(TAGS.PixelSpacing) ?? [];
  if (position.length < 3 || orientation.length < 6) {
    throw new InputError(
      `frame ${index + 1} has no ImagePositionPatient or ImageOrientationPatient in its ` +
        'functional groups, so it cannot be placed',
      context,
    );
  }
  const d = image.direction;
  const rowMatches = [d[0], d[3], d[6]].every(
    (v, n) => Math.abs(v - (orientation[n] ?? NaN)) < 1e-3,
  );
  const columnMatches = [d[1], d[4], d[7]].every(
    (v, n) => Math.abs(v - (orientation[n + 3] ?? NaN)) < 1e-3,
  );
  const spacingMatches =
    spacing.length < 2 ||
    (Math.abs((spacing[0] ?? NaN) - image.spacingMm[1]) <= toleranceMm &&
      Math.abs((spacing[1] ?? NaN) - image.spacingMm[0]) <= toleranceMm);
  if (!rowMatches || !columnMatches || !spacingMatches) {
    throw new GeometryError(
      `frame ${index + 1} lies on another grid than the image (orientation ` +
        `${orientation.join('\\')}, pixel spacing ${spacing.join('\\')} mm); SEG frames must ` +
        'share the image slices: resample the segmentation onto the image first',
      context,
    );
  }
  const ijk = lpsToIndex(image, [position[0] ?? 0, position[1] ?? 0, position[2] ?? 0] as Vec3);
  const rounded = ijk.map(Math.round) as [number, number, number];
  const offMm = Math.hypot(
    ...ijk.map((v, n) => (v - (rounded[n] ?? 0)) * (image.spacingMm[n] ?? 1)),
  );
  if (offMm > toleranceMm || rounded[2] < 0 || rounded[2] >= image.dims[2]) {
    throw new GeometryError(
      `frame ${index + 1} at (${position.slice(0, 3).join(', ')}) mm is not on a slice of the ` +
        `image (nearest voxel (${rounded.join(', ')}), ${offMm.toFixed(3)} mm away; tolerance ` +
        `${toleranceMm} mm); check that the SEG belongs to this image`,
      context,
    );
  }
  return { i: rounded[0], j: rounded[1], k: rounded[2] };
}
