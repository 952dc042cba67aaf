/**
 * How texture matrices are built per slice or per volume and turned into one
 * feature value (IBSI "Aggregating features", general concept 5QB6).
 *
 * Slices are the planes of constant k (the image's third axis, axial for an
 * axially acquired CT). A 2D slice is a box of dims [nx, ny, 1], so a family
 * written for a 3D box with a Chebyshev-1 neighbourhood sees only the 8
 * in-plane neighbours there, without extra code. Slice families are also
 * told when a box is a slice: the GLDZM must not count the slice's top and
 * bottom faces as the ROI border.
 *
 * Directional families (GLCM, GLRLM) have one matrix per direction: the 13
 * 3D directions, or the 4 in-plane ones for 2D and 2.5D. Their six IBSI
 * aggregations, keyed here by the IBSI tag suffix:
 *   2D_avg    (BTW3) features of each slice and direction, averaged over all.
 *   2D_comb   (SUJT) directions merged per slice; features averaged over slices.
 *   2_5D_avg  (JJUI) slices merged per direction; features averaged over directions.
 *   2_5D_comb (ZW7Z) one matrix merged over slices and directions.
 *   3D_avg    (ITBB) features of each 3D direction, averaged over directions.
 *   3D_comb   (IAZD) one matrix merged over the 13 directions.
 *
 * Slice families (GLSZM, GLDZM, NGTDM, NGLDM) have one matrix per slice or
 * volume:
 *   2D   (8QNN) features per slice, averaged over slices.
 *   2_5D (62GR) one matrix merged over slices.
 *   3D   (KOBO) one matrix of the volume.
 *
 * Merging sums counts element by element, and sums the voxel counts N_v of
 * the merged matrices, as IBSI asks (so a merged run percentage stays a
 * fraction). Matrices with no counts (a direction without pairs, a slice
 * without ROI voxels) are left out of averages; when every matrix is empty,
 * every feature is NaN.
 */

/** A discretised ROI box (or one slice of it) as the texture families read it. */
export interface TextureBox {
  /** Grey level per box voxel, 1..levelCount; 0 outside the intensity mask. x fastest. */
  readonly levels: Int32Array;
  /** IBSI morphological mask on the same box (GLDZM distances): 1 inside. */
  readonly morphMask: Uint8Array;
  readonly dims: readonly [number, number, number];
  /** N_g: grey levels 1..N_g may occur. */
  readonly levelCount: number;
}

/** A direction vector (di, dj, dk) in voxel steps. */
export type Direction = readonly [number, number, number];

/**
 * One texture matrix: `rows` x `columns` counts, row-major. Column c holds
 * j = c + 1 (run length, distance, dependence, or grey level for the GLCM),
 * unless `columnValues` lists the j of each column: the GLSZM keeps only the
 * zone sizes that occur, so one large zone does not need N_g x N_v memory.
 */
export interface CountMatrix {
  readonly counts: Float64Array;
  readonly columns: number;
  /** j of each column, increasing; absent: j = column + 1. */
  readonly columnValues?: Int32Array;
  /** Sum of the counts: pairs, runs, zones or voxels with a neighbourhood (N_s). */
  readonly total: number;
  /** ROI voxels the matrix was built from (N_v). */
  readonly voxels: number;
}

export const DIRECTIONAL_AGGREGATIONS = [
  '3D_avg',
  '3D_comb',
  '2D_avg',
  '2D_comb',
  '2_5D_avg',
  '2_5D_comb',
] as const;
export type DirectionalAggregation = (typeof DIRECTIONAL_AGGREGATIONS)[number];

export const SLICE_AGGREGATIONS = ['3D', '2D', '2_5D'] as const;
export type SliceAggregation = (typeof SLICE_AGGREGATIONS)[number];

/** A family with one matrix per direction (GLCM, GLRLM). */
export interface DirectionalFamily {
  /** Rows of every matrix (N_g). */
  readonly rows: number;
  readonly featureCount: number;
  /**
   * The matrix of `box` along `direction`. It is read (features, or added
   * to a sum) before the next call, so a family may reuse one buffer.
   */
  matrix(box: TextureBox, direction: Direction): CountMatrix;
  /** Feature values of a matrix with at least one count. */
  features(matrix: CountMatrix): ArrayLike<number>;
}

/** A family with one matrix per slice or volume (GLSZM, GLDZM, NGTDM, NGLDM). */
export interface SliceFamily {
  readonly rows: number;
  readonly featureCount: number;
  /** The matrix of a box; `planar` when it is one slice of a 2D or 2.5D aggregation. */
  matrix(box: TextureBox, planar: boolean): CountMatrix;
  features(matrix: CountMatrix): ArrayLike<number>;
}

