/**
 * A small DICOM Part 10 writer, enough to build test series, structure sets
 * and segmentations: the preamble, the meta group, then the data set in one of
 * the four uncompressed transfer syntaxes that `parseDicom` reads.
 *
 * It does not validate against the DICOM dictionary: the caller gives each
 * element's VR and value. Sequences may be written with defined or undefined
 * lengths, which exercises both paths of the parser.
 */
import { deflateRawSync } from 'node:zlib';

import { TAGS, TRANSFER_SYNTAX } from './tags.js';

export interface DicomElementSpec {
  readonly tag: number;
  readonly vr: string;
  /**
   * Text (padded to even length), binary numbers for US/SS/UL/SL/FL/FD,
   * raw bytes for OB/OW/UN, or the items of an SQ (each a list of elements).
   */
  readonly value:
    string | readonly number[] | Uint8Array | readonly (readonly DicomElementSpec[])[];
  /** Write this sequence and its items with undefined lengths and delimiters. */
  readonly undefinedLength?: boolean;
}

export type TransferSyntaxName =
  'implicitLittle' | 'explicitLittle' | 'deflatedExplicitLittle' | 'explicitBig';

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

interface Syntax {
  readonly explicit: boolean;
  readonly little: boolean;
}

/** Encodes a data set as the bytes of a DICOM Part 10 file. */
export function encodeDicom(
  elements: readonly DicomElementSpec[],
  transferSyntax: TransferSyntaxName = 'explicitLittle',
): Uint8Array {
  const uid = TRANSFER_SYNTAX[transferSyntax];
  const syntax: Syntax = {
    explicit: transferSyntax !== 'implicitLittle',
    little: transferSyntax !== 'explicitBig',
  };
  const metaElements: DicomElementSpec[] = [
    { tag: 0x00020001, vr: 'OB', value: new Uint8Array([0, 1]) },
    { tag: TAGS.TransferSyntaxUID, vr: 'UI', value: uid },
  ];
  const metaBody = concat(
    metaElements.map((e) => encodeElement(e, { explicit: true, little: true })),
  );
  const groupLength = encodeElement(
    { tag: 0x00020000, vr: 'UL', value: [metaBody.length] },
    { explicit: true, little: true },
  );
  let body = concat(sortByTag(elements).map((e) => encodeElement(e, syntax)));
  if (transferSyntax === 'deflatedExplicitLittle') body = deflateRawSync(body);
  const head = new Uint8Array(132);
  head.set([0x44, 0x49, 0x43, 0x4d], 128);
  return concat([head, groupLength, metaBody, body]);
}

function sortByTag(elements: readonly DicomElementSpec[]): DicomElementSpec[] {
  return [...elements].sort((a, b) => a.tag - b.tag);
}

function encodeElement(element: DicomElementSpec, syntax: Syntax): Uint8Array {
  const value = encodeValue(element, syntax);
  const undefinedLength = element.undefinedLength === true && element.vr === 'SQ';
  const length = undefinedLength ? 0xffffffff : value.length;
  const long = LONG_LENGTH_VRS.has(element.vr);
  const header = new Uint8Array(syntax.explicit ? (long ? 12 : 8) : 8);
  const view = new DataView(header.buffer);
  view.setUint16(0, element.tag >>> 16, syntax.little);
  view.setUint16(2, element.tag & 0xffff, syntax.little);
  if (syntax.explicit) {
    header[4] = element.vr.charCodeAt(0);
    header[5] = element.vr.charCodeAt(1);
    if (long) view.setUint32(8, length, syntax.little);
    else view.setUint16(6, length, syntax.little);
  } else {
    view.setUint32(4, length, syntax.little);
  }
  const tail = undefinedLength ? delimiter(TAGS.SequenceDelimitation, syntax) : new Uint8Array(0);
  return concat([header, value, tail]);
}

function encodeValue(element: DicomElementSpec, syntax: Syntax): Uint8Array {
  const { value, vr } = element;
  if (typeof value === 'string') {
    const padded = value.length % 2 === 0 ? value : value + (vr === 'UI' ? '\0' : ' ');
    return new TextEncoder().encode(padded);
  }
  if (value instanceof Uint8Array) {
    if (value.length % 2 === 0) return value;
    return concat([value, new Uint8Array(1)]);
  }
  if (vr === 'SQ') {
    const items = value as readonly (readonly DicomElementSpec[])[];
    return concat(
      items.map((item) => {
        const body = concat(sortByTag(item).map((e) => encodeElement(e, syntax)));
        const header = delimiter(TAGS.Item, syntax);
        if (element.undefinedLength === true) {
          new DataView(header.buffer).setUint32(4, 0xffffffff, syntax.little);
          return concat([header, body, delimiter(TAGS.ItemDelimitation, syntax)]);
        }
        new DataView(header.buffer).setUint32(4, body.length, syntax.little);
        return concat([header, body]);
      }),
    );
  }
  const numbers = value as readonly number[];
  const size = vr === 'FD' ? 8 : vr === 'UL' || vr === 'SL' || vr === 'FL' ? 4 : 2;
  const out = new Uint8Array(numbers.length * size);
  const view = new DataView(out.buffer);
  numbers.forEach((n, at) => {
    const offset = at * size;
    if (vr === 'US') view.setUint16(offset, n, syntax.little);
    else if (vr === 'SS') view.setInt16(offset, n, syntax.little);
    else if (vr === 'UL') view.setUint32(offset, n, syntax.little);
    else if (vr === 'SL') view.setInt32(offset, n, syntax.little);
    else if (vr === 'FL') view.setFloat32(offset, n, syntax.little);
    else view.setFloat64(offset, n, syntax.little);
  });
  return out;
}

function delimiter(tagValue: number, syntax: Syntax): Uint8Array {
  const out = new Uint8Array(8);
  const view = new DataView(out.buffer);
  view.setUint16(0, tagValue >>> 16, syntax.little);
  view.setUint16(2, tagValue & 0xffff, syntax.little);
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
