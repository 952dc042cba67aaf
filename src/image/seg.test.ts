import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { GeometryError } from '../errors.js';
import { parseDicom } from './dicom/dicom-file.js';
import { syntheticSeg } from './dicom/synthetic.fixture.js';
import { readDicomSeries } from './dicom/series.js';
import { readMask } from './mask.js';
import { readMaskAuto } from './read-image.js';
import { listSegSegments, rasteriseSeg } from './seg.js';
import { IDENTITY_DIRECTION, indexToLPS, type Grid, type Mask } from './volume.js';

const PHANTOM = path.resolve(
  import.meta.dirname,
  '../../../shared/data/ibsi1/ibsi_1_ct_radiomics_phantom',
);
const hasShared = existsSync(PHANTOM);
if (!hasShared) console.warn(`skipping SEG phantom round trip: ${PHANTOM} is absent`);

/** 6x5x4 voxels, 1 x 1 x 2 mm, from (10, 20, 30). */
const GRID: Grid = {
  dims: [6, 5, 4],
  spacingMm: [1, 1, 2],
  originLPS: [10, 20, 30],
  direction: IDENTITY_DIRECTION,
};
const count = (mask: Mask): number => mask.data.reduce((a, b) => a + b, 0);

// 3 columns x 2 rows per frame.
const block = [1, 1, 0, 0, 1, 1];

const seg = (
  extra: Partial<Parameters<typeof syntheticSeg>[0]> = {},
): ReturnType<typeof parseDicom>['dataSet'] =>
  parseDicom(
    syntheticSeg({
      segments: [
        { number: 1, label: 'tumour' },
        { number: 2, label: 'necrosis' },
      ],
      frames: [
        { segment: 1, positionLPS: [11, 22, 30], pixels: block },
        { segment: 1, positionLPS: [11, 22, 36], pixels: block },
        { segment: 2, positionLPS: [10, 20, 32], pixels: [1, 1, 1, 1, 1, 1] },
      ],
      rows: 2,
      columns: 3,
      ...extra,
    }),
  ).dataSet;

describe('DICOM SEG onto an image grid', () => {
  it('places cropped binary frames at their positions, first and last slices', () => {
    for (const undefinedLength of [false, true]) {
      const mask = rasteriseSeg(seg({ undefinedLength }), GRID, { segmentLabel: 'Tumour' });
      expect(count(mask)).toBe(8);
      // Frame origin (11, 22) is voxel (1, 2); pixel (row 0, col 0) and (row 1, col 2).
      expect(mask.data[1 + 6 * 2 + 30 * 0]).toBe(1);
      expect(mask.data[3 + 6 * 3 + 30 * 3]).toBe(1);
      expect(mask.data[3 + 6 * 2 + 30 * 0]).toBe(0);
    }
    expect(count(rasteriseSeg(seg(), GRID, { segmentNumber: 2 }))).toBe(6);
  });

  it('lists the segments when none is chosen or the choice is absent', () => {
    expect(listSegSegments(seg()).map((s) => [s.number, s.label, s.frameCount])).toEqual([
      [1, 'tumour', 2],
      [2, 'necrosis', 1],
    ]);
    expect(() => rasteriseSeg(seg(), GRID, { caseId: 'S1' })).toThrow(
      /case S1: the SEG holds 2 segments \(1 "tumour" \(2 frames\), 2 "necrosis" \(1 frames\)\) and none was chosen/,
    );
    expect(() => rasteriseSeg(seg(), GRID, { segmentNumber: 5 })).toThrow(
      /no segment with number 5/,
    );
  });

  it('takes a mask label as the segment number when reading any mask format', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'radfusion-seg-label-')), 'seg.dcm');
    await writeFile(
      file,
      syntheticSeg({
        segments: [
          { number: 1, label: 'tumour' },
          { number: 2, label: 'necrosis' },
        ],
        frames: [
          { segment: 1, positionLPS: [11, 22, 30], pixels: block },
          { segment: 1, positionLPS: [11, 22, 36], pixels: block },
          { segment: 2, positionLPS: [10, 20, 32], pixels: [1, 1, 1, 1, 1, 1] },
        ],
        rows: 2,
        columns: 3,
      }),
    );
    expect(count(await readMaskAuto(file, GRID, { label: 1 }))).toBe(8);
    expect(count(await readMaskAuto(file, GRID, { label: 2 }))).toBe(6);
    await expect(readMaskAuto(file, GRID, { label: 3 })).rejects.toThrow(
      /no segment with number 3; segments present: 1 "tumour"/,
    );
    await expect(readMaskAuto(file, GRID, { caseId: 'S2' })).rejects.toThrow(
      /case S2, file .*seg\.dcm: the SEG holds 2 segments .*--label N/,
    );
  });

  it('thresholds fractional frames at half the maximum', () => {
    const dataSet = parseDicom(
      syntheticSeg({
        segments: [{ number: 1, label: 'p' }],
        frames: [{ segment: 1, positionLPS: [10, 20, 30], pixels: [0, 127, 128, 255, 200, 10] }],
        rows: 2,
        columns: 3,
        fractional: true,
      }),
    ).dataSet;
    expect(count(rasteriseSeg(dataSet, GRID))).toBe(3);
  });

  it('refuses frames off the image grid', () => {
    expect(() =>
      rasteriseSeg(seg({ pixelSpacingMm: [0.5, 0.5] }), GRID, { segmentNumber: 1 }),
    ).toThrow(GeometryError);
    const shifted = parseDicom(
      syntheticSeg({
        segments: [{ number: 1, label: 'x' }],
        frames: [{ segment: 1, positionLPS: [10.5, 20, 30], pixels: block }],
        rows: 2,
        columns: 3,
      }),
    ).dataSet;
    expect(() => rasteriseSeg(shifted, GRID)).toThrow(
      /is not on a slice of the image \(nearest voxel/,
    );
  });
});

describe.skipIf(!hasShared)('DICOM SEG on the IBSI CT phantom grid', () => {
  it('writes the GTV as a SEG of bit-packed frames (not byte aligned) and reads it back', async () => {
    const image = await readDicomSeries(path.join(PHANTOM, 'dicom/image'));
    const gtv = await readMask(path.join(PHANTOM, 'nifti/mask/mask.nii.gz'));
    const [nx, ny, nz] = image.dims;
    const frames = [];
    for (let k = 0; k < nz; k++) {
      const pixels = [...gtv.data.subarray(k * nx * ny, (k + 1) * nx * ny)];
      if (pixels.some((v) => v === 1)) {
        frames.push({ segment: 1, positionLPS: indexToLPS(image, [0, 0, k]), pixels });
      }
    }
    expect((nx * ny) % 8).not.toBe(0);
    const bytes = syntheticSeg({
      segments: [{ number: 1, label: 'GTV-1' }],
      frames,
      rows: ny,
      columns: nx,
      pixelSpacingMm: [image.spacingMm[1], image.spacingMm[0]],
    });
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'radfusion-seg-')), 'gtv.dcm');
    await writeFile(file, bytes);
    const mask = await readMaskAuto(file, image);
    expect(count(mask)).toBe(125256);
    expect(mask.data.every((v, n) => v === gtv.data[n])).toBe(true);
  });
});