/** The 13 unique 3D directions at Chebyshev distance 1 (no two opposite). */
export const DIRECTIONS_3D: readonly Direction[] = [
  [0, 0, 1],
  [0, 1, 0],
  [1, 0, 0],
  [0, 1, 1],
  [0, 1, -1],
  [1, 0, 1],
  [1, 0, -1],
  [1, 1, 0],
  [1, -1, 0],
  [1, 1, 1],
  [1, 1, -1],
  [1, -1, 1],
  [1, -1, -1],
];

/** The 4 unique in-plane directions (0, 45, 90 and 135 degrees). */
export const DIRECTIONS_2D: readonly Direction[] = DIRECTIONS_3D.filter(([, , dk]) => dk === 0);

/** Slice k of a box, as a box of dims [nx, ny, 1] sharing the box's memory. */
export function sliceOf(box: TextureBox, k: number): TextureBox {
  const [nx, ny] = box.dims;
  const start = k * nx * ny;
  return {
    levels: box.levels.subarray(start, start + nx * ny),
    morphMask: box.morphMask.subarray(start, start + nx * ny),
    dims: [nx, ny, 1],
    levelCount: box.levelCount,
  };
}

/** Feature values keyed by feature name (without family). */
export type TextureFeatures = Record<string, number>;

/** Pairs feature names with values of the same order. */
export function named(names: readonly string[], values: ArrayLike<number>): TextureFeatures {
  const features: TextureFeatures = {};
  names.forEach((name, f) => {
    features[name] = values[f] ?? NaN;
  });
  return features;
}

/** Number of intensity-mask voxels in a box. */
export function roiVoxelCount(box: TextureBox): number {
  let count = 0;
  for (const level of box.levels) if (level > 0) count++;
  return count;
}

/**
 * Sums matrices of a fixed row count whose columns may differ: dense ones
 * (j = column + 1) by widening, ones with `columnValues` by their j.
 */
export class MatrixSum {
  private counts = new Float64Array(0);
  private columns = 0;
  /** Columns by j, once a matrix with `columnValues` was added. */
  private keyed: Map<number, Float64Array> | undefined;
  private total = 0;
  private voxels = 0;

  constructor(private readonly rows: number) {}

  add(matrix: CountMatrix): void {
    this.total += matrix.total;
    this.voxels += matrix.voxels;
    if (matrix.columnValues !== undefined || this.keyed !== undefined) {
      this.addKeyed(matrix);
      return;
    }
    if (matrix.columns > this.columns) this.widen(matrix.columns);
    const { counts, columns } = matrix;
    for (let r = 0; r < this.rows; r++) {
      const from = r * columns;
      const to = r * this.columns;
      for (let c = 0; c < columns; c++) {
        const value = counts[from + c] ?? 0;
        if (value !== 0) this.counts[to + c] = (this.counts[to + c] ?? 0) + value;
      }
    }
  }

  get isEmpty(): boolean {
    return this.total === 0;
  }

  result(): CountMatrix {
    const { total, voxels } = this;
    if (this.keyed === undefined) {
      return { counts: this.counts, columns: this.columns, total, voxels };
    }
    const columnValues = Int32Array.from([...this.keyed.keys()].sort((a, b) => a - b));
    const columns = columnValues.length;
    const counts = new Float64Array(this.rows * columns);
    columnValues.forEach((j, c) => {
      const column = this.keyed?.get(j);
      for (let r = 0; r < this.rows; r++) counts[r * columns + c] = column?.[r] ?? 0;
    });
    return { counts, columns, columnValues, total, voxels };
  }

  private addKeyed(matrix: CountMatrix): void {
    if (this.keyed === undefined) {
      // Earlier dense matrices become columns keyed by j = column + 1.
      const dense = { ...this.result(), total: 0, voxels: 0 };
      this.keyed = new Map();
      if (dense.columns > 0) this.addKeyed(dense);
    }
    const { counts, columns, columnValues } = matrix;
    for (let c = 0; c < columns; c++) {
      const j = columnValues?.[c] ?? c + 1;
      let column = this.keyed.get(j);
      if (column === undefined) {
        column = new Float64Array(this.rows);
        this.keyed.set(j, column);
      }
      for (let r = 0; r < this.rows; r++)
        column[r] = (column[r] ?? 0) + (counts[r * columns + c] ?? 0);
    }
  }

  private widen(columns: number): void {
    const wider = new Float64Array(this.rows * columns);
    for (let r = 0; r < this.rows; r++) {
      wider.set(this.counts.subarray(r * this.columns, (r + 1) * this.columns), r * columns);
    }
    this.counts = wider;
    this.columns = columns;
  }
}

/** Running mean of feature vectors. */
class FeatureMean {
  private readonly sums: Float64Array;
  private count = 0;

  constructor(length: number) {
    this.sums = new Float64Array(length);
  }

  add(values: ArrayLike<number>): void {
    for (let f = 0; f < this.sums.length; f++)
      this.sums[f] = (this.sums[f] ?? 0) + (values[f] ?? NaN);
    this.count++;
  }

