/**
 * Baseline values that PyRadiomics' own code no longer gives, with the value
 * it does give. `radfusion validate pyradiomics` compares these rows with
 * the current PyRadiomics value and says so, instead of counting them as
 * failures.
 *
 * brain1, mesh-based shape (baseline_shape.csv, unchanged in PyRadiomics'
 * repository since September 2018): the baseline says SurfaceArea
 * 6433.7343171 and MeshVolume 16149.4954427. PyRadiomics' own marching
 * cubes (radiomics/src/cshape.c at commit 8ed5793, compiled here and run on
 * brain1_label.nrrd cropped to its bounding box and padded by one voxel, as
 * its shape class does) gives SurfaceArea 6438.8216037794018 and MeshVolume
 * 16147.511800130211; its earlier baseline (March 2018) held SurfaceArea
 * 6438.821603779402. The same build reproduces every other shape column of
 * the baseline. PyRadiomics' test suite accepts a 3 % difference, so the
 * stale values pass there. SurfaceVolumeRatio and Sphericity below are
 * PyRadiomics' formulas (A / V, (36 pi V^2)^(1/3) / A) on those two values.
 */
export interface PyradiomicsErratum {
  readonly file: string;
  readonly column: string;
  readonly feature: string;
  /** What the baseline file says. */
  readonly baseline: number;
  /** What PyRadiomics' current code computes. */
  readonly pyradiomics: number;
}

const BRAIN1_SHAPE = { file: 'baseline_shape.csv', column: 'brain1' } as const;

export const PYRADIOMICS_ERRATA: readonly PyradiomicsErratum[] = [
  {
    ...BRAIN1_SHAPE,
    feature: 'original_shape_SurfaceArea',
    baseline: 6433.7343171,
    pyradiomics: 6438.8216037794018,
  },
  {
    ...BRAIN1_SHAPE,
    feature: 'original_shape_MeshVolume',
    baseline: 16149.4954427,
    pyradiomics: 16147.511800130211,
  },
  {
    ...BRAIN1_SHAPE,
    feature: 'original_shape_SurfaceVolumeRatio',
    baseline: 0.398386088279,
    pyradiomics: 0.3987500788652454,
  },
  {
    ...BRAIN1_SHAPE,
    feature: 'original_shape_Sphericity',
    baseline: 0.480242186182,
    pyradiomics: 0.4798234536231475,
  },
];

/** The erratum for one baseline value, if there is one for exactly that value. */
export function findErratum(
  file: string,
  column: string,
  feature: string,
  baseline: number,
): PyradiomicsErratum | undefined {
  return PYRADIOMICS_ERRATA.find(
    (e) =>
      e.file === file &&
      e.column === column &&
      e.feature === feature &&
      Math.abs(e.baseline - baseline) <= 1e-9 * Math.abs(baseline),
  );
}
