/**
 * NIfTI-1 reading and writing (`.nii` and `.nii.gz`, single file, n+1 magic).
 *
 * Geometry: NIfTI stores a voxel-to-world affine in RAS millimetres, either as
 * an sform (a 3x4 matrix) or a qform (a quaternion, offsets and pixdim). We use
 * the sform when its code is non-zero, else the qform when its code is non-zero,
 * else plain pixdim scaling (NIfTI "method 1"). This is nibabel's choice; ITK
 * prefers the qform when both are set and disagree, which they rarely do.
 * RAS is converted to LPS by negating the first two world axes.
 *
 * Intensities: when `scl_slope` is non-zero and not the identity (1, 0), voxel
 * values become `slope * stored + intercept`. Images are returned as Float32Array
 * (Float64Array for 64-bit input), which holds every CT value exactly.
 */
import { writeFile } from 'node:fs/promises';
import { gunzipSync, gzipSync } from 'node:zlib';

import { InputError } from '../errors.js';
import { readInputFile } from './read-input-file.js';
import type { Mat3, Vec3, Volume } from './volume.js';

const HEADER_BYTES = 348;

interface DataType {
  readonly bytes: number;
  readonly read: (view: DataView, offset: number, little: boolean) => number;
}

const DATA_TYPES: Readonly<Record<number, DataType>> = {
  2: { bytes: 1, read: (v, o) => v.getUint8(o) },
  4: { bytes: 2, read: (v, o, le) => v.getInt16(o, le) },
  8: { bytes: 4, read: (v, o, le) => v.getInt32(o, le) },
  16: { bytes: 4, read: (v, o, le) => v.getFloat32(o, le) },
  64: { bytes: 8, read: (v, o, le) => v.getFloat64(o, le) },
  256: { bytes: 1, read: (v, o) => v.getInt8(o) },
  512: { bytes: 2, read: (v, o, le) => v.getUint16(o, le) },
  768: { bytes: 4, read: (v, o, le) => v.getUint32(o, le) },
};

export interface NiftiReadOptions {
  /** Case id for error messages. */
  readonly caseId?: string;
}

/** Reads a NIfTI-1 image into a Volume (LPS world coordinates, x fastest). */
export async function readNifti(
  path: string,
  options: NiftiReadOptions = {},
): Promise<Volume<Float32Array | Float64Array>> {
  const context = { caseId: options.caseId, file: path };
  const raw = await readInputFile(path, context);
  return parseNifti(raw, context);
}

