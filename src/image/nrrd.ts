/**
 * NRRD reading (attached `.nrrd` and detached `.nhdr` + data file) and writing.
 *
 * Header: the magic `NRRD000n`, then `field: value` lines up to a blank line
 * (comments start with `#`, `key:=value` pairs are ignored). Read here: type,
 * dimension, sizes, endian, encoding (raw, gzip, ascii/text, hex), data file,
 * line skip, byte skip, space, space directions, space origin, spacings.
 *
 * Geometry: `space directions` give each axis's step in world millimetres; their
 * lengths are the spacing and their unit vectors the direction columns. The
 * world space must be named LPS, RAS or LAS (or left out, as with `spacings`
 * only); RAS and LAS coordinates are turned into LPS by negating x and y (RAS)
 * or y (LAS). `space origin` is the centre of the first voxel, as in Volume.
 * Without `space directions`, `spacings` (default 1) and an identity direction
 * are used, which is what ITK does.
 *
 * A two-dimensional image becomes one slice (dims x, y, 1) whose third axis is
 * the cross product of the first two. Axes past the third are accepted only
 * when their size is 1 (a one-component vector axis, for example).
 *
 * Values are returned as Float32Array, or Float64Array for types that float32
 * does not hold exactly (32- and 64-bit integers, double).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

import { readInputFile } from './read-input-file.js';
import { InputError, type ErrorContext } from '../errors.js';
import type { Mat3, Vec3, Volume } from './volume.js';

export interface NrrdReadOptions {
  readonly caseId?: string;
}

interface ScalarType {
  readonly bytes: number;
  readonly wide: boolean;
  readonly read: (view: DataView, at: number, little: boolean) => number;
}

const INT8: ScalarType = { bytes: 1, wide: false, read: (v, at) => v.getInt8(at) };
const UINT8: ScalarType = { bytes: 1, wide: false, read: (v, at) => v.getUint8(at) };
const INT16: ScalarType = { bytes: 2, wide: false, read: (v, at, le) => v.getInt16(at, le) };
const UINT16: ScalarType = { bytes: 2, wide: false, read: (v, at, le) => v.getUint16(at, le) };
const INT32: ScalarType = { bytes: 4, wide: true, read: (v, at, le) => v.getInt32(at, le) };
const UINT32: ScalarType = { bytes: 4, wide: true, read: (v, at, le) => v.getUint32(at, le) };
const INT64: ScalarType = {
  bytes: 8,
  wide: true,
  read: (v, at, le) => Number(v.getBigInt64(at, le)),
};
const UINT64: ScalarType = {
  bytes: 8,
  wide: true,
  read: (v, at, le) => Number(v.getBigUint64(at, le)),
};
const FLOAT: ScalarType = { bytes: 4, wide: false, read: (v, at, le) => v.getFloat32(at, le) };
const DOUBLE: ScalarType = { bytes: 8, wide: true, read: (v, at, le) => v.getFloat64(at, le) };

/** Every spelling of each type that the NRRD format allows. */
const TYPES: ReadonlyMap<string, ScalarType> = new Map([
  ...['signed char', 'int8', 'int8_t'].map((n) => [n, INT8] as const),
  ...['uchar', 'unsigned char', 'uint8', 'uint8_t'].map((n) => [n, UINT8] as const),
  ...['short', 'short int', 'signed short', 'signed short int', 'int16', 'int16_t'].map(
    (n) => [n, INT16] as const,
  ),
  ...['ushort', 'unsigned short', 'unsigned short int', 'uint16', 'uint16_t'].map(
    (n) => [n, UINT16] as const,
  ),
  ...['int', 'signed int', 'int32', 'int32_t'].map((n) => [n, INT32] as const),
  ...['uint', 'unsigned int', 'uint32', 'uint32_t'].map((n) => [n, UINT32] as const),
  ...[
    'longlong',
    'long long',
    'long long int',
    'signed long long',
    'signed long long int',
    'int64',
    'int64_t',
  ].map((n) => [n, INT64] as const),
  ...['ulonglong', 'unsigned long long', 'unsigned long long int', 'uint64', 'uint64_t'].map(
    (n) => [n, UINT64] as const,
  ),
  ['float', FLOAT],
  ['double', DOUBLE],
]);

