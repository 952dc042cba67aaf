import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { InputError } from '../../errors.js';
import { readNifti } from '../nifti.js';
import { indexToLPS, lpsToIndex } from '../volume.js';
import { parseDicom } from './dicom-file.js';
import { encodeDicom } from './encode.js';
import { listDicomSeries, readDicomSeries } from './series.js';
import {
  syntheticEnhancedCt,
  syntheticRtStruct,
  syntheticSlice,
  writeSeries,
  type SyntheticSlice,
} from './synthetic.fixture.js';
import { TAGS } from './tags.js';

const SHARED = path.resolve(import.meta.dirname, '../../../../shared/data/ibsi1');
const PHANTOM = path.join(SHARED, 'ibsi_1_ct_radiomics_phantom');
const hasShared = existsSync(PHANTOM);
if (!hasShared) console.warn(`skipping DICOM phantom tests: ${PHANTOM} is absent`);

const axial = (
  z: number,
  instanceNumber: number,
  extra: Partial<SyntheticSlice> = {},
): SyntheticSlice => ({
  positionLPS: [-10, 20, z],
  instanceNumber,
  ...extra,
});

describe.skipIf(!hasShared)('the IBSI CT phantom from DICOM', () => {
  it('reads the 60-slice series to the NIfTI voxels and geometry', async () => {
    const started = performance.now();
    const series = await readDicomSeries(path.join(PHANTOM, 'dicom/image'));
    const elapsedMs = performance.now() - started;
    console.info(`read 60-slice DICOM series in ${elapsedMs.toFixed(0)} ms`);
    const nifti = await readNifti(path.join(PHANTOM, 'nifti/image/phantom.nii.gz'));

    expect(series.dims).toEqual([204, 201, 60]);
    series.spacingMm.forEach((s, n) => expect(s).toBeCloseTo(nifti.spacingMm[n] ?? NaN, 5));
    series.originLPS.forEach((o, n) => expect(o).toBeCloseTo(nifti.originLPS[n] ?? NaN, 4));
    series.direction.forEach((d, n) => expect(d).toBeCloseTo(nifti.direction[n] ?? NaN, 6));
    // The files run from z = 76.6 down; the volume starts at the lowest slice.
    expect(path.basename(series.files[0] ?? '')).toBe('DCM_IMG_00059.dcm');

    // Compare in world coordinates, voxel by voxel, through each grid's own mapping.
    let mismatches = 0;
    const [nx, ny, nz] = series.dims;
    for (let k = 0; k < nz; k++) {
      for (let j = 0; j < ny; j += 1) {
        for (let i = 0; i < nx; i += 1) {
          const world = indexToLPS(series, [i, j, k]);
          const [a, b, c] = lpsToIndex(nifti, world).map(Math.round) as [number, number, number];
          const expected = nifti.data[a + nifti.dims[0] * (b + nifti.dims[1] * c)];
          if (series.data[i + nx * (j + ny * k)] !== expected) mismatches++;
        }
      }
    }
    expect(mismatches).toBe(0);
    let sum = 0;
    for (const v of series.data) sum += v;
    expect(sum / series.data.length).toBeCloseTo(-266.47, 1);
  });

  it('lists the one series with its description and slice count', async () => {
    const list = await listDicomSeries(path.join(PHANTOM, 'dicom/image'));
    expect(list).toHaveLength(1);
    expect(list[0]?.sliceCount).toBe(60);
    expect(list[0]?.modality).toBe('CT');
  });
});

