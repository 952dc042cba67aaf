/**
 * A minimal DICOM Part 10 parser: the 128-byte preamble, "DICM", the file meta
 * group (always explicit VR little endian), then the data set in its transfer
 * syntax: implicit VR little endian, explicit VR little endian, deflated
 * explicit VR little endian, or explicit VR big endian. Compressed pixel data
 * (JPEG and the like) are kept as fragments; decoding them is not done here.
 *
 * Sequences are read with defined and undefined lengths, nested to any depth.
 * Values are not copied: each element points into the file's bytes.
 *
 * Everything that does not fit (no "DICM", a length past the end of the file,
 * a value representation that is not two capital letters) is an InputError
 * naming the byte offset and the tag.
 */
import { inflateRawSync } from 'node:zlib';

import { InputError, type ErrorContext } from '../../errors.js';
import { BINARY_VR, formatTag, SEQUENCE_TAGS, TAGS, TRANSFER_SYNTAX } from './tags.js';

export interface DicomElement {
  readonly tag: number;
  /** The value representation; undefined in implicit VR data sets. */
  readonly vr: string | undefined;
  /** The raw value (empty for sequences and encapsulated pixel data). */
  readonly value: Uint8Array;
  /** Items of a sequence. */
  readonly items?: readonly DicomDataSet[];
  /** Fragments of encapsulated (compressed) pixel data, the offset table first. */
  readonly fragments?: readonly Uint8Array[];
}

const UNDEFINED_LENGTH = 0xffffffff;
const LONG_LENGTH_VRS = new Set([
  'OB',
  'OD',
  'OF',
  'OL',
  'OV',
  'OW',
  'SQ',
  'SV',
  'UC',
  'UN',
  'UR',
  'UT',
  'UV',
]);
const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/** One data set (the file's, or one sequence item's) with typed accessors. */
export class DicomDataSet {
  constructor(
    readonly elements: ReadonlyMap<number, DicomElement>,
    readonly littleEndian: boolean,
  ) {}

  has(tagValue: number): boolean {
    return this.elements.has(tagValue);
  }

  bytes(tagValue: number): Uint8Array | undefined {
    return this.elements.get(tagValue)?.value;
  }

  /** A text value without its padding (trailing spaces and NULs, leading spaces). */
  string(tagValue: number): string | undefined {
    const element = this.elements.get(tagValue);
    if (element === undefined) return undefined;
    return decodeText(element.value)
      .replace(/[\0 ]+$/, '')
      .replace(/^ +/, '');
  }

  /** The values of a multi-valued text element, split at backslashes and trimmed. */
  strings(tagValue: number): string[] | undefined {
    const text = this.string(tagValue);
    return text === undefined ? undefined : text.split('\\').map((s) => s.trim());
  }

  /**
   * Numbers of a DS/IS text element or of a binary one (US, SS, UL, SL, FL, FD).
   * An empty element gives an empty array; a text that is not a number gives NaN.
   */
  numbers(tagValue: number): number[] | undefined {
    const element = this.elements.get(tagValue);
    if (element === undefined) return undefined;
    const vr = element.vr ?? BINARY_VR.get(tagValue);
    const binary = vr === undefined ? undefined : BINARY_READERS[vr];
    if (binary !== undefined) {
      const view = new DataView(
        element.value.buffer,
        element.value.byteOffset,
        element.value.byteLength,
      );
      const out: number[] = [];
      for (let at = 0; at + binary.bytes <= view.byteLength; at += binary.bytes) {
        out.push(binary.read(view, at, this.littleEndian));
      }
      return out;
    }
    const text = this.string(tagValue) ?? '';
    if (text.trim() === '') return [];
    return text.split('\\').map((s) => (s.trim() === '' ? NaN : Number(s)));
  }

  number(tagValue: number): number | undefined {
    return this.numbers(tagValue)?.[0];
  }

  /** Items of a sequence; empty when the sequence is absent or empty. */
  sequence(tagValue: number): readonly DicomDataSet[] {
    return this.elements.get(tagValue)?.items ?? [];
  }
}

interface BinaryReader {
  readonly bytes: number;
  readonly read: (view: DataView, at: number, little: boolean) => number;
}

const BINARY_READERS: Readonly<Record<string, BinaryReader>> = {
  US: { bytes: 2, read: (v, at, le) => v.getUint16(at, le) },
  SS: { bytes: 2, read: (v, at, le) => v.getInt16(at, le) },
  UL: { bytes: 4, read: (v, at, le) => v.getUint32(at, le) },
  SL: { bytes: 4, read: (v, at, le) => v.getInt32(at, le) },
  FL: { bytes: 4, read: (v, at, le) => v.getFloat32(at, le) },
  FD: { bytes: 8, read: (v, at, le) => v.getFloat64(at, le) },
};

