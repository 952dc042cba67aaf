import { describe, expect, it } from 'vitest';
import { Random } from '../util/random.js';
import { augmentPatch } from './augment.js';
import type { LesionPatch } from './lesion-patch.js';

function patchWithMark(): LesionPatch {
  // 8 x 8, one channel: an L-shaped mask (no symmetry), the image 0.2 + 0.5 * mask.
  const mask = new Float32Array(64);
  for (const [u, v] of [
    [1, 1],
    [1, 2],
    [1, 3],
    [2, 3],
  ] as const)
    mask[v * 8 + u] = 1;
  const image = mask.map((m) => 0.2 + 0.5 * m);
  return {
    caseId: 'c',
    kind: '2d',
    shape: [1, 1, 8, 8],
    image,
    mask,
    centreLPS: [0, 0, 0],
    pixelSpacingMm: [1, 1, 1],
  };
}

const geometryOnly = { contrastJitter: 0, brightnessJitter: 0 };

describe('augmentPatch', () => {
  it('repeats exactly for the same seed and differs for another', () => {
    const p = patchWithMark();
    const a = augmentPatch(p, new Random(3));
    const b = augmentPatch(p, new Random(3));
    expect(Array.from(a.image)).toEqual(Array.from(b.image));
    const others = [4, 5, 6, 7].map((s) => Array.from(augmentPatch(p, new Random(s)).image));
    expect(others.some((o) => o.join() !== Array.from(a.image).join())).toBe(true);
  });

  it('moves image and mask together, keeping the mark whole', () => {
    const p = patchWithMark();
    for (let seed = 0; seed < 20; seed++) {
      const out = augmentPatch(p, new Random(seed), { ...geometryOnly, maxShiftPx: 1 });
      for (let n = 0; n < 64; n++)
        expect(out.image[n]).toBeCloseTo(0.2 + 0.5 * (out.mask[n] ?? 0), 6);
      expect(out.mask.reduce((a, b) => a + b, 0)).toBe(4);
    }
  });

  it('rotates by right angles only', () => {
    const p = patchWithMark();
    const key = (m: Float32Array): string => Array.from(m).join('');
    const rotate = (m: Float32Array): Float32Array => {
      const out = new Float32Array(64);
      for (let v = 0; v < 8; v++)
        for (let u = 0; u < 8; u++) out[u * 8 + (7 - v)] = m[v * 8 + u] ?? 0;
      return out;
    };
    const allowed = new Set<string>();
    let m = p.mask;
    for (let t = 0; t < 4; t++) {
      allowed.add(key(m));
      m = rotate(m);
    }
    const seen = new Set<string>();
    for (let seed = 0; seed < 40; seed++) {
      const out = augmentPatch(p, new Random(seed), {
        ...geometryOnly,
        flips: false,
        maxShiftPx: 0,
      });
      expect(allowed.has(key(out.mask))).toBe(true);
      seen.add(key(out.mask));
    }
    expect(seen.size).toBe(4);
  });

  it('keeps jittered intensities in [0, 1]', () => {
    const p = patchWithMark();
    const out = augmentPatch(p, new Random(1), { contrastJitter: 1, brightnessJitter: 1 });
    expect(out.image.every((v) => v >= 0 && v <= 1)).toBe(true);
  });
});
