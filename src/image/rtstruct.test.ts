import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { GeometryError } from '../errors.js';
import { parseDicom } from './dicom/dicom-file.js';
import { readDicomSeries } from './dicom/series.js';
import {
  SYNTHETIC_FRAME_UID,
  syntheticRtStruct,
  type SyntheticContour,
} from './dicom/synthetic.fixture.js';
import { readMask } from './mask.js';
import { listRtStructRois, rasteriseRtStruct, readRtStruct } from './rtstruct.js';
import { IDENTITY_DIRECTION, indexToLPS, lpsToIndex, type Grid, type Mask } from './volume.js';

const PHANTOM = path.resolve(
  import.meta.dirname,
  '../../../shared/data/ibsi1/ibsi_1_ct_radiomics_phantom',
);
const hasShared = existsSync(PHANTOM);
if (!hasShared) console.warn(`skipping RTSTRUCT phantom tests: ${PHANTOM} is absent`);

const count = (mask: Mask): number => mask.data.reduce((a, b) => a + b, 0);

describe.skipIf(!hasShared)('the IBSI CT phantom RTSTRUCT', () => {
  it('rasterises GTV-1 to the NIfTI mask (Dice >= 0.99) with the configuration-A ROI statistics', async () => {
    const image = await readDicomSeries(path.join(PHANTOM, 'dicom/image'));
    const started = performance.now();
    const mask = await readRtStruct(path.join(PHANTOM, 'dicom/mask/DCM_RS_00060.dcm'), image, {
      roiName: 'GTV-1',
      frameOfReferenceUid: image.frameOfReferenceUid,
    });
    console.info(
      `read and rasterised the RTSTRUCT in ${(performance.now() - started).toFixed(0)} ms`,
    );
    const reference = await readMask(path.join(PHANTOM, 'nifti/mask/mask.nii.gz'));

    let both = 0;
    for (let n = 0; n < mask.data.length; n++)
      both += (mask.data[n] ?? 0) & (reference.data[n] ?? 0);
    const dice = (2 * both) / (count(mask) + count(reference));
    console.info(`RTSTRUCT vs NIfTI mask: Dice ${dice.toFixed(5)}, ${count(mask)} voxels`);
    expect(dice).toBeGreaterThanOrEqual(0.99);
    expect(Math.abs(count(mask) - 125256)).toBeLessThanOrEqual(125256 * 0.005);

    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let n = 0; n < mask.data.length; n++) {
      if (mask.data[n] !== 1) continue;
      const value = image.data[n] ?? NaN;
      sum += value;
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
    expect(sum / count(mask)).toBeCloseTo(-46.9, 1);
    expect(min).toBe(-1000);
    expect(max).toBe(723);
  });

  it('agrees with plastimatch on a cropped grid except the one voxel its README names', async () => {
    const image = await readDicomSeries(path.join(PHANTOM, 'dicom/image'));
    const mask = await readRtStruct(path.join(PHANTOM, 'dicom/mask/DCM_RS_00060.dcm'), image);
    const benchmark = path.resolve(
      PHANTOM,
      '../../pyradiomics/ibsi_benchmark/data/patient_cases/PAT1',
    );
    if (!existsSync(benchmark)) return;
    const plastimatch = await readMask(path.join(benchmark, 'GTV_plastimatch.nrrd'));
    const differ: number[][] = [];
    const [nx, ny, nz] = plastimatch.dims;
    for (let k = 0; k < nz; k++) {
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++) {
          const ijk = lpsToIndex(image, indexToLPS(plastimatch, [i, j, k])).map(Math.round);
          const [a = 0, b = 0, c = 0] = ijk;
          const ours = mask.data[a + image.dims[0] * (b + image.dims[1] * c)];
          if (ours !== plastimatch.data[i + nx * (j + ny * k)]) differ.push(ijk);
        }
      }
    }
    // "included in plastimatch conversion, excluded by Alex Zwanenburg's conversion"
    expect(differ).toEqual([[139, 101, 40]]);
  });
});