function decodeText(value: Uint8Array): string {
  try {
    return utf8.decode(value);
  } catch {
    return latin1.decode(value);
  }
}

export interface DicomFile {
  readonly transferSyntaxUid: string;
  /** The file meta group (0002,xxxx). */
  readonly meta: DicomDataSet;
  /** The data set proper. */
  readonly dataSet: DicomDataSet;
}

/** True when the bytes start with a 128-byte preamble and "DICM". */
export function isDicomPart10(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 132 &&
    bytes[128] === 0x44 &&
    bytes[129] === 0x49 &&
    bytes[130] === 0x43 &&
    bytes[131] === 0x4d
  );
}

/** Parses the bytes of a DICOM Part 10 file. */
export function parseDicom(bytes: Uint8Array, context: ErrorContext = {}): DicomFile {
  if (!isDicomPart10(bytes)) {
    const found = bytes.length < 132 ? `the file has only ${bytes.length} bytes` : 'not found';
    throw new InputError(
      `wrong magic: "DICM" is expected at byte 128 (${found}); this is not a DICOM Part 10 ` +
        'file (files without the preamble must be converted, e.g. with dcmconv)',
      context,
    );
  }

  // 1. The meta group is explicit VR little endian whatever the transfer syntax.
  const metaReader = new Reader(bytes, true, true, context);
  const metaElements = new Map<number, DicomElement>();
  let position = 132;
  while (position + 4 <= bytes.length && metaReader.u16(position) === 0x0002) {
    const { element, next } = metaReader.element(position, bytes.length);
    metaElements.set(element.tag, element);
    position = next;
  }
  const meta = new DicomDataSet(metaElements, true);
  const transferSyntaxUid = meta.string(TAGS.TransferSyntaxUID) ?? TRANSFER_SYNTAX.explicitLittle;

  // 2. The data set, inflated first when the transfer syntax is deflated.
  let body = bytes.subarray(position);
  if (transferSyntaxUid === TRANSFER_SYNTAX.deflatedExplicitLittle) {
    try {
      body = inflateRawSync(body);
    } catch (error) {
      throw new InputError(
        `the deflated data set cannot be inflated (${(error as Error).message}); ` +
          'the file is damaged or truncated',
        context,
        { cause: error },
      );
    }
  }
  // Some writers declare explicit VR and write implicit VR; the first element tells.
  const declaredExplicit = transferSyntaxUid !== TRANSFER_SYNTAX.implicitLittle;
  const firstVr = String.fromCharCode(body[4] ?? 0, body[5] ?? 0);
  const explicit = declaredExplicit && (body.length < 8 || /^[A-Z]{2}$/.test(firstVr));
  const little = transferSyntaxUid !== TRANSFER_SYNTAX.explicitBig;
  const reader = new Reader(body, explicit, little, context);
  const dataSet = reader.dataSet(0, body.length, false).dataSet;
  return { transferSyntaxUid, meta, dataSet };
}

class Reader {
  private readonly view: DataView;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly explicit: boolean,
    private readonly little: boolean,
    private readonly context: ErrorContext,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  u16(at: number): number {
    return this.view.getUint16(at, this.little);
  }

  private u32(at: number): number {
    return this.view.getUint32(at, this.little);
  }

  private need(at: number, count: number, limit: number, what: string): void {
    if (at + count > limit) {
      throw new InputError(
        `the data end at byte ${limit} inside ${what}, which needs ${at + count - limit} more ` +
          'bytes; the file is truncated or damaged',
        this.context,
      );
    }
  }

  /** Reads elements from `start` to `end`, or up to an item delimitation when `delimited`. */
  dataSet(start: number, end: number, delimited: boolean): { dataSet: DicomDataSet; next: number } {
    const elements = new Map<number, DicomElement>();
    let at = start;
    while (at < end) {
      this.need(at, 4, end, 'an element tag');
      const tagValue = ((this.u16(at) << 16) | this.u16(at + 2)) >>> 0;
      if (tagValue === TAGS.ItemDelimitation) {
        if (delimited) return { dataSet: new DicomDataSet(elements, this.little), next: at + 8 };
        at += 8;
        continue;
      }
      const { element, next } = this.element(at, end);
      elements.set(element.tag, element);
      at = next;
    }
    if (delimited) {
      throw new InputError(
        `the data end at byte ${end} inside a sequence item without its delimiter; ` +
          'the file is truncated',
        this.context,
      );
    }
    return { dataSet: new DicomDataSet(elements, this.little), next: at };
  }