/** World spaces read, with the sign that turns each coordinate into LPS. */
const SPACES: ReadonlyMap<string, Vec3> = new Map([
  ['left-posterior-superior', [1, 1, 1]],
  ['lps', [1, 1, 1]],
  ['right-anterior-superior', [-1, -1, 1]],
  ['ras', [-1, -1, 1]],
  ['left-anterior-superior', [1, -1, 1]],
  ['las', [1, -1, 1]],
]);

export interface NrrdHeader {
  /** Field names in lower case, values trimmed. */
  readonly fields: ReadonlyMap<string, string>;
  /** Byte offset of the data in an attached file (just after the blank line). */
  readonly dataOffset: number;
}

/** Splits a NRRD file into its header fields and the offset of attached data. */
export function parseNrrdHeader(bytes: Uint8Array, context: ErrorContext = {}): NrrdHeader {
  const magic = String.fromCharCode(...bytes.subarray(0, 8));
  if (!/^NRRD000[1-5]$/.test(magic)) {
    throw new InputError(
      `wrong magic "${magic.replace(/[^\x20-\x7e]/g, '?')}" (expected "NRRD0001" to ` +
        '"NRRD0005"); this is not a NRRD file',
      context,
    );
  }
  const fields = new Map<string, string>();
  let at = 0;
  let dataOffset = bytes.length;
  for (;;) {
    let end = bytes.indexOf(0x0a, at);
    const last = end < 0;
    if (last) end = bytes.length;
    let line = new TextDecoder('latin1').decode(bytes.subarray(at, end));
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (at > 0 && line === '') {
      dataOffset = end + 1;
      break;
    }
    if (at > 0 && !line.startsWith('#') && !line.includes(':=')) {
      const colon = line.indexOf(': ');
      if (colon < 0) {
        throw new InputError(
          `header line "${line.slice(0, 60)}" is not "field: value"; the header is damaged`,
          context,
        );
      }
      fields.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 2).trim());
    }
    if (last) break;
    at = end + 1;
  }
  return { fields, dataOffset };
}

/** Reads a `.nrrd` or `.nhdr` file into a Volume (LPS, x fastest). */
export async function readNrrd(
  filePath: string,
  options: NrrdReadOptions = {},
): Promise<Volume<Float32Array | Float64Array>> {
  const context: ErrorContext = { caseId: options.caseId, file: filePath };
  const bytes = await readOrThrow(filePath, context);
  const header = parseNrrdHeader(bytes, context);
  const dataFile = header.fields.get('data file') ?? header.fields.get('datafile');
  let data: Uint8Array = bytes.subarray(header.dataOffset);
  if (dataFile !== undefined) {
    // A list of files or a numbered pattern ("slice%03d.raw 1 40 1"); a name may hold spaces.
    if (/^LIST\b/.test(dataFile) || /%\d*d/.test(dataFile)) {
      throw new InputError(
        `"data file: ${dataFile}" spreads the data over several files, which is not read; ` +
          'save the image as a single .nrrd file',
        context,
      );
    }
    const dataPath = path.resolve(path.dirname(filePath), dataFile);
    data = await readOrThrow(dataPath, { ...context, file: dataPath });
  }
  return decodeNrrd(header, data, context);
}

/** Parses the bytes of an attached-data `.nrrd` file. */
export function parseNrrd(
  bytes: Uint8Array,
  context: ErrorContext = {},
): Volume<Float32Array | Float64Array> {
  const header = parseNrrdHeader(bytes, context);
  if (header.fields.has('data file') || header.fields.has('datafile')) {
    throw new InputError('the header names a detached data file; read it with readNrrd', context);
  }
  return decodeNrrd(header, bytes.subarray(header.dataOffset), context);
}

