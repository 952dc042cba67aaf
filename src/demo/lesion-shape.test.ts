import { describe, expect, it } from 'vitest';

import { IDENTITY_DIRECTION } from '../image/volume.js';
import { LesionField, type LesionSample, type LesionShape } from './lesion-shape.js';

const sphere: LesionShape = {
  centreLPS: [10, -5, 30],
  radiusMm: 6,
  axisScale: [1, 1, 1],
  rotation: IDENTITY_DIRECTION,
  lobes: [],
  spicules: [],
  maxExtentMm: 20,
};

function sampleAt(field: LesionField, x: number, y: number, z: number): LesionSample {
  const out: LesionSample = { distanceMm: 0, radialFraction: 0, inSpicule: false };
  field.sample(x, y, z, out);
  return out;
}

describe('LesionField', () => {
  it('is the exact signed distance of a sphere', () => {
    const field = new LesionField(sphere);
    expect(sampleAt(field, 10, -5, 30).distanceMm).toBeCloseTo(-6, 12);
    expect(sampleAt(field, 13, -5, 30).distanceMm).toBeCloseTo(-3, 12);
    expect(sampleAt(field, 10, -5 + 8, 30).distanceMm).toBeCloseTo(2, 12);
    expect(sampleAt(field, 13, -5, 30).radialFraction).toBeCloseTo(0.5, 12);
    expect(field.boundingRadiusMm).toBeCloseTo(6, 6);
  });

  it('adds a spicule along its direction and keeps it inside maxExtentMm', () => {
    const field = new LesionField({
      ...sphere,
      spicules: [{ direction: [0, 0, 1], lengthMm: 50, baseRadiusMm: 1, tipRadiusMm: 0.3 }],
    });
    const onSpicule = sampleAt(field, 10, -5, 30 + 9);
    expect(onSpicule.inSpicule).toBe(true);
    expect(onSpicule.distanceMm).toBeLessThan(0);
    expect(sampleAt(field, 10, -5, 30 + 21).distanceMm).toBeGreaterThan(0);
    expect(field.boundingRadiusMm).toBeLessThanOrEqual(20 + 1e-9);
    // Off the spicule's axis the body's distance holds.
    expect(sampleAt(field, 10 + 9, -5, 30).distanceMm).toBeCloseTo(3, 12);
  });

  it('shrinks a lobulated body that would not fit in maxExtentMm', () => {
    const field = new LesionField({
      ...sphere,
      radiusMm: 18,
      lobes: [{ direction: [1, 0, 0], amplitude: 0.3, sharpness: 4 }],
    });
    expect(field.boundingRadiusMm).toBeLessThanOrEqual(20 + 1e-9);
    expect(field.boundingRadiusMm).toBeGreaterThan(19.5);
    expect(field.bodyRadius(1, 0, 0) / field.bodyRadius(-1, 0, 0)).toBeCloseTo(1.3, 12);
  });
});
