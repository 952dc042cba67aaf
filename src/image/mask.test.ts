import { describe, expect, it } from 'vitest';

import { maskFromLabels } from './mask.js';
import type { Volume } from './volume.js';

const labels = (values: number[]): Volume<Float32Array> => ({
  data: Float32Array.from({ length: 12 }, (_, n) => values[n % values.length] ?? 0),
  dims: [4, 3, 1],
  spacingMm: [1, 1, 1],
  originLPS: [0, 0, 0],
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
});
const count = (data: Uint8Array): number => data.reduce((a, b) => a + b, 0);

describe('mask labels and thresholds', () => {
  it('reads a 0/255 mask and a float mask of 1/255 as their single label', () => {
    expect(count(maskFromLabels(labels([0, 255, 255])).data)).toBe(8);
    expect(count(maskFromLabels(labels([0, 1 / 255])).data)).toBe(6);
  });

  it('thresholds a fractional mask at 0.5, or at the chosen threshold', () => {
    const fractional = labels([0, 0.2, 0.5, 0.9]);
    expect(count(maskFromLabels(fractional).data)).toBe(6);
    expect(count(maskFromLabels(fractional, { threshold: 0.1 }).data)).toBe(9);
    expect(() => maskFromLabels(fractional, { threshold: 2 })).toThrow(
      /no voxel of the mask reaches the threshold 2/,
    );
    // A chosen label wins over the automatic threshold.
    expect(count(maskFromLabels(fractional, { label: 0.5 }).data)).toBe(3);
  });

  it('keeps integer label images on the label rules', () => {
    expect(() => maskFromLabels(labels([0, 2, 4, 5]))).toThrow(/several labels \(2, 4, 5\)/);
    expect(count(maskFromLabels(labels([0, 1])).data)).toBe(6);
  });

  it('refuses label 0, the background, instead of taking it as the ROI', () => {
    expect(() => maskFromLabels(labels([0, 1]), { label: 0, caseId: 'c1' })).toThrow(
      /^case c1: label 0 is the background .*radiomics\.label in a study config, --label/,
    );
  });
});
