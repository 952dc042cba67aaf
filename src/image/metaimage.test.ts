import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { InputError } from '../errors.js';
import { encodeMetaImage, parseMetaImage, readMetaImage, writeMetaImage } from './metaimage.js';
import { readNifti } from './nifti.js';
import { indexToLPS, type Volume } from './volume.js';

const PHANTOM = path.resolve(
  import.meta.dirname,
  '../../../shared/data/ibsi1/ibsi_1_ct_radiomics_phantom',
);
const hasShared = existsSync(PHANTOM);
if (!hasShared) console.warn(`skipping MetaImage phantom round trip: ${PHANTOM} is absent`);

const small = (): Volume<Float32Array> => ({
  data: Float32Array.from({ length: 24 }, (_, n) => n * 1.5 - 7),
  dims: [4, 3, 2],
  spacingMm: [0.7, 0.8, 2.5],
  originLPS: [-10, 20.5, -33],
  direction: [0, 1, 0, -1, 0, 0, 0, 0, 1],
});

const text = (lines: string[]): Uint8Array => new TextEncoder().encode(lines.join('\n') + '\n');
const join = (a: Uint8Array, b: Uint8Array): Uint8Array => {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
};

describe('MetaImage', () => {
  it('reads back what it writes, compressed or not; TransformMatrix lists axis vectors', () => {
    for (const compress of [false, true]) {
      const back = parseMetaImage(encodeMetaImage(small(), { compress }).mha);
      expect([...back.data]).toEqual([...small().data]);
      expect(back.dims).toEqual([4, 3, 2]);
      expect(back.direction).toEqual(small().direction);
      expect(back.originLPS).toEqual(small().originLPS);
      expect(back.spacingMm).toEqual(small().spacingMm);
    }
    // Axis 0 runs along -y (column 0 of the direction): the first three numbers.
    expect(encodeMetaImage(small()).header).toMatch(/TransformMatrix = 0 -1 0 1 0 0 0 0 1/);
  });

  it('reads an .mhd with its .raw (big endian, HeaderSize) and .zraw data files', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'radfusion-mha-'));
    const raw = new Uint8Array(5 + 6 * 2);
    const view = new DataView(raw.buffer);
    [-3, 0, 7, 1000, -1000, 32767].forEach((v, n) => view.setInt16(5 + 2 * n, v, false));
    await writeFile(path.join(dir, 'a.raw'), raw);
    const header = [
      'ObjectType = Image',
      'NDims = 3',
      'BinaryData = True',
      'BinaryDataByteOrderMSB = True',
      'Offset = 1 2 3',
      'ElementSpacing = 0.5 0.5 2',
      'DimSize = 3 2 1',
      'ElementType = MET_SHORT',
      'HeaderSize = 5',
    ];
    await writeFile(path.join(dir, 'a.mhd'), text([...header, 'ElementDataFile = a.raw']));
    const a = await readMetaImage(path.join(dir, 'a.mhd'));
    expect([...a.data]).toEqual([-3, 0, 7, 1000, -1000, 32767]);
    expect(a.direction).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);

    const little = new Uint8Array(12);
    [-3, 0, 7, 1000, -1000, 32767].forEach((v, n) =>
      new DataView(little.buffer).setInt16(2 * n, v, true),
    );
    await writeFile(path.join(dir, 'b.zraw'), deflateSync(little));
    const zHeader = header.filter((l) => !/MSB|HeaderSize/.test(l));
    await writeFile(
      path.join(dir, 'b.mhd'),
      text([...zHeader, 'CompressedData = True', 'ElementDataFile = b.zraw']),
    );
    expect([...(await readMetaImage(path.join(dir, 'b.mhd'))).data]).toEqual([...a.data]);

    await writeFile(path.join(dir, 'd.mhd'), text([...zHeader, 'ElementDataFile = LIST']));
    await expect(readMetaImage(path.join(dir, 'd.mhd'))).rejects.toThrow(
      /spreads the data over several files/,
    );
    await writeFile(path.join(dir, 'c.mhd'), text([...zHeader, 'ElementDataFile = gone.raw']));
    await expect(readMetaImage(path.join(dir, 'c.mhd'), { caseId: 'M1' })).rejects.toThrow(
      /case M1, file .*gone\.raw: cannot read the file \(ENOENT\)/,
    );
  });

  it('uses AnatomicalOrientation when there is no TransformMatrix', () => {
    const lines = ['ObjectType = Image', 'NDims = 3', 'DimSize = 1 1 1', 'ElementType = MET_UCHAR'];
    const rai = parseMetaImage(
      join(
        text([...lines, 'AnatomicalOrientation = RAI', 'ElementDataFile = LOCAL']),
        new Uint8Array([5]),
      ),
    );
    expect(rai.direction).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    const lps = parseMetaImage(
      join(
        text([...lines, 'AnatomicalOrientation = LPS', 'ElementDataFile = LOCAL']),
        new Uint8Array([5]),
      ),
    );
    expect(lps.direction).toEqual([-1, 0, 0, 0, -1, 0, 0, 0, -1]);
    const both = parseMetaImage(
      join(
        text([
          ...lines,
          'TransformMatrix = 1 0 0 0 1 0 0 0 1',
          'AnatomicalOrientation = LPS',
          'ElementDataFile = LOCAL',
        ]),
        new Uint8Array([5]),
      ),
    );
    expect(both.direction).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });

  it('reads a 2D image as one slice', () => {
    const lines = [
      'ObjectType = Image',
      'NDims = 2',
      'DimSize = 2 2',
      'ElementSpacing = 0.5 0.25',
      'ElementType = MET_UCHAR',
      'ElementDataFile = LOCAL',
    ];
    const image = parseMetaImage(join(text(lines), new Uint8Array([1, 2, 3, 4])));
    expect(image.dims).toEqual([2, 2, 1]);
    expect(image.spacingMm).toEqual([0.5, 0.25, 1]);
    expect(image.direction).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });

  it('refuses wrong magic, short data, damaged compression and vector images', () => {
    expect(() =>
      parseMetaImage(new TextEncoder().encode('\x89PNG\r\n'), { file: 'x.mha' }),
    ).toThrow(InputError);
    expect(() =>
      parseMetaImage(new TextEncoder().encode('Hello = 1\nElementDataFile = LOCAL\n')),
    ).toThrow(/first header key is "Hello", expected ObjectType or NDims/);
    const good = encodeMetaImage(small()).mha;
    expect(() => parseMetaImage(good.subarray(0, good.length - 4))).toThrow(
      /DimSize 4x3x2 of MET_FLOAT needs 96 bytes of data but the file holds 92/,
    );
    const packed = encodeMetaImage(small(), { compress: true }).mha;
    expect(() => parseMetaImage(packed.subarray(0, packed.length - 10))).toThrow(
      /cannot be inflated/,
    );
    const vector = [
      'ObjectType = Image',
      'NDims = 3',
      'DimSize = 1 1 1',
      'ElementNumberOfChannels = 3',
      'ElementType = MET_UCHAR',
      'ElementDataFile = LOCAL',
    ];
    expect(() => parseMetaImage(text(vector))).toThrow(/ElementNumberOfChannels is 3/);
    expect(() => parseMetaImage(text(['ObjectType = Image', 'NDims = 3']))).toThrow(
      /no ElementDataFile line/,
    );
  });
});

describe.skipIf(!hasShared)('MetaImage with the IBSI CT phantom', () => {
  it('writes the phantom as .mha and reads the same voxels and world positions', async () => {
    const image = await readNifti(path.join(PHANTOM, 'nifti/image/phantom.nii.gz'));
    const dir = await mkdtemp(path.join(tmpdir(), 'radfusion-mha-'));
    const file = path.join(dir, 'phantom.mha');
    await writeMetaImage(file, image, { compress: true, elementType: 'MET_SHORT' });
    const back = await readMetaImage(file);
    expect(back.dims).toEqual(image.dims);
    let differ = 0;
    for (let n = 0; n < image.data.length; n++)
      if (back.data[n] !== Math.round(image.data[n] ?? NaN)) differ++;
    expect(differ).toBe(0);
    const corner = indexToLPS(back, [203, 200, 59]);
    indexToLPS(image, [203, 200, 59]).forEach((c, n) => expect(corner[n]).toBeCloseTo(c, 6));
  });
});
