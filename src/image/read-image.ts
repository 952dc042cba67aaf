/**
 * One entry point for images and masks in any supported format, so that the
 * study and extract commands take whatever the user has.
 *
 * Images: a folder is a DICOM series; a single DICOM slice stands for its
 * series (the folder it is in, that SeriesInstanceUID); NIfTI, NRRD and
 * MetaImage files are read by extension (or content, see `image-format.ts`).
 *
 * Masks: NIfTI, NRRD and MetaImage label images go through `readMask` (label
 * choice, fractional thresholds); a DICOM RTSTRUCT is rasterised and a DICOM
 * SEG placed onto the image's grid, so those two need the image.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { InputError, type ErrorContext } from '../errors.js';
import { parseDicom } from './dicom/dicom-file.js';
import { readDicomSeries } from './dicom/series.js';
import { TAGS } from './dicom/tags.js';
import { detectImageFormat, readVolumeFile, type ImageFormat } from './image-format.js';
import { readMask } from './mask.js';
import { rasteriseRtStruct } from './rtstruct.js';
import { rasteriseSeg } from './seg.js';
import type { Grid, Mask, Volume } from './volume.js';

export interface ReadImageOptions {
  readonly caseId?: string;
  /** The DICOM series to read when a folder holds several. */
  readonly seriesInstanceUid?: string;
  /** Largest accepted deviation of a DICOM slice gap from the series spacing, in mm. */
  readonly sliceGapToleranceMm?: number;
  /** A DICOM folder: also read its subfolders. */
  readonly recursive?: boolean;
}

export interface ReadImageResult {
  readonly image: Volume<Float32Array | Float64Array>;
  readonly format: ImageFormat;
  /** DICOM only: the series read and its frame of reference (for RTSTRUCT/SEG checks). */
  readonly seriesInstanceUid?: string;
  readonly frameOfReferenceUid?: string;
}

/** Reads an image of any supported format as a Volume (LPS, x fastest). */
export async function readImage(
  imagePath: string,
  options: ReadImageOptions = {},
): Promise<Volume<Float32Array | Float64Array>> {
  return (await readImageWithFormat(imagePath, options)).image;
}

/** `readImage`, also telling the format and, for DICOM, the series identifiers. */
export async function readImageWithFormat(
  imagePath: string,
  options: ReadImageOptions = {},
): Promise<ReadImageResult> {
  const format = await detectImageFormat(imagePath, options);
  const seriesOptions = {
    caseId: options.caseId,
    seriesInstanceUid: options.seriesInstanceUid,
    sliceGapToleranceMm: options.sliceGapToleranceMm,
    recursive: options.recursive,
  };
  if (format === 'dicom-series' || format === 'dicom-file') {
    let folder = imagePath;
    let seriesInstanceUid = options.seriesInstanceUid;
    if (format === 'dicom-file') {
      const context: ErrorContext = { caseId: options.caseId, file: imagePath };
      const { dataSet } = parseDicom(await readFile(imagePath), context);
      const modality = dataSet.string(TAGS.Modality) ?? '';
      if (modality === 'RTSTRUCT' || modality === 'SEG') {
        throw new InputError(
          `this DICOM file is a ${modality}, a mask; give the image series (a folder or one ` +
            'of its slices) as the image and this file as the mask',
          context,
        );
      }
      folder = path.dirname(imagePath);
      seriesInstanceUid ??= dataSet.string(TAGS.SeriesInstanceUID);
    }
    const series = await readDicomSeries(folder, { ...seriesOptions, seriesInstanceUid });
    return {
      image: series,
      format,
      seriesInstanceUid: series.seriesInstanceUid,
      ...(series.frameOfReferenceUid === undefined
        ? {}
        : { frameOfReferenceUid: series.frameOfReferenceUid }),
    };
  }
  return { image: await readVolumeFile(imagePath, options), format };
}

export interface ReadMaskAutoOptions {
  readonly caseId?: string;
  /**
   * Label images: the label of the ROI (default: the single non-zero label).
   * SEG: the segment number, when `segmentNumber` and `segmentLabel` are not
   * given (a SEG segment's number is the label it gets in a label image).
   */
  readonly label?: number;
  /** Label images: inside when the value is at least this (see `MaskReadOptions.threshold`). */
  readonly threshold?: number;
  /** RTSTRUCT: the ROI name (default: the single ROI). */
  readonly roiName?: string;
  /** RTSTRUCT: contour-to-slice tolerance in mm (default: a quarter slice). */
  readonly sliceToleranceMm?: number;
  /** SEG: segment number or label (default: the single segment). */
  readonly segmentNumber?: number;
  readonly segmentLabel?: string;
  /** RTSTRUCT: the image's frame of reference, checked when given. */
  readonly frameOfReferenceUid?: string;
}

/**
 * Reads a mask of any supported format. `image` is the grid that RTSTRUCT and
 * SEG masks are placed on; label images keep their own grid (check it with
 * `assertSameGrid`).
 */
export async function readMaskAuto(
  maskPath: string,
  image: Grid | undefined,
  options: ReadMaskAutoOptions = {},
): Promise<Mask> {
  const context: ErrorContext = { caseId: options.caseId, file: maskPath };
  const format = await detectImageFormat(maskPath, options);
  if (format === 'dicom-series') {
    throw new InputError(
      'the mask is a folder; give the RTSTRUCT or SEG file, or a label image (NIfTI, NRRD, MetaImage)',
      context,
    );
  }
  if (format !== 'dicom-file') {
    return readMask(maskPath, {
      ...(options.caseId === undefined ? {} : { caseId: options.caseId }),
      ...(options.label === undefined ? {} : { label: options.label }),
      ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
    });
  }

  const { dataSet } = parseDicom(await readFile(maskPath), context);
  const modality = dataSet.string(TAGS.Modality) ?? '';
  if (modality !== 'RTSTRUCT' && modality !== 'SEG') {
    throw new InputError(
      `this DICOM file is a ${modality || 'file without Modality'}, not an RTSTRUCT or SEG ` +
        'mask; give the structure set or segmentation file',
      context,
    );
  }
  if (image === undefined) {
    throw new InputError(
      `a DICOM ${modality} is placed onto its image's grid, and no image was given; read the ` +
        'image first and pass it',
      context,
    );
  }
  if (modality === 'RTSTRUCT') {
    return rasteriseRtStruct(dataSet, image, { ...options, file: maskPath });
  }
  const segmentNumber =
    options.segmentNumber ?? (options.segmentLabel === undefined ? options.label : undefined);
  return rasteriseSeg(dataSet, image, {
    ...options,
    ...(segmentNumber === undefined ? {} : { segmentNumber }),
    file: maskPath,
  });
}
