/**
 * MetaImage reading (`.mha` with inline data, `.mhd` with a `.raw`/`.zraw`
 * data file) and writing.
 *
 * Header: `Key = Value` lines; the last one is `ElementDataFile`, which is
 * `LOCAL` when the data follow the header in the same file. Keys are matched
 * without regard to case.
 *
 * Geometry, as ITK reads it: world coordinates are LPS; `Offset` (or `Origin`,
 * `Position`) is the centre of the first voxel; `ElementSpacing` (or
 * `ElementSize`) the spacing; `TransformMatrix` (or `Rotation`, `Orientation`)
 * lists the unit vector of axis 0, then of axis 1, then of axis 2, so it is the
 * transpose of Volume's row-major direction.
 *
 * `AnatomicalOrientation` (three letters such as RAI, each naming the side an
 * axis starts from) is used only when there is no TransformMatrix. Porting
 * note: ITK ignores it and takes an identity direction; a header that carries
 * a non-RAI orientation without a matrix is read here the way its orientation
 * says, and a header with both follows the matrix, as in ITK.
 *
 * `CompressedData = True` means a zlib (or gzip) stream. Values are returned as
 * Float32Array, or Float64Array for 32-/64-bit integers and doubles.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deflateSync, gunzipSync, inflateSync } from 'node:zlib';

import { readInputFile } from './read-input-file.js';
import { InputError, type ErrorContext } from '../errors.js';
import type { Mat3, Vec3, Volume } from './volume.js';

export interface MetaImageReadOptions {
  readonly caseId?: string;
}

interface ElementType {
  readonly bytes: number;
  readonly wide: boolean;
  readonly read: (view: DataView, at: number, little: boolean) => number;
}

const ELEMENT_TYPES: Readonly<Record<string, ElementType>> = {
  MET_CHAR: { bytes: 1, wide: false, read: (v, at) => v.getInt8(at) },
  MET_UCHAR: { bytes: 1, wide: false, read: (v, at) => v.getUint8(at) },
  MET_SHORT: { bytes: 2, wide: false, read: (v, at, le) => v.getInt16(at, le) },
  MET_USHORT: { bytes: 2, wide: false, read: (v, at, le) => v.getUint16(at, le) },
  MET_INT: { bytes: 4, wide: true, read: (v, at, le) => v.getInt32(at, le) },
  MET_UINT: { bytes: 4, wide: true, read: (v, at, le) => v.getUint32(at, le) },
  MET_LONG: { bytes: 4, wide: true, read: (v, at, le) => v.getInt32(at, le) },
  MET_ULONG: { bytes: 4, wide: true, read: (v, at, le) => v.getUint32(at, le) },
  MET_LONG_LONG: { bytes: 8, wide: true, read: (v, at, le) => Number(v.getBigInt64(at, le)) },
  MET_ULONG_LONG: { bytes: 8, wide: true, read: (v, at, le) => Number(v.getBigUint64(at, le)) },
  MET_FLOAT: { bytes: 4, wide: false, read: (v, at, le) => v.getFloat32(at, le) },
  MET_DOUBLE: { bytes: 8, wide: true, read: (v, at, le) => v.getFloat64(at, le) },
};

/** Where each orientation letter puts the start of an axis, as the LPS unit vector of its run. */
const ORIENTATION_LETTERS: Readonly<Record<string, Vec3>> = {
  R: [1, 0, 0],
  L: [-1, 0, 0],
  A: [0, 1, 0],
  P: [0, -1, 0],
  I: [0, 0, 1],
  S: [0, 0, -1],
};

export interface MetaImageHeader {
  /** Keys as written, values trimmed; look up with `field`. */
  readonly fields: ReadonlyMap<string, string>;
  /** Byte offset just after the ElementDataFile line. */
  readonly dataOffset: number;
}