describe('DICOM series from synthetic slices', () => {
  it('sorts by position along the normal when InstanceNumbers run against it', async () => {
    // Instance 1 is the highest slice; the file names run in yet another order.
    const folder = await writeSeries([axial(6, 3), axial(0, 1), axial(3, 2)]);
    const reversed = await writeSeries([axial(0, 3), axial(3, 2), axial(6, 1)]);
    const a = await readDicomSeries(folder);
    const b = await readDicomSeries(reversed);
    expect(a.dims).toEqual([4, 3, 3]);
    expect(a.spacingMm).toEqual([0.75, 0.5, 3]);
    expect(a.originLPS).toEqual([-10, 20, 0]);
    // Slice k holds instance (k + 1) in a, (3 - k) in b: value 100 * instance + 10 * row + col.
    expect(a.data[0]).toBe(100);
    expect(a.data[12 * 2 + 4 * 2 + 3]).toBe(300 + 23);
    expect(b.data[0]).toBe(300);
    expect(b.originLPS).toEqual([-10, 20, 0]);
  });

  it('sorts along an oblique-free sagittal normal and keeps the direction', async () => {
    // Rows along P, columns along -S: the normal is P x (-S) = (-1, 0, 0)... positions on x.
    const orientation = [0, 1, 0, 0, 0, -1];
    const slices = [5, 1, 3].map((x, n) => ({
      positionLPS: [x, 0, 0] as const,
      orientation,
      instanceNumber: n + 1,
    }));
    const series = await readDicomSeries(await writeSeries(slices));
    expect(series.direction).toEqual([0, 0, -1, 1, 0, 0, 0, -1, 0]);
    // Along the normal (-x), the first slice is the one at x = 5.
    expect(series.originLPS).toEqual([5, 0, 0]);
    expect(series.spacingMm[2]).toBeCloseTo(2, 9);
    const last = indexToLPS(series, [0, 0, 2]);
    expect(last[0]).toBeCloseTo(1, 9);
  });

  it('names the gap of a missing slice', async () => {
    const folder = await writeSeries([0, 2.5, 5, 10, 12.5].map((z, n) => axial(z, n + 1)));
    await expect(readDicomSeries(folder, { caseId: 'P7' })).rejects.toThrow(
      /case P7, file .*: missing slice: the series spacing is 2\.500 mm but between 5\.000 mm \(slice-2\.dcm\) and 10\.000 mm \(slice-3\.dcm\) the gap is 5\.000 mm: 1 slice\(s\) missing at 7\.500 mm/,
    );
  });

  it('refuses non-uniform spacing and duplicate positions', async () => {
    const uneven = await writeSeries([0, 2.5, 5, 6.5, 9].map((z, n) => axial(z, n + 1)));
    await expect(readDicomSeries(uneven)).rejects.toThrow(
      /non-uniform slice spacing.*1\.500 mm between 5\.000 mm/,
    );
    const doubled = await writeSeries([0, 2.5, 2.5, 5].map((z, n) => axial(z, n + 1)));
    await expect(readDicomSeries(doubled)).rejects.toThrow(/two slices lie at the same position/);
  });

  it('lists two series in one folder and reads the chosen one', async () => {
    const folder = await writeSeries([
      axial(0, 1, { seriesUid: '1.2.3.4', description: 'AX 3mm' }),
      axial(3, 2, { seriesUid: '1.2.3.4', description: 'AX 3mm' }),
      axial(0, 1, { seriesUid: '1.2.3.5', description: 'scout' }),
    ]);
    await expect(readDicomSeries(folder)).rejects.toThrow(
      /2 image series and none was chosen: 1\.2\.3\.4 "AX 3mm" \(CT, 2 slices\); 1\.2\.3\.5 "scout" \(CT, 1 slices\)/,
    );
    const chosen = await readDicomSeries(folder, { seriesInstanceUid: '1.2.3.4' });
    expect(chosen.dims[2]).toBe(2);
    await expect(readDicomSeries(folder, { seriesInstanceUid: '9.9' })).rejects.toThrow(
      /no series 9\.9; it holds: 1\.2\.3\.4/,
    );
    const list = await listDicomSeries(folder);
    expect(list.map((s) => s.sliceCount).sort()).toEqual([1, 2]);
  });

  it('applies rescale slope/intercept per slice, signed pixels and BitsStored', async () => {
    const folder = await writeSeries([
      axial(0, 1, {
        signed: true,
        stored: new Array<number>(12).fill(-5),
        slope: 2,
        intercept: -1000,
      }),
      axial(1, 2, { signed: true, stored: new Array<number>(12).fill(-5), slope: 1, intercept: 0 }),
      // 12-bit signed data: 0x0FFF is -1; bits above 12 are not part of the value.
      axial(2, 3, { signed: true, bitsStored: 12, stored: new Array<number>(12).fill(0x0fff) }),
      axial(3, 4, { bitsStored: 12, stored: new Array<number>(12).fill(0x7123) }),
    ]);
    const series = await readDicomSeries(folder);
    expect(series.data[0]).toBe(-1010);
    expect(series.data[12]).toBe(-5);
    expect(series.data[24]).toBe(-1);
    expect(series.data[36]).toBe(0x123);
  });

  it('reads every uncompressed transfer syntax to the same voxels', async () => {
    const syntaxes = [
      'implicitLittle',
      'explicitLittle',
      'deflatedExplicitLittle',
      'explicitBig',
    ] as const;
    const volumes = await Promise.all(
      syntaxes.map(async (transferSyntax) =>
        readDicomSeries(
          await writeSeries([axial(0, 1, { transferSyntax }), axial(2, 2, { transferSyntax })]),
        ),
      ),
    );
    for (const volume of volumes) expect([...volume.data]).toEqual([...(volumes[0]?.data ?? [])]);
  });

  it('names the file of a truncated slice and skips files that are not DICOM', async () => {
    const folder = await writeSeries([axial(0, 1), axial(1, 2)]);
    await writeFile(path.join(folder, 'README.txt'), 'not an image');
    await writeFile(path.join(folder, 'rs.dcm'), syntheticRtStruct([{ name: 'x', contours: [] }]));
    expect((await readDicomSeries(folder)).dims[2]).toBe(2);
    const whole = syntheticSlice(axial(2, 3));
    await writeFile(path.join(folder, 'slice-9.dcm'), whole.subarray(0, whole.length - 7));
    await expect(readDicomSeries(folder)).rejects.toThrow(
      /file .*slice-9\.dcm: the data end at byte \d+ inside the value of element \(7FE0,0010\)/,
    );
  });

  it('reads a multi-frame (enhanced) CT: frames sorted by position, shared rescale', async () => {
    for (const undefinedLength of [false, true]) {
      const folder = await writeSeries([]);
      // Frames 1..3 at z = 4, 0, 2: frame 2 is the lowest slice.
      const positionsLPS = [4, 0, 2].map((z) => [-10, 20, z] as const);
      await writeFile(
        path.join(folder, 'enhanced.dcm'),
        syntheticEnhancedCt({ positionsLPS, undefinedLength }),
      );
      const series = await readDicomSeries(folder);
      expect(series.dims).toEqual([4, 3, 3]);
      expect(series.spacingMm).toEqual([0.75, 0.5, 2]);
      expect(series.originLPS).toEqual([-10, 20, 0]);
      // Slice k = 0 is frame 2 (stored 200 + 10 * row + column), slope 2, intercept -1000.
      expect(series.data[0]).toBe(2 * 200 - 1000);
      expect(series.data[12 + 4 * 2 + 3]).toBe(2 * (300 + 23) - 1000);
      expect(series.data[24]).toBe(2 * 100 - 1000);
      expect((await listDicomSeries(folder))[0]?.sliceCount).toBe(3);
    }
    const gap = await writeSeries([]);
    const positionsLPS = [0, 2, 4, 8].map((z) => [0, 0, z] as const);
    await writeFile(path.join(gap, 'enhanced.dcm'), syntheticEnhancedCt({ positionsLPS }));
    await expect(readDicomSeries(gap)).rejects.toThrow(
      /between 4\.000 mm \(enhanced\.dcm frame 3\) and 8\.000 mm \(enhanced\.dcm frame 4\) the gap is 4\.000 mm: 1 slice\(s\) missing at 6\.000 mm/,
    );
  });

  it('searches subfolders only when asked', async () => {
    const top = await writeSeries([]);
    const inner = await writeSeries([axial(0, 1), axial(1, 2)]);
    await mkdir(path.join(top, 'SE000'));
    for (const name of ['slice-0.dcm', 'slice-1.dcm']) {
      await writeFile(path.join(top, 'SE000', name), await readFile(path.join(inner, name)));
    }
    await expect(readDicomSeries(top)).rejects.toThrow(
      /0 files, 0 of them DICOM.*1 subfolders.*recursive option/,
    );
    expect((await readDicomSeries(top, { recursive: true })).dims[2]).toBe(2);
  });

  it('refuses compressed (encapsulated) pixel data with the remedy', async () => {
    const whole = syntheticSlice(axial(0, 1));
    // Drop the OW pixel element (12-byte header + 24 bytes) and append an encapsulated one.
    const head = whole.subarray(0, whole.length - 36);
    const encapsulated = new Uint8Array(12 + 8 + 8 + 4 + 8);
    const view = new DataView(encapsulated.buffer);
    view.setUint32(0, 0x00107fe0, true);
    encapsulated.set([0x4f, 0x42], 4);
    view.setUint32(8, 0xffffffff, true);
    view.setUint32(12, 0xe000fffe, true); // empty offset table
    view.setUint32(20, 0xe000fffe, true);
    view.setUint32(24, 4, true); // one 4-byte fragment
    view.setUint32(32, 0xe0ddfffe, true);
    const folder = await writeSeries([]);
    await writeFile(path.join(folder, 'jpeg.dcm'), new Uint8Array([...head, ...encapsulated]));
    await expect(readDicomSeries(folder)).rejects.toThrow(
      /jpeg\.dcm: the pixel data are compressed .*decompress the series first/,
    );
  });

  it('refuses an empty folder of images and a sheared stack', async () => {
    const empty = await writeSeries([]);
    await expect(readDicomSeries(empty)).rejects.toThrow(/no DICOM image in the folder/);
    const sheared = await writeSeries([
      { positionLPS: [0, 0, 0], instanceNumber: 1 },
      { positionLPS: [0, 1, 2], instanceNumber: 2 },
      { positionLPS: [0, 2, 4], instanceNumber: 3 },
    ]);
    await expect(readDicomSeries(sheared)).rejects.toThrow(/sheared \(gantry tilt\)/);
  });
});

