import { describe, expect, it } from 'vitest';

import { IDENTITY_DIRECTION, type Mask } from '../image/volume.js';
import { maxAxialDiameterMm } from './lesion-measure.js';

/** A cylinder of `radiusMm` along k (3 slices), centred in a 0.5 mm grid. */
function disk(radiusMm: number, spacingMm = 0.5): Mask {
  const n = 80;
  const data = new Uint8Array(n * n * 3);
  const centre = (n - 1) / 2;
  for (let k = 0; k < 3; k++) {
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        const r = Math.hypot(i - centre, j - centre) * spacingMm;
        if (r <= radiusMm) data[i + n * (j + n * k)] = 1;
      }
    }
  }
  return {
    data,
    dims: [n, n, 3],
    spacingMm: [spacingMm, spacingMm, 2],
    originLPS: [0, 0, 0],
    direction: IDENTITY_DIRECTION,
  };
}

describe('maxAxialDiameterMm', () => {
  it('reads a 15 mm disk as 15 mm within one voxel', () => {
    expect(Math.abs(maxAxialDiameterMm(disk(7.5)) - 15)).toBeLessThan(0.5);
  });

  it('reads an empty mask as 0 mm and one voxel as its width', () => {
    const empty = disk(0.1);
    empty.data.fill(0);
    expect(maxAxialDiameterMm(empty)).toBe(0);
    const one = disk(0.1);
    one.data.fill(0);
    one.data[0] = 1;
    expect(maxAxialDiameterMm(one)).toBeCloseTo(0.5, 12);
  });
});