/** Reads the header lines up to and including ElementDataFile. */
export function parseMetaImageHeader(
  bytes: Uint8Array,
  context: ErrorContext = {},
): MetaImageHeader {
  const fields = new Map<string, string>();
  let at = 0;
  while (at < bytes.length) {
    let end = bytes.indexOf(0x0a, at);
    if (end < 0) end = bytes.length;
    const line = new TextDecoder('latin1').decode(bytes.subarray(at, end)).replace(/\r$/, '');
    at = end + 1;
    if (line.trim() === '') continue;
    const equals = line.indexOf('=');
    if (equals < 0) {
      throw new InputError(
        `header line "${line.slice(0, 60).replace(/[^\x20-\x7e]/g, '?')}" is not "Key = Value"; ` +
          'this is not a MetaImage file or its header is damaged',
        context,
      );
    }
    const key = line.slice(0, equals).trim().toLowerCase();
    fields.set(key, line.slice(equals + 1).trim());
    if (key === 'elementdatafile') return { fields, dataOffset: Math.min(at, bytes.length) };
    if (fields.size === 1 && key !== 'objecttype' && key !== 'ndims') {
      throw new InputError(
        `the first header key is "${line.slice(0, equals).trim()}", expected ObjectType or ` +
          'NDims; this is not a MetaImage file',
        context,
      );
    }
  }
  throw new InputError(
    'the header has no ElementDataFile line; the file is truncated or not a MetaImage',
    context,
  );
}

/** Reads a `.mha` or `.mhd` file into a Volume (LPS, x fastest). */
export async function readMetaImage(
  filePath: string,
  options: MetaImageReadOptions = {},
): Promise<Volume<Float32Array | Float64Array>> {
  const context: ErrorContext = { caseId: options.caseId, file: filePath };
  const bytes = await readOrThrow(filePath, context);
  const header = parseMetaImageHeader(bytes, context);
  const dataFile = header.fields.get('elementdatafile') ?? 'LOCAL';
  if (dataFile.toUpperCase() === 'LOCAL') {
    return decodeMetaImage(header, bytes.subarray(header.dataOffset), context, true);
  }
  // A list of files or a numbered pattern ("slice%03d.raw 1 40 1"); a name may hold spaces.
  if (dataFile.toUpperCase().startsWith('LIST') || /%\d*d/.test(dataFile)) {
    throw new InputError(
      `ElementDataFile "${dataFile}" spreads the data over several files, which is not read; ` +
        'save the image as a single .mha file',
      context,
    );
  }
  const dataPath = path.resolve(path.dirname(filePath), dataFile);
  const data = await readOrThrow(dataPath, { ...context, file: dataPath });
  return decodeMetaImage(header, data, context, false);
}

/** Parses the bytes of a `.mha` file with inline (LOCAL) data. */
export function parseMetaImage(
  bytes: Uint8Array,
  context: ErrorContext = {},
): Volume<Float32Array | Float64Array> {
  const header = parseMetaImageHeader(bytes, context);
  const dataFile = header.fields.get('elementdatafile') ?? 'LOCAL';
  if (dataFile.toUpperCase() !== 'LOCAL') {
    throw new InputError(
      `the data are in "${dataFile}"; read the file with readMetaImage`,
      context,
    );
  }
  return decodeMetaImage(header, bytes.subarray(header.dataOffset), context, true);
}

function readOrThrow(filePath: string, context: ErrorContext): Promise<Buffer> {
  return readInputFile(filePath, context, {
    hint: 'check the path (ElementDataFile is resolved from the header folder)',
  });
}

function numbersOf(
  fields: ReadonlyMap<string, string>,
  keys: readonly string[],
): number[] | undefined {
  for (const key of keys) {
    const value = fields.get(key);
    if (value !== undefined)
      return value
        .split(/\s+/)
        .filter((s) => s !== '')
        .map(Number);
  }
  return undefined;
}

