import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { syntheticRtStruct, syntheticSlice } from './dicom/synthetic.fixture.js';
import { detectImageFormat } from './image-format.js';
import { assertSameGrid } from './mask.js';
import { encodeMetaImage } from './metaimage.js';
import { encodeNifti } from './nifti.js';
import { encodeNrrd } from './nrrd.js';
import { readImage, readImageWithFormat, readMaskAuto } from './read-image.js';
import type { Mask, Volume } from './volume.js';

const SHARED = path.resolve(import.meta.dirname, '../../../shared/data');
const PHANTOM = path.join(SHARED, 'ibsi1/ibsi_1_ct_radiomics_phantom');
const hasShared = existsSync(PHANTOM);
if (!hasShared) console.warn(`skipping readImage phantom tests: ${PHANTOM} is absent`);

const count = (mask: Mask): number => mask.data.reduce((a, b) => a + b, 0);

describe.skipIf(!hasShared)('readImage and readMaskAuto on the IBSI CT phantom', () => {
  it('gives the same ROI from NIfTI, NRRD and DICOM + RTSTRUCT', async () => {
    const fromFolder = await readImageWithFormat(path.join(PHANTOM, 'dicom/image'));
    expect(fromFolder.format).toBe('dicom-series');
    const fromSlice = await readImage(path.join(PHANTOM, 'dicom/image/DCM_IMG_00031.dcm'));
    expect(fromSlice.dims).toEqual([204, 201, 60]);
    const nifti = await readImage(path.join(PHANTOM, 'nifti/image/phantom.nii.gz'));
    assertSameGrid(nifti, fromFolder.image);

    const rt = await readMaskAuto(
      path.join(PHANTOM, 'dicom/mask/DCM_RS_00060.dcm'),
      fromFolder.image,
      {
        roiName: 'GTV-1',
        ...(fromFolder.frameOfReferenceUid === undefined
          ? {}
          : { frameOfReferenceUid: fromFolder.frameOfReferenceUid }),
      },
    );
    const niftiMask = await readMaskAuto(path.join(PHANTOM, 'nifti/mask/mask.nii.gz'), undefined);
    const nrrdMask = await readMaskAuto(
      path.join(SHARED, 'pyradiomics/ibsi_benchmark/data/patient_cases/PAT1/GTV.nrrd'),
      undefined,
    );
    expect([count(rt), count(niftiMask), count(nrrdMask)]).toEqual([125256, 125256, 125256]);
    assertSameGrid(nifti, nrrdMask);
    await expect(readImage(path.join(PHANTOM, 'dicom/mask/DCM_RS_00060.dcm'))).rejects.toThrow(
      /this DICOM file is a RTSTRUCT, a mask/,
    );
    await expect(
      readMaskAuto(path.join(PHANTOM, 'dicom/mask/DCM_RS_00060.dcm'), undefined),
    ).rejects.toThrow(/no image was given/);
  });
});

const small = (): Volume<Float32Array> => ({
  data: Float32Array.from({ length: 24 }, (_, n) => (n % 5 === 0 ? 1 : 0)),
  dims: [4, 3, 2],
  spacingMm: [0.5, 0.75, 2],
  originLPS: [-10, 20, 0],
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
});

describe('format dispatch', () => {
  it('reads each format by extension and, without one, by content', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'radfusion-read-'));
    const files: [string, Uint8Array][] = [
      ['a.nii', encodeNifti(small())],
      ['a.nrrd', encodeNrrd(small())],
      ['a.mha', encodeMetaImage(small()).mha],
      ['nifti-noext', encodeNifti(small())],
      ['nrrd-noext', encodeNrrd(small())],
      ['mha-noext', encodeMetaImage(small()).mha],
    ];
    for (const [name, bytes] of files) await writeFile(path.join(dir, name), bytes);
    for (const [name] of files) {
      const image = await readImage(path.join(dir, name));
      expect([...image.data]).toEqual([...small().data]);
      const mask = await readMaskAuto(path.join(dir, name), undefined);
      expect(count(mask)).toBe(5);
    }
    expect(await detectImageFormat(path.join(dir, 'nrrd-noext'))).toBe('nrrd');
    await writeFile(path.join(dir, 'notes.txt'), 'hello');
    await expect(readImage(path.join(dir, 'notes.txt'), { caseId: 'F1' })).rejects.toThrow(
      /case F1, file .*notes\.txt: the image format cannot be told/,
    );
    await expect(readImage(path.join(dir, 'missing.nii'))).rejects.toThrow(/ENOENT/);
  });

  it('reads a synthetic DICOM series and rasterises its RTSTRUCT', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'radfusion-read-'));
    for (let k = 0; k < 3; k++) {
      await writeFile(
        path.join(dir, `ct${k}.dcm`),
        syntheticSlice({
          positionLPS: [0, 0, 2 * k],
          instanceNumber: 3 - k,
          rows: 4,
          columns: 4,
          pixelSpacingMm: [1, 1],
        }),
      );
    }
    const rsDir = await mkdtemp(path.join(tmpdir(), 'radfusion-read-'));
    const rsFile = path.join(rsDir, 'rs.dcm');
    const square = (z: number): [number, number, number][] => [
      [1, 1, z],
      [2, 1, z],
      [2, 2, z],
      [1, 2, z],
    ];
    await writeFile(
      rsFile,
      syntheticRtStruct([
        { name: 'GTV', contours: [{ pointsLPS: square(0) }, { pointsLPS: square(4) }] },
      ]),
    );
    const { image, frameOfReferenceUid } = await readImageWithFormat(dir);
    const mask = await readMaskAuto(
      rsFile,
      image,
      frameOfReferenceUid === undefined ? {} : { frameOfReferenceUid },
    );
    expect(count(mask)).toBe(8);
    await expect(readMaskAuto(dir, image)).rejects.toThrow(/the mask is a folder/);
  });

  it('reads a 208x156x1 image as one slice from every format', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'radfusion-read-'));
    const flat: Volume<Float32Array> = {
      data: Float32Array.from({ length: 208 * 156 }, (_, n) => n % 7),
      dims: [208, 156, 1],
      spacingMm: [0.8, 0.8, 1],
      originLPS: [0, 0, 0],
      direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    };
    await writeFile(path.join(dir, 'a.nii.gz'), encodeNifti(flat));
    await writeFile(path.join(dir, 'a.nrrd'), encodeNrrd(flat));
    await writeFile(path.join(dir, 'a.mha'), encodeMetaImage(flat).mha);
    const slice = path.join(dir, 'dicom');
    await mkdir(slice);
    await writeFile(
      path.join(slice, 'one.dcm'),
      syntheticSlice({
        positionLPS: [0, 0, 0],
        rows: 156,
        columns: 208,
        pixelSpacingMm: [0.8, 0.8],
        stored: [...flat.data],
      }),
    );
    for (const name of ['a.nii.gz', 'a.nrrd', 'a.mha', 'dicom']) {
      const image = await readImage(path.join(dir, name));
      expect(image.dims).toEqual([208, 156, 1]);
      expect(image.data[208 * 155 + 207]).toBe((208 * 155 + 207) % 7);
    }
  });
});