function readOrThrow(filePath: string, context: ErrorContext): Promise<Buffer> {
  return readInputFile(filePath, context, {
    hint: 'check the path (a detached data file is resolved from the header folder)',
  });
}

function decodeNrrd(
  header: NrrdHeader,
  stored: Uint8Array,
  context: ErrorContext,
): Volume<Float32Array | Float64Array> {
  const { fields } = header;
  const required = (name: string): string => {
    const value = fields.get(name);
    if (value === undefined) {
      throw new InputError(`the header has no "${name}" field, which is required`, context);
    }
    return value;
  };

  // 1. Type, sizes, geometry.
  const typeName = required('type').toLowerCase();
  const type = TYPES.get(typeName);
  if (type === undefined) {
    throw new InputError(
      `type "${typeName}" is not read; expected an integer type, float or double`,
      context,
    );
  }
  const dimension = Number(required('dimension'));
  const sizes = required('sizes').split(/\s+/).map(Number);
  if (!Number.isInteger(dimension) || sizes.length !== dimension || sizes.some((s) => !(s >= 1))) {
    throw new InputError(
      `sizes "${fields.get('sizes')}" do not give ${dimension} positive sizes`,
      context,
    );
  }
  const geometry = readGeometry(fields, sizes, context);
  const count = geometry.dims[0] * geometry.dims[1] * geometry.dims[2];

  // 2. The bytes: line skip on the stored file, decompression, byte skip.
  const encoding = (fields.get('encoding') ?? 'raw').toLowerCase();
  let bytes = skipLines(
    stored,
    Number(fields.get('line skip') ?? fields.get('lineskip') ?? 0),
    context,
  );
  if (encoding === 'gzip' || encoding === 'gz') {
    try {
      bytes = gunzipSync(bytes);
    } catch (error) {
      throw new InputError(
        `the gzip data are damaged or truncated (${(error as Error).message}); ` +
          're-export or re-copy the file',
        context,
        { cause: error },
      );
    }
  } else if (encoding === 'ascii' || encoding === 'text' || encoding === 'txt') {
    return { ...geometry, data: parseText(bytes, count, type.wide, context) };
  } else if (encoding === 'hex') {
    bytes = parseHex(bytes, context);
  } else if (encoding !== 'raw') {
    throw new InputError(
      `encoding "${encoding}" is not read; expected raw, gzip, ascii or hex ` +
        '(re-save bzip2 files with gzip)',
      context,
    );
  }
  const needed = count * type.bytes;
  const byteSkip = Number(fields.get('byte skip') ?? fields.get('byteskip') ?? 0);
  const start = byteSkip === -1 ? bytes.length - needed : byteSkip;
  if (!Number.isInteger(start) || start < 0 || bytes.length - start < needed) {
    throw new InputError(
      `sizes ${sizes.join('x')} of ${typeName} need ${needed} bytes of data but ` +
        `${Math.max(0, bytes.length - Math.max(0, start))} are there; the file is truncated ` +
        'or its header is wrong',
      context,
    );
  }

  // 3. Values.
  const endian = (fields.get('endian') ?? 'little').toLowerCase();
  const little = endian !== 'big';
  const view = new DataView(bytes.buffer, bytes.byteOffset + start, needed);
  const data = type.wide ? new Float64Array(count) : new Float32Array(count);
  for (let n = 0; n < count; n++) data[n] = type.read(view, n * type.bytes, little);
  return { ...geometry, data };
}

interface Geometry {
  readonly dims: Vec3;
  readonly spacingMm: Vec3;
  readonly originLPS: Vec3;
  readonly direction: Mat3;
}