function decodeMetaImage(
  header: MetaImageHeader,
  stored: Uint8Array,
  context: ErrorContext,
  inline: boolean,
): Volume<Float32Array | Float64Array> {
  const { fields } = header;
  const truthy = (key: string): boolean => /^(true|1)$/i.test(fields.get(key) ?? '');

  // 1. Type and size.
  const objectType = fields.get('objecttype');
  if (objectType !== undefined && objectType.toLowerCase() !== 'image') {
    throw new InputError(`ObjectType is "${objectType}", expected Image`, context);
  }
  const nDims = Number(fields.get('ndims'));
  const sizes = numbersOf(fields, ['dimsize']) ?? [];
  if (
    !(nDims === 2 || nDims === 3) ||
    sizes.length !== nDims ||
    sizes.some((s) => !(Number.isInteger(s) && s >= 1))
  ) {
    throw new InputError(
      `NDims = ${fields.get('ndims')} with DimSize = ${fields.get('dimsize')}: only 2D and 3D ` +
        'images with positive sizes are read',
      context,
    );
  }
  const channels = Number(fields.get('elementnumberofchannels') ?? 1);
  if (channels !== 1) {
    throw new InputError(
      `ElementNumberOfChannels is ${channels}; only scalar images are read: extract one channel first`,
      context,
    );
  }
  const typeName = (fields.get('elementtype') ?? '').toUpperCase();
  const type = ELEMENT_TYPES[typeName];
  if (type === undefined) {
    throw new InputError(
      `ElementType "${fields.get('elementtype') ?? ''}" is not read; expected one of ` +
        Object.keys(ELEMENT_TYPES).join(', '),
      context,
    );
  }
  const geometry = readGeometry(fields, sizes, context);
  const count = geometry.dims[0] * geometry.dims[1] * geometry.dims[2];
  const needed = count * type.bytes;

  // 2. The bytes.
  let bytes = stored;
  const headerSize = Number(fields.get('headersize') ?? 0);
  if (!inline && headerSize !== 0) {
    bytes =
      headerSize === -1
        ? bytes.subarray(Math.max(0, bytes.length - needed))
        : bytes.subarray(headerSize);
  }
  if (truthy('compresseddata')) {
    const size = Number(fields.get('compresseddatasize') ?? bytes.length);
    const compressed = Number.isFinite(size) && size > 0 ? bytes.subarray(0, size) : bytes;
    try {
      bytes =
        compressed[0] === 0x1f && compressed[1] === 0x8b
          ? gunzipSync(compressed)
          : inflateSync(compressed);
    } catch (error) {
      throw new InputError(
        `the compressed data cannot be inflated (${(error as Error).message}); ` +
          'the file is damaged or truncated',
        context,
        { cause: error },
      );
    }
  }
  if (bytes.length < needed) {
    throw new InputError(
      `DimSize ${sizes.join('x')} of ${typeName} needs ${needed} bytes of data but the file ` +
        `holds ${bytes.length}; the file is truncated or its header is wrong`,
      context,
    );
  }

  // 3. Values.
  const msb = truthy('binarydatabyteordermsb') || truthy('elementbyteordermsb');
  const view = new DataView(bytes.buffer, bytes.byteOffset, needed);
  const data = type.wide ? new Float64Array(count) : new Float32Array(count);
  for (let n = 0; n < count; n++) data[n] = type.read(view, n * type.bytes, !msb);
  return { ...geometry, data };
}

function readGeometry(
  fields: ReadonlyMap<string, string>,
  sizes: readonly number[],
  context: ErrorContext,
): { dims: Vec3; spacingMm: Vec3; originLPS: Vec3; direction: Mat3 } {
  const n = sizes.length;
  const spacing =
    numbersOf(fields, ['elementspacing', 'elementsize']) ?? new Array<number>(n).fill(1);
  const origin =
    numbersOf(fields, ['offset', 'origin', 'position']) ?? new Array<number>(n).fill(0);
  const matrix = numbersOf(fields, ['transformmatrix', 'rotation', 'orientation']);
  const bad = (what: string, value: readonly number[]): InputError =>
    new InputError(
      `${what} "${value.join(' ')}" does not hold ${what === 'TransformMatrix' ? n * n : n} numbers`,
      context,
    );
  if (spacing.length < n || spacing.slice(0, n).some((s) => !(s > 0)))
    throw bad('ElementSpacing', spacing);
  if (origin.length < n || origin.some((o) => !Number.isFinite(o))) throw bad('Offset', origin);

  // Axis vectors, padded to 3D.
  const axes: number[][] = [];
  if (matrix !== undefined) {
    if (matrix.length !== n * n || matrix.some((m) => !Number.isFinite(m)))
      throw bad('TransformMatrix', matrix);
    for (let a = 0; a < n; a++)
      axes.push([0, 1, 2].map((r) => (r < n ? (matrix[a * n + r] ?? 0) : 0)));
  } else {
    const orientation = (fields.get('anatomicalorientation') ?? '').toUpperCase();
    const letters = [...orientation].slice(0, n).map((l) => ORIENTATION_LETTERS[l]);
    if (orientation !== '' && letters.every((v) => v !== undefined) && letters.length === n) {
      letters.forEach((v) => axes.push([...(v as Vec3)]));
    } else {
      for (let a = 0; a < n; a++) axes.push([0, 1, 2].map((r) => (r === a ? 1 : 0)));
    }
  }
  if (n === 2) {
    const [u, v] = axes as [number[], number[]];
    const w = [
      (u[1] ?? 0) * (v[2] ?? 0) - (u[2] ?? 0) * (v[1] ?? 0),
      (u[2] ?? 0) * (v[0] ?? 0) - (u[0] ?? 0) * (v[2] ?? 0),
      (u[0] ?? 0) * (v[1] ?? 0) - (u[1] ?? 0) * (v[0] ?? 0),
    ];
    axes.push(w);
  }
  const direction = new Array<number>(9).fill(0);
  axes.forEach((axis, c) => {
    const length = Math.hypot(...axis) || 1;
    axis.forEach((x, r) => (direction[3 * r + c] = x / length + 0));
  });
  return {
    dims: [sizes[0] ?? 1, sizes[1] ?? 1, sizes[2] ?? 1],
    spacingMm: [spacing[0] ?? 1, spacing[1] ?? 1, n === 3 ? (spacing[2] ?? 1) : 1],
    originLPS: [origin[0] ?? 0, origin[1] ?? 0, n === 3 ? (origin[2] ?? 0) : 0],
    direction: direction as unknown as Mat3,
  };
}

