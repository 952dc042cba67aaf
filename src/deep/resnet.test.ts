import { beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../util/random.js';
import { ResNet18, type PatchBatch } from './resnet.js';
import { setTorchThreads } from './torch-addon.js';
import { torchMissing, torchSuite } from './torch-tests.fixture.js';

function randomBatch(seed: number, shape: readonly number[]): PatchBatch {
  const r = new Random(seed);
  const [batch = 0, channels = 1, ...spatial] = shape;
  const pixels = spatial.reduce((a, b) => a * b, 1);
  return {
    shape,
    images: Float32Array.from({ length: batch * channels * pixels }, () => r.uniform()),
    masks: Float32Array.from({ length: batch * pixels }, () => (r.uniform() < 0.3 ? 1 : 0)),
    labels: Int32Array.from({ length: batch }, (_, b) => b % 2),
  };
}

const small = { widths: [4, 8, 8, 16] as [number, number, number, number] };

describe.skipIf(torchMissing)(torchSuite('ResNet18 on LibTorch'), () => {
  beforeAll(() => setTorchThreads(2));

  it('gives probabilities, 16 pooled features and CAMs at input size (2D)', () => {
    const net = new ResNet18({ kind: '2d', inChannels: 1, seed: 1, ...small });
    const batch = randomBatch(1, [4, 1, 16, 16]);
    const out = net.infer(batch.images, batch.shape);
    expect(out.probabilities.length).toBe(4);
    expect(out.probabilities.every((p) => p > 0 && p < 1)).toBe(true);
    expect(out.features.length).toBe(4 * 16);
    const cam = net.cam(batch.images, batch.shape, Int32Array.from([1, 1, 0, 0]));
    expect(cam.length).toBe(4 * 16 * 16);
    expect(cam.every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  it('has 256 features with the default widths, and runs 2.5D and 3D', () => {
    expect(new ResNet18({ kind: '2d', inChannels: 1 }).featureCount).toBe(256);
    const net25 = new ResNet18({ kind: '2.5d', inChannels: 3, seed: 2, ...small });
    const b25 = randomBatch(2, [2, 3, 16, 16]);
    expect(net25.trainBatch(b25).loss).toBeGreaterThan(0);
    const net3 = new ResNet18({ kind: '3d', inChannels: 1, seed: 3, ...small });
    const b3 = randomBatch(3, [2, 1, 8, 8, 8]);
    const loss = net3.trainBatch(b3);
    expect(loss.diceLoss).toBeGreaterThan(0);
    expect(loss.diceLoss).toBeLessThanOrEqual(1);
    expect(loss.loss).toBeCloseTo(loss.focalLoss + 0.05 * loss.diceLoss, 5);
    expect(net3.cam(b3.images, b3.shape, Int32Array.from([0, 1])).length).toBe(2 * 512);
  });

  it('gives identical weights for the same seed and batches, other weights for another seed', () => {
    const run = (seed: number): Float32Array => {
      const net = new ResNet18({ kind: '2d', inChannels: 1, seed, ...small });
      for (let step = 0; step < 3; step++) net.trainBatch(randomBatch(10 + step, [4, 1, 16, 16]));
      return net.parameterVector();
    };
    const a = run(7);
    const b = run(7);
    expect(a.length).toBeGreaterThan(1000);
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
    expect(Buffer.from(run(8).buffer).equals(Buffer.from(a.buffer))).toBe(false);
  });

  it('restores saved weights and batch-norm statistics', () => {
    const net = new ResNet18({ kind: '2d', inChannels: 1, seed: 4, ...small });
    net.trainBatch(randomBatch(4, [4, 1, 16, 16]));
    const state = net.saveState();
    const probe = randomBatch(5, [3, 1, 16, 16]);
    const before = net.infer(probe.images, probe.shape);
    const other = new ResNet18({ kind: '2d', inChannels: 1, seed: 99, ...small });
    other.loadState(state);
    const after = other.infer(probe.images, probe.shape);
    expect(Array.from(after.probabilities)).toEqual(Array.from(before.probabilities));
    expect(Array.from(after.features)).toEqual(Array.from(before.features));
  });

  it('says what shape it expected', () => {
    const net = new ResNet18({ kind: '2d', inChannels: 1, seed: 1, ...small });
    const batch = randomBatch(1, [2, 1, 16, 16]);
    expect(() => net.infer(batch.images, [2, 3, 16, 16])).toThrow(/expected shape \[B, 1, H, W\]/);
    expect(() => net.infer(batch.images, [2, 1, 16, 8])).toThrow(/holds 256 values, the array 512/);
    expect(() => new ResNet18({ kind: '2d', inChannels: 3 })).toThrow(/use kind 2.5d/);
  });
});