describe('DICOM Part 10 parsing', () => {
  it('reads an implicit VR data set whose meta group declares explicit VR', () => {
    // One element, 10 bytes in both encodings: swap the explicit body for the implicit one.
    const implicit = encodeDicom([{ tag: TAGS.Rows, vr: 'US', value: [77] }], 'implicitLittle');
    const explicit = encodeDicom([{ tag: TAGS.Rows, vr: 'US', value: [77] }], 'explicitLittle');
    const mixed = new Uint8Array([
      ...explicit.subarray(0, explicit.length - 10),
      ...implicit.subarray(implicit.length - 10),
    ]);
    expect(parseDicom(mixed).dataSet.number(TAGS.Rows)).toBe(77);
  });

  it('reads a known sequence that an explicit VR file stores as UN (implicit inside)', () => {
    const inner = encodeDicom(
      [
        {
          tag: TAGS.ROIContourSequence,
          vr: 'SQ',
          value: [[{ tag: TAGS.ReferencedROINumber, vr: 'IS', value: '3' }]],
        },
      ],
      'implicitLittle',
    );
    // The implicit encoding of the sequence: tag (4), length (4), then its items.
    const sequenceBody = inner.subarray(inner.length - (8 + 8 + 10));
    const items = sequenceBody.subarray(8);
    const bytes = encodeDicom(
      [{ tag: TAGS.ROIContourSequence, vr: 'UN', value: items }],
      'explicitLittle',
    );
    const roi = parseDicom(bytes).dataSet.sequence(TAGS.ROIContourSequence)[0];
    expect(roi?.number(TAGS.ReferencedROINumber)).toBe(3);
  });

  it('refuses a wrong magic and a short file', () => {
    const bytes = syntheticSlice(axial(0, 1));
    bytes[129] = 0x58;
    expect(() => parseDicom(bytes, { file: 'x.dcm' })).toThrow(InputError);
    expect(() => parseDicom(bytes)).toThrow(/wrong magic: "DICM" is expected at byte 128/);
    expect(() => parseDicom(new Uint8Array(40))).toThrow(/the file has only 40 bytes/);
  });

  it('reads nested sequences of defined and undefined length in implicit and explicit VR', () => {
    for (const undefinedLength of [false, true]) {
      for (const syntax of ['implicitLittle', 'explicitLittle'] as const) {
        const bytes = encodeDicom(
          [
            { tag: TAGS.Modality, vr: 'CS', value: 'RTSTRUCT' },
            {
              tag: TAGS.ROIContourSequence,
              vr: 'SQ',
              undefinedLength,
              value: [
                [
                  { tag: TAGS.ReferencedROINumber, vr: 'IS', value: '7' },
                  {
                    tag: TAGS.ContourSequence,
                    vr: 'SQ',
                    undefinedLength,
                    value: [[{ tag: TAGS.ContourData, vr: 'DS', value: '1\\2.5\\-3' }], []],
                  },
                ],
              ],
            },
            { tag: TAGS.Rows, vr: 'US', value: [513] },
          ],
          syntax,
        );
        const { dataSet } = parseDicom(bytes);
        const roi = dataSet.sequence(TAGS.ROIContourSequence)[0];
        expect(roi?.number(TAGS.ReferencedROINumber)).toBe(7);
        expect(roi?.sequence(TAGS.ContourSequence)).toHaveLength(2);
        expect(roi?.sequence(TAGS.ContourSequence)[0]?.numbers(TAGS.ContourData)).toEqual([
          1, 2.5, -3,
        ]);
        expect(dataSet.number(TAGS.Rows)).toBe(513);
        expect(dataSet.string(TAGS.Modality)).toBe('RTSTRUCT');
      }
    }
  });

  it('reads the phantom slice header (implicit VR little endian)', async () => {
    if (!hasShared) return;
    const bytes = await readFile(path.join(PHANTOM, 'dicom/image/DCM_IMG_00000.dcm'));
    const file = parseDicom(bytes);
    expect(file.transferSyntaxUid).toBe('1.2.840.10008.1.2');
    expect(file.dataSet.number(TAGS.Rows)).toBe(201);
    expect(file.dataSet.number(TAGS.Columns)).toBe(204);
    expect(file.dataSet.number(TAGS.RescaleIntercept)).toBe(-1000);
    expect(file.dataSet.numbers(TAGS.ImagePositionPatient)?.[2]).toBeCloseTo(76.6, 4);
  });
});