export interface MetaImageWriteOptions {
  /** Compress the data with zlib (CompressedData = True); default false. */
  readonly compress?: boolean;
  /** Stored type; default MET_FLOAT. Integer types round. */
  readonly elementType?: 'MET_FLOAT' | 'MET_SHORT' | 'MET_UCHAR';
}

/** Writes a Volume as a `.mha` file with inline data. */
export async function writeMetaImage(
  filePath: string,
  volume: Volume,
  options: MetaImageWriteOptions = {},
): Promise<void> {
  await writeFile(filePath, encodeMetaImage(volume, options).mha);
}

/**
 * Encodes a Volume as MetaImage: `mha` is the single-file form, `header` and
 * `data` the `.mhd` lines (ElementDataFile left for the caller to append) and
 * the data file's bytes.
 */
export function encodeMetaImage(
  volume: Volume,
  options: MetaImageWriteOptions = {},
): { mha: Uint8Array; header: string; data: Uint8Array } {
  const elementType = options.elementType ?? 'MET_FLOAT';
  const size = elementType === 'MET_FLOAT' ? 4 : elementType === 'MET_SHORT' ? 2 : 1;
  const count = volume.dims[0] * volume.dims[1] * volume.dims[2];
  const raw = new Uint8Array(count * size);
  const view = new DataView(raw.buffer);
  for (let n = 0; n < count; n++) {
    const value = volume.data[n] ?? 0;
    if (size === 4) view.setFloat32(4 * n, value, true);
    else if (size === 2) view.setInt16(2 * n, Math.round(value), true);
    else view.setUint8(n, Math.round(value));
  }
  const data = options.compress === true ? deflateSync(raw) : raw;
  const d = volume.direction;
  const matrix = [0, 1, 2].flatMap((c) => [0, 1, 2].map((r) => d[3 * r + c] ?? 0));
  const lines = [
    'ObjectType = Image',
    'NDims = 3',
    'BinaryData = True',
    'BinaryDataByteOrderMSB = False',
    `CompressedData = ${options.compress === true ? 'True' : 'False'}`,
    ...(options.compress === true ? [`CompressedDataSize = ${data.length}`] : []),
    `TransformMatrix = ${matrix.join(' ')}`,
    `Offset = ${volume.originLPS.join(' ')}`,
    `ElementSpacing = ${volume.spacingMm.join(' ')}`,
    `DimSize = ${volume.dims.join(' ')}`,
    `ElementType = ${elementType}`,
  ];
  const header = lines.join('\n') + '\n';
  const head = new TextEncoder().encode(header + 'ElementDataFile = LOCAL\n');
  const mha = new Uint8Array(head.length + data.length);
  mha.set(head, 0);
  mha.set(data, head.length);
  return { mha, header, data };
}