  element(at: number, end: number): { element: DicomElement; next: number } {
    // 1. The header: tag, VR (explicit syntaxes), value length.
    this.need(at, 8, end, 'an element header');
    const tagValue = ((this.u16(at) << 16) | this.u16(at + 2)) >>> 0;
    const name = formatTag(tagValue);
    let vr: string | undefined;
    let length: number;
    let header: number;
    if (this.explicit && tagValue >>> 16 !== 0xfffe) {
      vr = String.fromCharCode(this.bytes[at + 4] ?? 0, this.bytes[at + 5] ?? 0);
      if (!/^[A-Z]{2}$/.test(vr)) {
        throw new InputError(
          `element ${name} at byte ${at} has an invalid value representation ` +
            `"${vr.replace(/[^\x20-\x7e]/g, '?')}"; the file is damaged or its transfer ` +
            'syntax is not the one it declares',
          this.context,
        );
      }
      if (LONG_LENGTH_VRS.has(vr)) {
        this.need(at, 12, end, `the header of element ${name}`);
        length = this.u32(at + 8);
        header = 12;
      } else {
        length = this.u16(at + 6);
        header = 8;
      }
    } else {
      length = this.u32(at + 4);
      header = 8;
    }
    const start = at + header;

    // 2. Undefined lengths: a sequence, or encapsulated pixel data.
    if (length === UNDEFINED_LENGTH) {
      if (tagValue === TAGS.PixelData) {
        const { fragments, next } = this.fragments(start, end);
        return { element: { tag: tagValue, vr, value: new Uint8Array(0), fragments }, next };
      }
      // Undefined-length UN values are encoded as implicit VR little endian (PS3.5 6.2.2).
      const inner = vr === 'UN' ? new Reader(this.bytes, false, true, this.context) : this;
      const { items, next } = inner.items(start, end, true);
      return { element: { tag: tagValue, vr, value: new Uint8Array(0), items }, next };
    }

    // 3. Defined lengths.
    this.need(start, length, end, `the value of element ${name} (${length} bytes)`);
    const next = start + length;
    const looksLikeItems =
      vr === undefined &&
      tagValue !== TAGS.PixelData &&
      (SEQUENCE_TAGS.has(tagValue) ||
        (length >= 8 && ((this.u16(start) << 16) | this.u16(start + 2)) >>> 0 === TAGS.Item));
    if (vr === 'SQ' || looksLikeItems) {
      const { items } = this.items(start, next, false);
      return { element: { tag: tagValue, vr, value: new Uint8Array(0), items }, next };
    }
    if (vr === 'UN' && SEQUENCE_TAGS.has(tagValue)) {
      // A known sequence written as UN by a writer that did not know it: implicit VR inside.
      const inner = new Reader(this.bytes, false, true, this.context);
      const { items } = inner.items(start, next, false);
      return { element: { tag: tagValue, vr, value: new Uint8Array(0), items }, next };
    }
    return { element: { tag: tagValue, vr, value: this.bytes.subarray(start, next) }, next };
  }

  private items(
    start: number,
    end: number,
    delimited: boolean,
  ): { items: DicomDataSet[]; next: number } {
    const items: DicomDataSet[] = [];
    let at = start;
    while (delimited || at < end) {
      this.need(at, 8, end, 'a sequence item header');
      const tagValue = ((this.u16(at) << 16) | this.u16(at + 2)) >>> 0;
      const length = this.u32(at + 4);
      if (tagValue === TAGS.SequenceDelimitation) return { items, next: at + 8 };
      if (tagValue !== TAGS.Item) {
        throw new InputError(
          `expected a sequence item at byte ${at}, found tag ${formatTag(tagValue)}; ` +
            'the file is damaged',
          this.context,
        );
      }
      if (length === UNDEFINED_LENGTH) {
        const { dataSet, next } = this.dataSet(at + 8, end, true);
        items.push(dataSet);
        at = next;
      } else {
        this.need(at + 8, length, end, `a sequence item of ${length} bytes`);
        items.push(this.dataSet(at + 8, at + 8 + length, false).dataSet);
        at += 8 + length;
      }
    }
    return { items, next: at };
  }

  private fragments(start: number, end: number): { fragments: Uint8Array[]; next: number } {
    const fragments: Uint8Array[] = [];
    let at = start;
    for (;;) {
      this.need(at, 8, end, 'an encapsulated pixel data fragment');
      const tagValue = ((this.u16(at) << 16) | this.u16(at + 2)) >>> 0;
      const length = this.u32(at + 4);
      if (tagValue === TAGS.SequenceDelimitation) return { fragments, next: at + 8 };
      this.need(at + 8, length, end, `a pixel data fragment of ${length} bytes`);
      fragments.push(this.bytes.subarray(at + 8, at + 8 + length));
      at += 8 + length;
    }
  }
}