/** Parses the bytes of a `.nii` or `.nii.gz` file. */
export function parseNifti(
  raw: Uint8Array,
  context: { caseId?: string | undefined; file?: string | undefined } = {},
): Volume<Float32Array | Float64Array> {
  let bytes = raw;
  if (raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      bytes = gunzipSync(raw);
    } catch (error) {
      throw new InputError(
        `the gzip stream is damaged or truncated (${(error as Error).message}); ` +
          're-export or re-copy the file',
        context,
        { cause: error },
      );
    }
  }
  if (bytes.length < HEADER_BYTES) {
    throw new InputError(
      `file has ${bytes.length} bytes, fewer than the 348 of a NIfTI-1 header; ` +
        'this is not a NIfTI-1 file or it is truncated',
      context,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = detectEndianness(view, context);
  const magic = String.fromCharCode(bytes[344] ?? 0, bytes[345] ?? 0, bytes[346] ?? 0);
  if (magic !== 'n+1' && magic !== 'ni1') {
    throw new InputError(
      `wrong magic "${magic.replace(/[^\x20-\x7e]/g, '?')}" (expected "n+1"); ` +
        'only NIfTI-1 single files are read here; convert NIfTI-2 or Analyze files to NIfTI-1',
      context,
    );
  }
  if (magic === 'ni1') {
    throw new InputError(
      'this is a two-file NIfTI (.hdr/.img) header; convert it to a single .nii file',
      context,
    );
  }

  const dims = readDims(view, little, context);
  const typeCode = view.getInt16(70, little);
  const type = DATA_TYPES[typeCode];
  if (type === undefined) {
    throw new InputError(
      `unsupported NIfTI datatype code ${typeCode}; ` +
        'supported: uint8, int8, int16, uint16, int32, uint32, float32, float64',
      context,
    );
  }
  const voxelOffset = Math.max(HEADER_BYTES, Math.round(view.getFloat32(108, little)));
  const count = dims[0] * dims[1] * dims[2];
  const needed = voxelOffset + count * type.bytes;
  if (bytes.length < needed) {
    throw new InputError(
      `header dimensions ${dims.join('x')} need ${needed} bytes but the file has ` +
        `${bytes.length}; the file is truncated or its header is wrong`,
      context,
    );
  }

  const slopeRaw = view.getFloat32(112, little);
  const interRaw = view.getFloat32(116, little);
  const scaled = Number.isFinite(slopeRaw) && slopeRaw !== 0 && (slopeRaw !== 1 || interRaw !== 0);
  const slope = scaled ? slopeRaw : 1;
  const intercept = scaled && Number.isFinite(interRaw) ? interRaw : 0;
  const data = typeCode === 64 ? new Float64Array(count) : new Float32Array(count);
  for (let n = 0; n < count; n++) {
    data[n] = slope * type.read(view, voxelOffset + n * type.bytes, little) + intercept;
  }

  return { data, dims, ...readGeometry(view, little) };
}

function detectEndianness(
  view: DataView,
  context: { caseId?: string | undefined; file?: string | undefined },
): boolean {
  if (view.getInt32(0, true) === HEADER_BYTES) return true;
  if (view.getInt32(0, false) === HEADER_BYTES) return false;
  throw new InputError(
    `header size field is ${view.getInt32(0, true)}, expected 348; not a NIfTI-1 file`,
    context,
  );
}

function readDims(
  view: DataView,
  little: boolean,
  context: { caseId?: string | undefined; file?: string | undefined },
): Vec3 {
  const rank = view.getInt16(40, little);
  if (rank < 1 || rank > 7) {
    throw new InputError(`dim[0] is ${rank}, expected 1 to 7; the header is damaged`, context);
  }
  const dim = (n: number): number => (n <= rank ? view.getInt16(40 + 2 * n, little) : 1);
  for (let n = 4; n <= rank; n++) {
    if (dim(n) > 1) {
      throw new InputError(
        `image has ${rank} dimensions (${dim(n)} along dimension ${n}); ` +
          'only 3D images are read: extract one volume first',
        context,
      );
    }
  }
  const dims: Vec3 = [dim(1), dim(2), dim(3)];
  if (dims.some((d) => d < 1)) {
    throw new InputError(`dimensions ${dims.join('x')} are not positive`, context);
  }
  return dims;
}

interface Geometry {
  readonly spacingMm: Vec3;
  readonly originLPS: Vec3;
  readonly direction: Mat3;
}

function readGeometry(view: DataView, little: boolean): Geometry {
  const f32 = (offset: number): number => view.getFloat32(offset, little);
  const qformCode = view.getInt16(252, little);
  const sformCode = view.getInt16(254, little);
  const pixdim = [f32(76), f32(80), f32(84), f32(88)];
  const absPix = (n: number): number => {
    const v = Math.abs(pixdim[n] ?? 1);
    return v > 0 && Number.isFinite(v) ? v : 1;
  };

  // affineRAS[r][c] for c < 3 is the world step along voxel axis c; column 3 the offset.
  let affineRAS: number[][];
  if (sformCode > 0) {
    affineRAS = [0, 1, 2].map((r) => [0, 1, 2, 3].map((c) => f32(280 + 16 * r + 4 * c)));
  } else if (qformCode > 0) {
    affineRAS = quaternionAffine(f32, pixdim[0] ?? 1, [absPix(1), absPix(2), absPix(3)]);
  } else {
    affineRAS = [
      [absPix(1), 0, 0, 0],
      [0, absPix(2), 0, 0],
      [0, 0, absPix(3), 0],
    ];
  }

  const rasToLps = [-1, -1, 1];
  const spacing: number[] = [];
  const direction: number[] = new Array<number>(9).fill(0);
  for (let c = 0; c < 3; c++) {
    const column = [0, 1, 2].map((r) => affineRAS[r]?.[c] ?? 0);
    const length = Math.hypot(...column) || 1;
    spacing.push(length);
    for (let r = 0; r < 3; r++) {
      // `+ 0` turns the -0 of a negated zero into 0.
      direction[3 * r + c] = ((rasToLps[r] ?? 1) * (column[r] ?? 0)) / length + 0;
    }
  }
  const origin = [0, 1, 2].map((r) => (rasToLps[r] ?? 1) * (affineRAS[r]?.[3] ?? 0) + 0);
  return {
    spacingMm: spacing as unknown as Vec3,
    originLPS: origin as unknown as Vec3,
    direction: direction as unknown as Mat3,
  };
}

function quaternionAffine(
  f32: (offset: number) => number,
  qfacRaw: number,
  spacing: Vec3,
): number[][] {
  const b = f32(256);
  const c = f32(260);
  const d = f32(264);
  const a = Math.sqrt(Math.max(0, 1 - (b * b + c * c + d * d)));
  const qfac = qfacRaw < 0 ? -1 : 1;
  const rotation = [
    [a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)],
    [2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b)],
    [2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b],
  ];
  const offsets = [f32(268), f32(272), f32(276)];
  const scale = [spacing[0], spacing[1], spacing[2] * qfac];
  return [0, 1, 2].map((r) => [
    ...[0, 1, 2].map((col) => (rotation[r]?.[col] ?? 0) * (scale[col] ?? 1)),
    offsets[r] ?? 0,
  ]);
}

