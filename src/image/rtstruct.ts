/**
 * DICOM RT Structure Set (RTSTRUCT) contours rasterised onto an image grid.
 *
 * 1. The ROI is chosen by name (exact, then ignoring case and surrounding
 *    spaces); a structure set with a single ROI needs no name. An absent name
 *    is an error that lists the names present.
 * 2. Each closed planar contour (CLOSED_PLANAR, CLOSEDPLANAR_XOR) is mapped into
 *    continuous IJK coordinates of the image. Its points must share one k
 *    within `sliceToleranceMm` (else the contour plane is oblique to the image
 *    slices: refused), and that k must lie within the same tolerance of a slice
 *    centre, which becomes the contour's slice. POINT and OPEN_* contours
 *    enclose nothing and are passed over.
 * 3. On each slice, a voxel is inside when its centre is inside an odd number
 *    of the slice's contours (even-odd rule), so a contour drawn inside another
 *    is a hole. A centre exactly on an edge counts as inside. Every slice that
 *    carries a contour is filled, the first and the last included: no contour
 *    is dropped or moved to a neighbouring slice.
 *
 * Not yet: contours on planes oblique to the image slices; refused with an error until then.
 */

import { GeometryError, InputError, type ErrorContext } from '../errors.js';
import { readInputFile } from './read-input-file.js';
import { parseDicom, type DicomDataSet } from './dicom/dicom-file.js';
import { TAGS } from './dicom/tags.js';
import { lpsToIndex, type Grid, type Mask } from './volume.js';

export interface RtStructReadOptions {
  /** Name of the ROI to rasterise; may be left out when the structure set has one ROI. */
  readonly roiName?: string;
  readonly caseId?: string;
  /**
   * Largest accepted distance of a contour from the nearest slice centre, and
   * largest spread of a contour's points along the slice normal, in mm.
   * Default: a quarter of the image's slice spacing.
   */
  readonly sliceToleranceMm?: number;
  /** The image's FrameOfReferenceUID; when given, the structure set must refer to it. */
  readonly frameOfReferenceUid?: string;
}

export interface RtStructRoi {
  readonly number: number;
  readonly name: string;
  /** Closed planar contours of the ROI. */
  readonly contourCount: number;
}

/** Reads an RTSTRUCT file and rasterises one ROI onto `image`'s grid. */
export async function readRtStruct(
  path: string,
  image: Grid,
  options: RtStructReadOptions = {},
): Promise<Mask> {
  const context: ErrorContext = { caseId: options.caseId, file: path };
  const bytes = await readInputFile(path, context, { what: 'RTSTRUCT file' });
  const { dataSet } = parseDicom(bytes, context);
  return rasteriseRtStruct(dataSet, image, { ...options, file: path });
}

/** The ROIs of a structure set, in the order of StructureSetROISequence. */
export function listRtStructRois(dataSet: DicomDataSet): RtStructRoi[] {
  const contours = contoursByRoi(dataSet);
  return dataSet.sequence(TAGS.StructureSetROISequence).map((item) => {
    const number = item.number(TAGS.ROINumber) ?? NaN;
    return {
      number,
      name: item.string(TAGS.ROIName) ?? '',
      contourCount: (contours.get(number) ?? []).filter(isClosed).length,
    };
  });
}

