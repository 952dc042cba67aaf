import { describe, expect, it } from 'vitest';

import {
  intensityVolumeHistogram,
  intensityVolumeHistogramFeatures,
} from './intensity-volume-histogram.js';

const values = (xs: number[]) => Float64Array.from(xs);

describe('intensityVolumeHistogramFeatures', () => {
  it('reads V and I off a histogram worked out by hand (no discretisation)', () => {
    // G = [1, 4]: nu = 1, 0.5, 0.25, 0.25 at 1, 2, 3, 4; gamma = 0, 1/3, 2/3, 1.
    const ivh = intensityVolumeHistogram(values([1, 1, 2, 4]), { method: 'none' });
    expect(Array.from(ivh.volumeFraction)).toEqual([1, 0.5, 0.25, 0.25]);
    const f = intensityVolumeHistogramFeatures(values([1, 1, 2, 4]), { method: 'none' });
    expect(f.V10).toBe(0.5);
    expect(f.V90).toBe(0.25);
    expect(f.V10MinusV90).toBe(0.25);
    // No intensity of G is reached by at most 10 %: the next one, 5.
    expect(f.I10).toBe(5);
    expect(f.I90).toBe(2);
    expect(f.I10MinusI90).toBe(3);
  });

  it('spans the re-segmentation range when there is one', () => {
    // G = [0, 6]: nu = 1, 1, 0.5, 0.25, 0.25, 0, 0.
    const f = intensityVolumeHistogramFeatures(
      values([1, 1, 2, 4]),
      { method: 'none' },
      { min: 0, max: 6 },
    );
    expect(f.V10).toBe(1);
    expect(f.V90).toBe(0);
    expect(f.I10).toBe(5);
    expect(f.I90).toBe(2);
  });

  it('uses bin centres for a fixed bin size and bin numbers for a fixed bin number', () => {
    // Bin width 1 from 0: levels 1, 1, 2, 4 -> centres 0.5, 0.5, 1.5, 3.5; G = [0.5, 3.5].
    const sized = intensityVolumeHistogram(
      values([0.2, 0.7, 1.4, 3.9]),
      { method: 'fixedBinSize', binWidth: 1 },
      { min: 0, max: 4 },
    );
    expect(sized.rangeMin).toBe(0.5);
    expect(sized.rangeMax).toBe(3.5);
    expect(Array.from(sized.volumeFraction)).toEqual([1, 0.5, 0.25, 0.25]);
    // 4 bins over [0, 4]: levels 1, 2, 3, 4; G = [1, 4].
    const counted = intensityVolumeHistogram(values([0, 1, 2, 4]), {
      method: 'fixedBinNumber',
      binCount: 4,
    });
    expect(counted.rangeMin).toBe(1);
    expect(Array.from(counted.volumeFraction)).toEqual([1, 0.75, 0.5, 0.25]);
  });

  it('gives NaN where undefined for 1 and 2 voxels, and for an empty ROI', () => {
    const one = intensityVolumeHistogramFeatures(values([7]), { method: 'none' });
    expect(one.V10).toBeNaN();
    expect(one.I10).toBe(8);
    expect(one.I90).toBe(8);
    const two = intensityVolumeHistogramFeatures(values([1, 3]), { method: 'none' });
    expect(two.V10).toBe(0.5);
    expect(two.I90).toBe(2);
    for (const v of Object.values(intensityVolumeHistogramFeatures(values([]), { method: 'none' })))
      expect(v).toBeNaN();
  });
});
