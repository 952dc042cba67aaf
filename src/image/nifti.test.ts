import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { GeometryError, InputError } from '../errors.js';
import { assertSameGrid, maskFromLabels, readMask } from './mask.js';
import { encodeNifti, parseNifti, readNifti, writeNifti } from './nifti.js';
import { indexToLPS, type Volume } from './volume.js';

const SHARED = path.resolve(import.meta.dirname, '../../../shared/data/ibsi1');
const hasShared = existsSync(SHARED);
if (!hasShared) console.warn(`skipping IBSI phantom reading tests: ${SHARED} is absent`);

function smallVolume(): Volume<Float32Array> {
  const data = new Float32Array(24).map((_, n) => n - 5);
  return {
    data,
    dims: [4, 3, 2],
    spacingMm: [0.7, 0.8, 2.5],
    originLPS: [-10, 20.5, -33],
    direction: [0, 1, 0, -1, 0, 0, 0, 0, 1],
  };
}

describe.skipIf(!hasShared)('NIfTI reading of the IBSI phantoms', () => {
  it('reads the digital phantom: 5x4x4, 2 mm, values 1..9, 74 ROI voxels', async () => {
    const image = await readNifti(
      path.join(SHARED, 'ibsi_1_digital_phantom/nifti/image/phantom.nii.gz'),
    );
    expect(image.dims).toEqual([5, 4, 4]);
    expect(image.spacingMm.map((s) => Number(s.toFixed(6)))).toEqual([2, 2, 2]);
    expect(Math.min(...image.data)).toBe(1);
    expect(Math.max(...image.data)).toBe(9);
    const mask = await readMask(path.join(SHARED, 'ibsi_1_digital_phantom/nifti/mask/mask.nii.gz'));
    expect(mask.data.reduce((a, b) => a + b, 0)).toBe(74);
  });

  it('reads the CT phantom sform into LPS and matches the documented ROI statistics', async () => {
    const dir = path.join(SHARED, 'ibsi_1_ct_radiomics_phantom/nifti');
    const image = await readNifti(path.join(dir, 'image/phantom.nii.gz'));
    const mask = await readMask(path.join(dir, 'mask/mask.nii.gz'));
    expect(image.dims).toEqual([204, 201, 60]);
    // sform row x = (-0.977, 0, 0, 174.3945) in RAS is +x in LPS from -174.3945.
    expect(image.originLPS[0]).toBeCloseTo(-174.3945, 3);
    expect(image.originLPS[1]).toBeCloseTo(-79.6255, 3);
    expect(image.originLPS[2]).toBeCloseTo(-100.4, 3);
    expect(image.direction.map((d) => Math.round(d))).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    assertSameGrid(image, mask);
    let count = 0;
    let sum = 0;
    for (let n = 0; n < mask.data.length; n++) {
      if (mask.data[n] === 1) {
        count++;
        sum += Math.round(image.data[n] ?? NaN);
      }
    }
    expect(count).toBe(125256);
    expect(sum / count).toBeCloseTo(-46.88, 1);
  });
});

describe('NIfTI round trip and bad input', () => {
  it('writes and reads back data and geometry (gzip and plain)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'radfusion-nifti-'));
    const volume = smallVolume();
    for (const name of ['a.nii', 'a.nii.gz']) {
      await writeNifti(path.join(dir, name), volume);
      const back = await readNifti(path.join(dir, name));
      expect([...back.data]).toEqual([...volume.data]);
      expect(back.dims).toEqual(volume.dims);
      back.spacingMm.forEach((s, n) => expect(s).toBeCloseTo(volume.spacingMm[n] ?? NaN, 5));
      back.originLPS.forEach((s, n) => expect(s).toBeCloseTo(volume.originLPS[n] ?? NaN, 5));
      back.direction.forEach((s, n) => expect(s).toBeCloseTo(volume.direction[n] ?? NaN, 6));
      const corner = indexToLPS(back, [3, 2, 1]);
      const expected = indexToLPS(volume, [3, 2, 1]);
      corner.forEach((c, n) => expect(c).toBeCloseTo(expected[n] ?? NaN, 4));
    }
  });

  it('applies scl_slope and scl_inter', () => {
    const bytes = encodeNifti(smallVolume(), { dataType: 'int16' });
    const view = new DataView(bytes.buffer);
    view.setFloat32(112, 2, true);
    view.setFloat32(116, -1000, true);
    const scaled = parseNifti(bytes);
    expect(scaled.data[0]).toBe(2 * -5 - 1000);
    expect(scaled.data[23]).toBe(2 * 18 - 1000);
  });

  it('names the file for a missing file, truncated gzip, wrong magic and short data', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'radfusion-nifti-'));
    await expect(readNifti(path.join(dir, 'missing.nii.gz'), { caseId: 'C1' })).rejects.toThrow(
      /case C1, file .*missing\.nii\.gz: cannot read the file \(ENOENT\)/,
    );
    const good = gzipSync(encodeNifti(smallVolume()));
    const truncated = path.join(dir, 'truncated.nii.gz');
    await writeFile(truncated, good.subarray(0, good.length - 20));
    await expect(readNifti(truncated)).rejects.toThrow(/gzip stream is damaged or truncated/);
    const bytes = encodeNifti(smallVolume());
    bytes[345] = 0x3f;
    expect(() => parseNifti(bytes)).toThrow(/wrong magic/);
    const short = encodeNifti(smallVolume()).subarray(0, 360);
    expect(() => parseNifti(short, { file: 'x.nii' })).toThrow(InputError);
    expect(() => parseNifti(short)).toThrow(/need 448 bytes but the file has 360/);
    const plain = path.join(dir, 'plain.nii');
    await writeFile(plain, encodeNifti(smallVolume()));
    expect((await readFile(plain)).length).toBe(352 + 24 * 4);
  });
});

describe('masks', () => {
  const labels = (values: number[]): Volume<Float32Array> => ({
    ...smallVolume(),
    data: Float32Array.from({ length: 24 }, (_, n) => values[n % values.length] ?? 0),
  });

  it('keeps the chosen label, finds a single label, lists several', () => {
    expect(() => maskFromLabels(labels([0, 2, 4, 5]))).toThrow(/several labels \(2, 4, 5\)/);
    const mask = maskFromLabels(labels([0, 2, 4, 5]), { label: 4 });
    expect(mask.data.reduce((a, b) => a + b, 0)).toBe(6);
    const single = maskFromLabels(labels([0, 255]));
    expect(single.data.reduce((a, b) => a + b, 0)).toBe(12);
    expect(() => maskFromLabels(labels([0, 1]), { label: 3, caseId: 'X', file: 'm.nii' })).toThrow(
      /case X, file m\.nii: the mask has no voxel of label 3 \(labels present: 1\)/,
    );
    expect(() => maskFromLabels(labels([0]))).toThrow(/no non-zero voxel/);
  });

  it('accepts a 1e-4 mm origin shift and refuses 5 mm', () => {
    const image = smallVolume();
    const shifted = (mm: number): Volume => ({
      ...image,
      originLPS: [image.originLPS[0] + mm, 20.5, -33],
    });
    expect(() => assertSameGrid(image, shifted(1e-4))).not.toThrow();
    expect(() => assertSameGrid(image, shifted(5), { caseId: 'C2', maskFile: 'm.nii' })).toThrow(
      GeometryError,
    );
    expect(() => assertSameGrid(image, { ...image, dims: [4, 3, 3] })).toThrow(
      /dimensions 4x3x3 differ/,
    );
  });
});
