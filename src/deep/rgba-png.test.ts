import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, encodeRgbaPng } from './rgba-png.js';

describe('encodeRgbaPng', () => {
  it('computes the PNG CRC-32 (the IEND chunk check value)', () => {
    expect(crc32(Buffer.from('IEND', 'ascii'))).toBe(0xae426082);
  });

  it('writes signature, IHDR and rows that inflate back to the pixels', () => {
    const rgba = Uint8Array.from({ length: 3 * 2 * 4 }, (_, n) => (n * 37) % 256);
    const png = encodeRgbaPng({ width: 3, height: 2, rgba });
    expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
    expect(png.toString('ascii', 12, 16)).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBe(3);
    expect(png.readUInt32BE(20)).toBe(2);
    expect([png[24], png[25]]).toEqual([8, 6]);
    const idatLength = png.readUInt32BE(33);
    expect(png.toString('ascii', 37, 41)).toBe('IDAT');
    const rows = inflateSync(png.subarray(41, 41 + idatLength));
    expect(rows.length).toBe(2 * (1 + 12));
    expect(Array.from(rows.subarray(1, 13))).toEqual(Array.from(rgba.subarray(0, 12)));
    expect(Array.from(rows.subarray(14, 26))).toEqual(Array.from(rgba.subarray(12, 24)));
    expect(png.toString('ascii', png.length - 8, png.length - 4)).toBe('IEND');
  });

  it('rejects a buffer of the wrong length', () => {
    expect(() => encodeRgbaPng({ width: 2, height: 2, rgba: new Uint8Array(3) })).toThrow(
      /3 bytes for 2x2, expected 16/,
    );
  });
});