  result(): Float64Array {
    return this.sums.map((sum) => (this.count === 0 ? NaN : sum / this.count));
  }
}

function featuresOrNaN(
  features: (matrix: CountMatrix) => ArrayLike<number>,
  sum: MatrixSum,
  length: number,
): Float64Array {
  return sum.isEmpty
    ? new Float64Array(length).fill(NaN)
    : Float64Array.from(features(sum.result()));
}

/** Features of a directional family in each aggregation asked for. */
export function aggregateDirectional(
  family: DirectionalFamily,
  box: TextureBox,
  wanted: ReadonlySet<DirectionalAggregation>,
): Map<DirectionalAggregation, Float64Array> {
  const result = new Map<DirectionalAggregation, Float64Array>();
  const n = family.featureCount;
  const features = (matrix: CountMatrix): ArrayLike<number> => family.features(matrix);

  // 1. 3D: one matrix per 3D direction.
  if (wanted.has('3D_avg') || wanted.has('3D_comb')) {
    const mean = new FeatureMean(n);
    const merged = new MatrixSum(family.rows);
    for (const direction of DIRECTIONS_3D) {
      const matrix = family.matrix(box, direction);
      if (matrix.total === 0) continue;
      if (wanted.has('3D_avg')) mean.add(features(matrix));
      if (wanted.has('3D_comb')) merged.add(matrix);
    }
    if (wanted.has('3D_avg')) result.set('3D_avg', mean.result());
    if (wanted.has('3D_comb')) result.set('3D_comb', featuresOrNaN(features, merged, n));
  }

  // 2. 2D and 2.5D: one matrix per slice and in-plane direction.
  const planar = DIRECTIONAL_AGGREGATIONS.filter((a) => a.startsWith('2') && wanted.has(a));
  if (planar.length === 0) return result;
  const sliceMean = new FeatureMean(n);
  const sliceMergedMean = new FeatureMean(n);
  const perDirection = DIRECTIONS_2D.map(() => new MatrixSum(family.rows));
  const all = new MatrixSum(family.rows);
  for (let k = 0; k < box.dims[2]; k++) {
    const slice = sliceOf(box, k);
    const sliceMerged = new MatrixSum(family.rows);
    DIRECTIONS_2D.forEach((direction, d) => {
      const matrix = family.matrix(slice, direction);
      if (matrix.total === 0) return;
      if (wanted.has('2D_avg')) sliceMean.add(features(matrix));
      if (wanted.has('2D_comb')) sliceMerged.add(matrix);
      if (wanted.has('2_5D_avg')) perDirection[d]?.add(matrix);
      if (wanted.has('2_5D_comb')) all.add(matrix);
    });
    if (!sliceMerged.isEmpty) sliceMergedMean.add(features(sliceMerged.result()));
  }

  // 3. Package the planar aggregations.
  if (wanted.has('2D_avg')) result.set('2D_avg', sliceMean.result());
  if (wanted.has('2D_comb')) result.set('2D_comb', sliceMergedMean.result());
  if (wanted.has('2_5D_avg')) {
    const mean = new FeatureMean(n);
    for (const sum of perDirection) if (!sum.isEmpty) mean.add(features(sum.result()));
    result.set('2_5D_avg', mean.result());
  }
  if (wanted.has('2_5D_comb')) result.set('2_5D_comb', featuresOrNaN(features, all, n));
  return result;
}

/** Features of a slice family in each aggregation asked for. */
export function aggregateSlices(
  family: SliceFamily,
  box: TextureBox,
  wanted: ReadonlySet<SliceAggregation>,
): Map<SliceAggregation, Float64Array> {
  const result = new Map<SliceAggregation, Float64Array>();
  const n = family.featureCount;
  const features = (matrix: CountMatrix): ArrayLike<number> => family.features(matrix);

  // 1. 3D: one matrix of the whole box.
  if (wanted.has('3D')) {
    const matrix = family.matrix(box, false);
    result.set(
      '3D',
      matrix.total === 0 ? new Float64Array(n).fill(NaN) : Float64Array.from(features(matrix)),
    );
  }

  // 2. 2D and 2.5D: one matrix per slice.
  if (!wanted.has('2D') && !wanted.has('2_5D')) return result;
  const mean = new FeatureMean(n);
  const merged = new MatrixSum(family.rows);
  for (let k = 0; k < box.dims[2]; k++) {
    const matrix = family.matrix(sliceOf(box, k), true);
    if (matrix.total === 0) continue;
    if (wanted.has('2D')) mean.add(features(matrix));
    if (wanted.has('2_5D')) merged.add(matrix);
  }
  if (wanted.has('2D')) result.set('2D', mean.result());
  if (wanted.has('2_5D')) result.set('2_5D', featuresOrNaN(features, merged, n));
  return result;
}