/** Rasterises one ROI of a parsed RTSTRUCT onto `image`'s grid (rules in the file header). */
export function rasteriseRtStruct(
  dataSet: DicomDataSet,
  image: Grid,
  options: RtStructReadOptions & { readonly file?: string } = {},
): Mask {
  const context: ErrorContext = { caseId: options.caseId, file: options.file };
  const modality = dataSet.string(TAGS.Modality);
  if (modality !== undefined && modality !== 'RTSTRUCT') {
    throw new InputError(
      `the file is a DICOM ${modality} object, not an RTSTRUCT; give the structure set file`,
      context,
    );
  }
  checkFrameOfReference(dataSet, options, context);

  // 1. The ROI.
  const rois = listRtStructRois(dataSet);
  const roi = chooseRoi(rois, options.roiName, context);
  const contours = (contoursByRoi(dataSet).get(roi.number) ?? []).filter(isClosed);
  if (contours.length === 0) {
    throw new InputError(
      `ROI "${roi.name}" has no closed planar contour, so it encloses no voxel; ` +
        'choose another ROI',
      context,
    );
  }

  // 2. Contours in IJK, grouped by slice.
  const tolerance = options.sliceToleranceMm ?? image.spacingMm[2] / 4;
  const bySlice = new Map<number, Float64Array[]>();
  for (const contour of contours) {
    const polygon = contourToIndex(contour, image, tolerance, roi.name, context);
    const list = bySlice.get(polygon.k) ?? [];
    list.push(polygon.ij);
    bySlice.set(polygon.k, list);
  }

  // 3. Even-odd fill at voxel centres.
  const [nx, ny] = image.dims;
  const data = new Uint8Array(nx * ny * image.dims[2]);
  let inside = 0;
  for (const [k, polygons] of bySlice) {
    inside += fillSlice(polygons, nx, ny, data.subarray(k * nx * ny, (k + 1) * nx * ny));
  }
  if (inside === 0) {
    throw new InputError(
      `ROI "${roi.name}" encloses no voxel centre of the image (its contours are smaller ` +
        'than a voxel or outside the image); check that the RTSTRUCT belongs to this image',
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

function contoursByRoi(dataSet: DicomDataSet): Map<number, DicomDataSet[]> {
  const byRoi = new Map<number, DicomDataSet[]>();
  for (const item of dataSet.sequence(TAGS.ROIContourSequence)) {
    const number = item.number(TAGS.ReferencedROINumber) ?? NaN;
    byRoi.set(number, [...(byRoi.get(number) ?? []), ...item.sequence(TAGS.ContourSequence)]);
  }
  return byRoi;
}

function isClosed(contour: DicomDataSet): boolean {
  const type = contour.string(TAGS.ContourGeometricType) ?? 'CLOSED_PLANAR';
  return type === 'CLOSED_PLANAR' || type === 'CLOSEDPLANAR_XOR';
}

function checkFrameOfReference(
  dataSet: DicomDataSet,
  options: RtStructReadOptions,
  context: ErrorContext,
): void {
  if (options.frameOfReferenceUid === undefined) return;
  const referenced = dataSet
    .sequence(TAGS.ReferencedFrameOfReferenceSequence)
    .map((item) => item.string(TAGS.FrameOfReferenceUID))
    .filter((uid): uid is string => uid !== undefined && uid !== '');
  if (referenced.length > 0 && !referenced.includes(options.frameOfReferenceUid)) {
    throw new GeometryError(
      `the structure set refers to frame of reference ${referenced.join(', ')} but the image ` +
        `is in ${options.frameOfReferenceUid}; the contours were drawn on another image: ` +
        'give the RTSTRUCT of this series',
      context,
    );
  }
}

function chooseRoi(
  rois: readonly RtStructRoi[],
  name: string | undefined,
  context: ErrorContext,
): RtStructRoi {
  const names = rois.map((r) => `"${r.name}"`).join(', ') || 'none';
  if (name === undefined) {
    const only = rois[0];
    if (rois.length === 1 && only !== undefined) return only;
    throw new InputError(
      `the structure set holds ${rois.length} ROIs (${names}) and none was chosen; ` +
        'give the ROI name (e.g. roiName: "GTV-1")',
      context,
    );
  }
  const exact = rois.find((r) => r.name === name);
  if (exact !== undefined) return exact;
  const loose = rois.filter((r) => r.name.trim().toLowerCase() === name.trim().toLowerCase());
  if (loose.length === 1 && loose[0] !== undefined) return loose[0];
  throw new InputError(
    `the structure set has no ROI named "${name}"; ROIs present: ${names}`,
    context,
  );
}

interface SlicePolygon {
  readonly k: number;
  /** Interleaved continuous (i, j) of the contour's points. */
  readonly ij: Float64Array;
}

function contourToIndex(
  contour: DicomDataSet,
  image: Grid,
  toleranceMm: number,
  roiName: string,
  context: ErrorContext,
): SlicePolygon {
  const points = contour.numbers(TAGS.ContourData) ?? [];
  const count = Math.floor(points.length / 3);
  if (count < 1 || points.length % 3 !== 0 || points.some((v) => !Number.isFinite(v))) {
    throw new InputError(
      `ROI "${roiName}" has a contour whose ContourData (3006,0050) holds ${points.length} ` +
        'values, not a whole number of finite (x, y, z) points; the file is damaged',
      context,
    );
  }

  const ij = new Float64Array(2 * count);
  let kMin = Infinity;
  let kMax = -Infinity;
  let kSum = 0;
  for (let p = 0; p < count; p++) {
    const index = lpsToIndex(image, [
      points[3 * p] ?? 0,
      points[3 * p + 1] ?? 0,
      points[3 * p + 2] ?? 0,
    ]);
    ij[2 * p] = index[0];
    ij[2 * p + 1] = index[1];
    kMin = Math.min(kMin, index[2]);
    kMax = Math.max(kMax, index[2]);
    kSum += index[2];
  }

  const spacingK = image.spacingMm[2];
  const zText = (points[2] ?? 0).toFixed(3);
  if ((kMax - kMin) * spacingK > toleranceMm) {
    throw new GeometryError(
      `ROI "${roiName}" has a contour (first point at z = ${zText} mm) whose points spread ` +
        `${((kMax - kMin) * spacingK).toFixed(3)} mm along the slice normal (tolerance ` +
        `${toleranceMm.toFixed(3)} mm): its plane is oblique to the image slices, which is ` +
        'not supported; resample the image to the contour planes or convert the RTSTRUCT ' +
        'to a label image with a tool that handles oblique planes',
      context,
    );
  }
  const kMean = kSum / count;
  const k = Math.round(kMean);
  if (k < 0 || k >= image.dims[2]) {
    throw new GeometryError(
      `ROI "${roiName}" has a contour at z = ${zText} mm, outside the image's ` +
        `${image.dims[2]} slices; check that the RTSTRUCT belongs to this image`,
      context,
    );
  }
  if (Math.abs(kMean - k) * spacingK > toleranceMm) {
    throw new GeometryError(
      `ROI "${roiName}" has a contour at z = ${zText} mm that lies ` +
        `${(Math.abs(kMean - k) * spacingK).toFixed(3)} mm from the nearest slice centre ` +
        `(slice ${k}; tolerance ${toleranceMm.toFixed(3)} mm); the RTSTRUCT was drawn on ` +
        'another slice grid: give the matching series or raise sliceToleranceMm',
      context,
    );
  }
  return { k, ij };
}

/** Distance, in voxels, within which a centre counts as lying on an edge. */
const EDGE_EPSILON = 1e-6;

/**
 * Fills one slice by the even-odd rule at voxel centres and returns the number
 * of voxels set. `out` is the slice, x fastest.
 *
 * A centre on a contour's edge belongs to that contour: each row is scanned
 * just below and just above the line through its centres and the union of the
 * two is taken, so the rows of a horizontal edge and the columns of a vertical
 * one are kept on both sides of the contour.
 */
function fillSlice(
  polygons: readonly Float64Array[],
  nx: number,
  ny: number,
  out: Uint8Array,
): number {
  const parity = new Uint8Array(nx * ny);
  const covered = new Uint8Array(nx);
  const crossings: number[] = [];
  for (const ij of polygons) {
    const count = ij.length / 2;
    let jMin = Infinity;
    let jMax = -Infinity;
    for (let p = 0; p < count; p++) {
      jMin = Math.min(jMin, ij[2 * p + 1] ?? 0);
      jMax = Math.max(jMax, ij[2 * p + 1] ?? 0);
    }
    const rowFirst = Math.max(0, Math.ceil(jMin - EDGE_EPSILON));
    const rowLast = Math.min(ny - 1, Math.floor(jMax + EDGE_EPSILON));
    for (let j = rowFirst; j <= rowLast; j++) {
      covered.fill(0);
      for (const y of [j - EDGE_EPSILON, j + EDGE_EPSILON]) {
        // 1. Where the edges cross the scan line; no vertex lies on it.
        crossings.length = 0;
        for (let p = 0; p < count; p++) {
          const q = (p + 1) % count;
          const x1 = ij[2 * p] ?? 0;
          const y1 = ij[2 * p + 1] ?? 0;
          const x2 = ij[2 * q] ?? 0;
          const y2 = ij[2 * q + 1] ?? 0;
          if ((y1 <= y && y < y2) || (y2 <= y && y < y1)) {
            crossings.push(x1 + ((y - y1) * (x2 - x1)) / (y2 - y1));
          }
        }
        crossings.sort((a, b) => a - b);

        // 2. Centres between the first and second crossing, third and fourth, ... are inside.
        for (let c = 0; c + 1 < crossings.length; c += 2) {
          const from = Math.max(0, Math.ceil((crossings[c] ?? 0) - EDGE_EPSILON));
          const to = Math.min(nx - 1, Math.floor((crossings[c + 1] ?? 0) + EDGE_EPSILON));
          for (let i = from; i <= to; i++) covered[i] = 1;
        }
      }
      const row = j * nx;
      for (let i = 0; i < nx; i++) {
        if (covered[i] === 1) parity[row + i] = (parity[row + i] ?? 0) ^ 1;
      }
    }
  }
  let inside = 0;
  for (let n = 0; n < parity.length; n++) {
    if (parity[n] === 1) {
      out[n] = 1;
      inside++;
    }
  }
  return inside;
}
