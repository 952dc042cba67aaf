import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { InputError } from '../errors.js';
import { readMask } from './mask.js';
import { encodeNrrd, parseNrrd, readNrrd } from './nrrd.js';
import type { Volume } from './volume.js';

const SHARED = path.resolve(import.meta.dirname, '../../../shared/data');
const hasShared = existsSync(path.join(SHARED, 'pyradiomics'));
if (!hasShared) console.warn(`skipping NRRD real-data tests: ${SHARED} is absent`);

const close = (actual: readonly number[], expected: readonly number[], digits = 6): void => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, n) => expect(a).toBeCloseTo(expected[n] ?? NaN, digits));
};

describe.skipIf(!hasShared)('NRRD files of PyRadiomics and its IBSI benchmark', () => {
  const data = path.join(SHARED, 'pyradiomics/data');

  it('reads brain1 image and label with the geometry of their headers', async () => {
    const image = await readNrrd(path.join(data, 'brain1_image.nrrd'));
    expect(image.dims).toEqual([256, 256, 25]);
    close(image.spacingMm, [0.78125, 0.78125, 6.5]);
    close(image.originLPS, [-99.609375, 99.609375, -78]);
    expect([...image.direction]).toEqual([1, 0, 0, 0, -1, 0, 0, 0, 1]);
    const label = await readNrrd(path.join(data, 'brain1_label.nrrd'));
    expect(label.dims).toEqual(image.dims);
    expect(new Set(label.data).size).toBeGreaterThan(1);
  });

  it('reads every PyRadiomics test NRRD: sizes and spacing from the header', async () => {
    const cases: [string, number[], number[]][] = [
      ['brain2_image.nrrd', [256, 256, 23], [0.78125, 0.78125, 6.5]],
      ['lung1_label.nrrd', [512, 512, 48], [0.5703125, 0.5703125, 5]],
      ['lung2_label.nrrd', [512, 512, 61], [0.6269531, 0.6269531, 5]],
      ['prostate_phantom_subvolume.nrrd', [82, 67, 13], [0.5, 0.5, 3]],
      ['prostate_phantom_subvolume-label.nrrd', [82, 67, 13], [0.5, 0.5, 3]],
    ];
    for (const [name, dims, spacing] of cases) {
      const volume = await readNrrd(path.join(data, name));
      expect(volume.dims).toEqual(dims);
      close(volume.spacingMm, spacing);
    }
    const prostate = await readNrrd(path.join(data, 'prostate_phantom_subvolume.nrrd'));
    expect(prostate.direction.slice(0, 5)).toEqual([-1, 0, 0, 0, -1]);
  });

  it('reads the ASCII digital phantom (spacings, no space) to 74 ROI voxels', async () => {
    const dir = path.join(SHARED, 'pyradiomics/ibsi_benchmark/data/digital_phantom');
    const image = await readNrrd(path.join(dir, 'Phantom.nrrd'));
    expect(image.dims).toEqual([5, 4, 4]);
    expect(image.spacingMm).toEqual([2, 2, 2]);
    expect([image.data[0], image.data[1], image.data[5 * 4]]).toEqual([1, 4, 1]);
    const mask = await readMask(path.join(dir, 'Phantom-label.nrrd'));
    expect(mask.data.reduce((a, b) => a + b, 0)).toBe(74);
  });

  it('reads the CT phantom GTV NRRD to the NIfTI mask, voxel for voxel', async () => {
    const gtv = await readMask(
      path.join(SHARED, 'pyradiomics/ibsi_benchmark/data/patient_cases/PAT1/GTV.nrrd'),
    );
    const nifti = await readMask(
      path.join(SHARED, 'ibsi1/ibsi_1_ct_radiomics_phantom/nifti/mask/mask.nii.gz'),
    );
    expect(gtv.dims).toEqual(nifti.dims);
    close(gtv.originLPS, nifti.originLPS, 4);
    close(gtv.spacingMm, nifti.spacingMm, 5);
    let differ = 0;
    for (let n = 0; n < gtv.data.length; n++) if (gtv.data[n] !== nifti.data[n]) differ++;
    expect(differ).toBe(0);
  });
});

const small = (): Volume<Float32Array> => ({
  data: Float32Array.from({ length: 24 }, (_, n) => n * 1.5 - 7),
  dims: [4, 3, 2],
  spacingMm: [0.7, 0.8, 2.5],
  originLPS: [-10, 20.5, -33],
  direction: [0, 1, 0, -1, 0, 0, 0, 0, 1],
});

const header = (fields: string[]): string => ['NRRD0004', ...fields, '', ''].join('\n');