/** 10x10x5 voxels of 1 mm from the origin, identity direction. */
const GRID: Grid = {
  dims: [10, 10, 5],
  spacingMm: [1, 1, 2],
  originLPS: [0, 0, 0],
  direction: IDENTITY_DIRECTION,
};

const square = (x0: number, y0: number, x1: number, y1: number, z: number): SyntheticContour => ({
  pointsLPS: [
    [x0, y0, z],
    [x1, y0, z],
    [x1, y1, z],
    [x0, y1, z],
  ],
});

const rasterise = (
  rois: Parameters<typeof syntheticRtStruct>[0],
  options = {},
  undefinedLength = false,
): Mask =>
  rasteriseRtStruct(
    parseDicom(syntheticRtStruct(rois, { undefinedLength })).dataSet,
    GRID,
    options,
  );

describe('RTSTRUCT rasterisation of synthetic contours', () => {
  it('reads the structure set in every uncompressed transfer syntax', () => {
    const rois = [{ name: 'GTV', contours: [square(2, 2, 5, 4, 0)] }];
    for (const transferSyntax of [
      'implicitLittle',
      'explicitLittle',
      'deflatedExplicitLittle',
      'explicitBig',
    ] as const) {
      for (const undefinedLength of [false, true]) {
        const bytes = syntheticRtStruct(rois, { transferSyntax, undefinedLength });
        expect(count(rasteriseRtStruct(parseDicom(bytes).dataSet, GRID))).toBe(12);
      }
    }
  });

  it('fills voxel centres inside a square, edges included, on the first and last slices', () => {
    for (const undefinedLength of [false, true]) {
      const mask = rasterise(
        [{ name: 'GTV', contours: [square(2, 2, 5, 4, 0), square(2, 2, 5, 4, 8)] }],
        {},
        undefinedLength,
      );
      // Centres 2..5 by 2..4 on slices k = 0 and k = 4.
      expect(count(mask)).toBe(2 * 4 * 3);
      expect(mask.data[2 + 10 * 2]).toBe(1);
      expect(mask.data[5 + 10 * 4 + 100 * 4]).toBe(1);
      expect(mask.data[6 + 10 * 4]).toBe(0);
    }
  });

  it('maps contours through the image direction (flipped y, rotated in plane)', () => {
    const dataSet = parseDicom(
      syntheticRtStruct([{ name: 'GTV', contours: [square(2, 2, 5, 4, 2)] }]),
    ).dataSet;
    const flipped: Grid = {
      ...GRID,
      originLPS: [0, 9, 0],
      direction: [1, 0, 0, 0, -1, 0, 0, 0, 1],
    };
    const a = rasteriseRtStruct(dataSet, flipped);
    expect(count(a)).toBe(12);
    // World (2, 4) is voxel (2, 9 - 4) on slice 1.
    expect(a.data[2 + 10 * 5 + 100 * 1]).toBe(1);
    expect(a.data[2 + 10 * 4 + 100 * 1]).toBe(0);
    // i along +y, j along -x from (9, 0): world (x, y) is voxel (y, 9 - x).
    const rotated: Grid = {
      ...GRID,
      originLPS: [9, 0, 0],
      direction: [0, -1, 0, 1, 0, 0, 0, 0, 1],
    };
    const b = rasteriseRtStruct(dataSet, rotated);
    expect(count(b)).toBe(12);
    expect(b.data[4 + 10 * (9 - 5) + 100 * 1]).toBe(1);
  });

  it('makes a hole of a contour inside another (even-odd rule)', () => {
    const mask = rasterise([
      { name: 'ring', contours: [square(1, 1, 8, 8, 4), square(3.5, 3.5, 5.5, 5.5, 4)] },
    ]);
    expect(count(mask)).toBe(64 - 4);
    expect(mask.data[4 + 10 * 4 + 100 * 2]).toBe(0);
    expect(mask.data[1 + 10 * 1 + 100 * 2]).toBe(1);
  });

  it('rasterises a triangle the way its area says', () => {
    const mask = rasterise([
      {
        name: 'tri',
        contours: [
          {
            pointsLPS: [
              [0.5, 0.5, 2],
              [8.5, 0.5, 2],
              [0.5, 8.5, 2],
            ],
          },
        ],
      },
    ]);
    // Centres (i, j) with i + j <= 9 inside the triangle from (0.5, 0.5): i, j >= 1, i + j <= 9.
    expect(count(mask)).toBe(36);
  });

  it('chooses the ROI by name and lists the names otherwise', () => {
    const rois = [
      { name: 'GTV-1', contours: [square(1, 1, 2, 2, 0)] },
      { name: 'Lung', contours: [square(1, 1, 4, 4, 0)] },
    ];
    expect(() => rasterise(rois, { caseId: 'C3', file: 'rs.dcm' })).toThrow(
      /case C3, file rs\.dcm: the structure set holds 2 ROIs \("GTV-1", "Lung"\) and none was chosen/,
    );
    expect(() => rasterise(rois, { roiName: 'GTV' })).toThrow(
      /no ROI named "GTV"; ROIs present: "GTV-1", "Lung"/,
    );
    expect(count(rasterise(rois, { roiName: 'lung' }))).toBe(16);
    const listed = listRtStructRois(parseDicom(syntheticRtStruct(rois)).dataSet);
    expect(listed.map((r) => [r.name, r.contourCount])).toEqual([
      ['GTV-1', 1],
      ['Lung', 1],
    ]);
  });

  it('refuses oblique planes, contours between slices or outside the image, and point-only ROIs', () => {
    const oblique: SyntheticContour = {
      pointsLPS: [
        [1, 1, 0],
        [5, 1, 2],
        [5, 5, 4],
        [1, 5, 2],
      ],
    };
    expect(() => rasterise([{ name: 'o', contours: [oblique] }])).toThrow(GeometryError);
    expect(() => rasterise([{ name: 'o', contours: [oblique] }])).toThrow(
      /oblique to the image slices/,
    );
    expect(() => rasterise([{ name: 'b', contours: [square(1, 1, 4, 4, 3)] }])).toThrow(
      /at z = 3\.000 mm that lies 1\.000 mm from the nearest slice centre/,
    );
    expect(
      count(rasterise([{ name: 'b', contours: [square(1, 1, 4, 4, 3)] }], { sliceToleranceMm: 1 })),
    ).toBe(16);
    expect(() => rasterise([{ name: 'far', contours: [square(1, 1, 4, 4, 20)] }])).toThrow(
      /outside the image's 5 slices/,
    );
    expect(() =>
      rasterise([{ name: 'p', contours: [{ pointsLPS: [[1, 1, 0]], type: 'POINT' }] }]),
    ).toThrow(/has no closed planar contour/);
  });

  it('refuses a structure set of another frame of reference', () => {
    const dataSet = parseDicom(
      syntheticRtStruct([{ name: 'x', contours: [square(1, 1, 4, 4, 0)] }]),
    ).dataSet;
    expect(() => rasteriseRtStruct(dataSet, GRID, { frameOfReferenceUid: '1.2.3' })).toThrow(
      new RegExp(`refers to frame of reference ${SYNTHETIC_FRAME_UID.replace(/\./g, '\\.')}`),
    );
    expect(
      count(rasteriseRtStruct(dataSet, GRID, { frameOfReferenceUid: SYNTHETIC_FRAME_UID })),
    ).toBe(16);
  });

  it('reads the file from disk and names it in errors', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'radfusion-rt-'));
    const file = path.join(dir, 'rs.dcm');
    const bytes = syntheticRtStruct([{ name: 'GTV', contours: [square(1, 1, 4, 4, 0)] }]);
    await writeFile(file, bytes);
    expect(count(await readRtStruct(file, GRID))).toBe(16);
    await writeFile(file, bytes.subarray(0, bytes.length - 10));
    await expect(readRtStruct(file, GRID, { caseId: 'C9' })).rejects.toThrow(
      /case C9, file .*rs\.dcm: the data end at byte/,
    );
  });
});