function readGeometry(
  fields: ReadonlyMap<string, string>,
  sizes: readonly number[],
  context: ErrorContext,
): Geometry {
  const spaceName = fields.get('space')?.toLowerCase();
  const sign: Vec3 =
    spaceName === undefined ? [1, 1, 1] : (SPACES.get(spaceName) ?? [NaN, NaN, NaN]);
  if (Number.isNaN(sign[0])) {
    throw new InputError(
      `space "${fields.get('space')}" is not read; expected left-posterior-superior, ` +
        'right-anterior-superior or left-anterior-superior (3D, no time axis)',
      context,
    );
  }

  // Vectors per axis; undefined for axes that are not in space ("none").
  const directionsText = fields.get('space directions');
  let vectors: (number[] | undefined)[];
  if (directionsText !== undefined) {
    const parts = directionsText.match(/\([^)]*\)|none/g) ?? [];
    vectors = parts.map((part) =>
      part === 'none'
        ? undefined
        : part
            .slice(1, -1)
            .split(',')
            .map((s) => Number(s.trim())),
    );
    if (
      vectors.length !== sizes.length ||
      vectors.some((v) => v !== undefined && (v.length !== 3 || v.some((x) => !Number.isFinite(x))))
    ) {
      throw new InputError(
        `space directions "${directionsText}" do not give one 3D vector (or none) per axis`,
        context,
      );
    }
  } else {
    const spacings = (fields.get('spacings') ?? '').split(/\s+/).map(Number);
    vectors = sizes.map((_, axis) => {
      const s = spacings[axis];
      const spacing = s !== undefined && Number.isFinite(s) && s !== 0 ? Math.abs(s) : 1;
      return axis < 3 ? [0, 1, 2].map((r) => (r === axis ? spacing : 0)) : undefined;
    });
  }

  // Spatial axes, at most three; any other axis must have size 1.
  const spatial: number[][] = [];
  const spatialSizes: number[] = [];
  sizes.forEach((size, axis) => {
    const v = vectors[axis];
    if (v !== undefined && spatial.length < 3) {
      spatial.push(v.map((x, r) => x * (sign[r] ?? 1)));
      spatialSizes.push(size);
    } else if (size !== 1) {
      throw new InputError(
        `axis ${axis} of size ${size} is not a space axis (a vector, list or time axis); ` +
          'only scalar 2D and 3D images are read: extract one component first',
        context,
      );
    }
  });
  if (spatial.length < 2) {
    throw new InputError(`the image has ${spatial.length} space axes; expected 2 or 3`, context);
  }
  if (spatial.length === 2) {
    const [a, b] = spatial as [number[], number[]];
    const c = [
      (a[1] ?? 0) * (b[2] ?? 0) - (a[2] ?? 0) * (b[1] ?? 0),
      (a[2] ?? 0) * (b[0] ?? 0) - (a[0] ?? 0) * (b[2] ?? 0),
      (a[0] ?? 0) * (b[1] ?? 0) - (a[1] ?? 0) * (b[0] ?? 0),
    ];
    const length = Math.hypot(...c) || 1;
    spatial.push(c.map((x) => x / length));
    spatialSizes.push(1);
  }

  const spacing = spatial.map((v) => Math.hypot(...v));
  if (spacing.some((s) => !(s > 0))) {
    throw new InputError(`space directions "${directionsText}" hold a zero vector`, context);
  }
  const direction = new Array<number>(9).fill(0);
  spatial.forEach((v, c) =>
    v.forEach((x, r) => (direction[3 * r + c] = x / (spacing[c] ?? 1) + 0)),
  );
  const originText = fields.get('space origin');
  let origin = [0, 0, 0];
  if (originText !== undefined) {
    origin = originText
      .replace(/[()]/g, '')
      .split(',')
      .map((s) => Number(s.trim()));
    if (origin.length !== 3 || origin.some((x) => !Number.isFinite(x))) {
      throw new InputError(`space origin "${originText}" is not a 3D point`, context);
    }
    origin = origin.map((x, r) => x * (sign[r] ?? 1) + 0);
  }
  return {
    dims: spatialSizes as unknown as Vec3,
    spacingMm: spacing as unknown as Vec3,
    originLPS: origin as unknown as Vec3,
    direction: direction as unknown as Mat3,
  };
}