describe('NRRD round trip and bad input', () => {
  it('writes and reads back data and geometry, gzip and raw', () => {
    for (const encoding of ['gzip', 'raw'] as const) {
      const back = parseNrrd(encodeNrrd(small(), { encoding }));
      expect([...back.data]).toEqual([...small().data]);
      expect(back.dims).toEqual([4, 3, 2]);
      close(back.spacingMm, small().spacingMm);
      close(back.originLPS, small().originLPS);
      close(back.direction, small().direction);
    }
  });

  it('turns RAS space into LPS and reads big endian shorts', () => {
    const body = new Uint8Array(8);
    const view = new DataView(body.buffer);
    [-1, 2, 300, -32768].forEach((v, n) => view.setInt16(2 * n, v, false));
    const text = header([
      'type: short',
      'dimension: 3',
      'space: right-anterior-superior',
      'sizes: 2 2 1',
      'space directions: (-0.5,0,0) (0,-0.5,0) (0,0,2)',
      'endian: big',
      'encoding: raw',
      'space origin: (10,20,30)',
    ]);
    const bytes = new Uint8Array([...new TextEncoder().encode(text), ...body]);
    const volume = parseNrrd(bytes);
    expect([...volume.data]).toEqual([-1, 2, 300, -32768]);
    expect(volume.originLPS).toEqual([-10, -20, 30]);
    expect([...volume.direction]).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(volume.spacingMm).toEqual([0.5, 0.5, 2]);
  });

  it('reads a detached header with its gzip data file and byte skip', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'radfusion-nrrd-'));
    const raw = new Uint8Array(3 + 4 * 6);
    const view = new DataView(raw.buffer);
    for (let n = 0; n < 6; n++) view.setFloat32(3 + 4 * n, n / 4, true);
    await writeFile(path.join(dir, 'image.raw.gz'), gzipSync(raw));
    const fields = [
      'type: float',
      'dimension: 2',
      'sizes: 3 2',
      'spacings: 0.5 0.25',
      'endian: little',
      'encoding: gzip',
      'byte skip: 3',
      'data file: image.raw.gz',
    ];
    await writeFile(path.join(dir, 'image.nhdr'), header(fields).trimEnd() + '\n');
    const volume = await readNrrd(path.join(dir, 'image.nhdr'));
    expect(volume.dims).toEqual([3, 2, 1]);
    expect([...volume.data]).toEqual([0, 0.25, 0.5, 0.75, 1, 1.25]);
    expect(volume.spacingMm).toEqual([0.5, 0.25, 1]);
    await writeFile(
      path.join(dir, 'lost.nhdr'),
      header([...fields.slice(0, -1), 'data file: nowhere.raw']),
    );
    await writeFile(
      path.join(dir, 'many.nhdr'),
      header([...fields.slice(0, -1), 'data file: s%03d.raw 1 4 1']),
    );
    await expect(readNrrd(path.join(dir, 'many.nhdr'))).rejects.toThrow(
      /spreads the data over several files/,
    );
    await expect(readNrrd(path.join(dir, 'lost.nhdr'), { caseId: 'N1' })).rejects.toThrow(
      /case N1, file .*nowhere\.raw: cannot read the file \(ENOENT\)/,
    );
  });

  it('refuses a wrong magic, a short file, truncated gzip, vectors and unknown spaces', () => {
    const good = encodeNrrd(small(), { encoding: 'raw' });
    const wrong = good.slice();
    wrong[0] = 0x4d;
    expect(() => parseNrrd(wrong, { file: 'x.nrrd' })).toThrow(InputError);
    expect(() => parseNrrd(wrong)).toThrow(/wrong magic "MRRD0004"/);
    expect(() => parseNrrd(good.subarray(0, good.length - 8))).toThrow(
      /sizes 4x3x2 of float need 96 bytes of data but 88 are there/,
    );
    const gz = encodeNrrd(small());
    expect(() => parseNrrd(gz.subarray(0, gz.length - 12))).toThrow(
      /gzip data are damaged or truncated/,
    );
    const vector = header([
      'type: float',
      'dimension: 4',
      'sizes: 3 2 2 2',
      'space: LPS',
      'space directions: none (1,0,0) (0,1,0) (0,0,1)',
      'encoding: raw',
    ]);
    expect(() => parseNrrd(new TextEncoder().encode(vector))).toThrow(
      /axis 0 of size 3 is not a space axis/,
    );
    const odd = header([
      'type: float',
      'dimension: 3',
      'sizes: 1 1 1',
      'space: scanner-xyz',
      'encoding: raw',
    ]);
    expect(() => parseNrrd(new TextEncoder().encode(odd))).toThrow(
      /space "scanner-xyz" is not read/,
    );
  });
});