export interface NiftiWriteOptions {
  /** Stored type: 'float32' (default), 'int16' or 'uint8'. Values are rounded for integers. */
  readonly dataType?: 'float32' | 'int16' | 'uint8';
}

/** Writes a Volume as NIfTI-1 (gzip-compressed when the path ends in `.gz`), sform and qform code 1. */
export async function writeNifti(
  path: string,
  volume: Volume,
  options: NiftiWriteOptions = {},
): Promise<void> {
  const bytes = encodeNifti(volume, options);
  await writeFile(path, path.endsWith('.gz') ? gzipSync(bytes, { level: 6 }) : bytes);
}

/** Encodes a Volume as the bytes of a `.nii` file. */
export function encodeNifti(volume: Volume, options: NiftiWriteOptions = {}): Uint8Array {
  const kind = options.dataType ?? 'float32';
  const typeCode = kind === 'float32' ? 16 : kind === 'int16' ? 4 : 2;
  const bytesPer = kind === 'float32' ? 4 : kind === 'int16' ? 2 : 1;
  const count = volume.dims[0] * volume.dims[1] * volume.dims[2];
  const voxelOffset = 352;
  const buffer = new ArrayBuffer(voxelOffset + count * bytesPer);
  const view = new DataView(buffer);
  view.setInt32(0, HEADER_BYTES, true);
  view.setInt16(40, 3, true);
  for (let n = 0; n < 3; n++) view.setInt16(42 + 2 * n, volume.dims[n] ?? 1, true);
  for (let n = 3; n < 7; n++) view.setInt16(42 + 2 * n, 1, true);
  view.setInt16(70, typeCode, true);
  view.setInt16(72, 8 * bytesPer, true);
  view.setFloat32(76, 1, true);
  for (let n = 0; n < 3; n++) view.setFloat32(80 + 4 * n, volume.spacingMm[n] ?? 1, true);
  view.setFloat32(108, voxelOffset, true);
  view.setFloat32(112, 1, true);
  view.setUint8(123, 10); // xyzt_units: mm and seconds
  view.setInt16(252, 0, true);
  view.setInt16(254, 1, true);

  const lpsToRas = [-1, -1, 1];
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) {
      const value =
        (lpsToRas[r] ?? 1) * (volume.direction[3 * r + c] ?? 0) * (volume.spacingMm[c] ?? 1);
      view.setFloat32(280 + 16 * r + 4 * c, value, true);
    }
    view.setFloat32(280 + 16 * r + 12, (lpsToRas[r] ?? 1) * (volume.originLPS[r] ?? 0), true);
  }
  new Uint8Array(buffer, 344, 4).set([0x6e, 0x2b, 0x31, 0]);

  for (let n = 0; n < count; n++) {
    const value = volume.data[n] ?? 0;
    const offset = voxelOffset + n * bytesPer;
    if (kind === 'float32') view.setFloat32(offset, value, true);
    else if (kind === 'int16') view.setInt16(offset, Math.round(value), true);
    else view.setUint8(offset, Math.round(value));
  }
  return new Uint8Array(buffer);
}