function skipLines(bytes: Uint8Array, lines: number, context: ErrorContext): Uint8Array {
  let at = 0;
  for (let n = 0; n < lines; n++) {
    const end = bytes.indexOf(0x0a, at);
    if (end < 0) throw new InputError(`the data have fewer than ${lines} lines to skip`, context);
    at = end + 1;
  }
  return bytes.subarray(at);
}

function parseText(
  bytes: Uint8Array,
  count: number,
  wide: boolean,
  context: ErrorContext,
): Float32Array | Float64Array {
  const tokens = new TextDecoder('latin1')
    .decode(bytes)
    .trim()
    .split(/[\s,]+/)
    .filter((t) => t !== '');
  if (tokens.length < count) {
    throw new InputError(
      `the text data hold ${tokens.length} values but the sizes need ${count}; the file is truncated`,
      context,
    );
  }
  const data = wide ? new Float64Array(count) : new Float32Array(count);
  for (let n = 0; n < count; n++) data[n] = Number(tokens[n]);
  return data;
}

function parseHex(bytes: Uint8Array, context: ErrorContext): Uint8Array {
  const text = new TextDecoder('latin1').decode(bytes).replace(/\s+/g, '');
  if (!/^[0-9a-fA-F]*$/.test(text) || text.length % 2 !== 0) {
    throw new InputError('the hex data hold characters that are not hex digit pairs', context);
  }
  return Uint8Array.from(Buffer.from(text, 'hex'));
}

export interface NrrdWriteOptions {
  /** 'gzip' (default) or 'raw'. */
  readonly encoding?: 'gzip' | 'raw';
  /** Stored type; default 'float'. Integer types round. */
  readonly type?: 'float' | 'short' | 'uchar';
}

/** Writes a Volume as an attached-data NRRD in LPS space. */
export async function writeNrrd(
  filePath: string,
  volume: Volume,
  options: NrrdWriteOptions = {},
): Promise<void> {
  await writeFile(filePath, encodeNrrd(volume, options));
}

/** Encodes a Volume as the bytes of a `.nrrd` file (little endian, LPS). */
export function encodeNrrd(volume: Volume, options: NrrdWriteOptions = {}): Uint8Array {
  const type = options.type ?? 'float';
  const encoding = options.encoding ?? 'gzip';
  const size = type === 'float' ? 4 : type === 'short' ? 2 : 1;
  const count = volume.dims[0] * volume.dims[1] * volume.dims[2];
  const raw = new Uint8Array(count * size);
  const view = new DataView(raw.buffer);
  for (let n = 0; n < count; n++) {
    const value = volume.data[n] ?? 0;
    if (type === 'float') view.setFloat32(4 * n, value, true);
    else if (type === 'short') view.setInt16(2 * n, Math.round(value), true);
    else view.setUint8(n, Math.round(value));
  }
  const d = volume.direction;
  const s = volume.spacingMm;
  const axis = (c: number): string =>
    `(${[0, 1, 2].map((r) => String((d[3 * r + c] ?? 0) * (s[c] ?? 1))).join(',')})`;
  const header = [
    'NRRD0004',
    '# written by radfusion',
    `type: ${type}`,
    'dimension: 3',
    'space: left-posterior-superior',
    `sizes: ${volume.dims.join(' ')}`,
    `space directions: ${axis(0)} ${axis(1)} ${axis(2)}`,
    'kinds: domain domain domain',
    'endian: little',
    `encoding: ${encoding}`,
    `space origin: (${volume.originLPS.join(',')})`,
    '',
    '',
  ].join('\n');
  const body = encoding === 'gzip' ? gzipSync(raw) : raw;
  const out = new Uint8Array(header.length + body.length);
  out.set(new TextEncoder().encode(header), 0);
  out.set(body, header.length);
  return out;
}
