/**
 * A toy set whose only evidence is a bright cube: the cube sits in a random
 * quadrant of every image and is bright only in positives; the mask is the
 * cube. A working network separates the classes, and its CAM for the positive
 * class peaks inside the cube; a flipped, transposed or inverted map does not.
 */
import { describe, expect, it } from 'vitest';
import { rocAuc } from '../evaluate/roc.js';
import { Random } from '../util/random.js';
import { ResNet18, type PatchBatch } from './resnet.js';
import { setTorchThreads } from './torch-addon.js';
import { torchMissing, torchSuite } from './torch-tests.fixture.js';

const SIZE = 64;
const CUBE = 20;

interface ToyImage {
  readonly image: Float32Array;
  readonly mask: Float32Array;
  readonly label: number;
}

function toyImage(random: Random, label: number): ToyImage {
  const image = new Float32Array(SIZE * SIZE);
  const mask = new Float32Array(SIZE * SIZE);
  for (let n = 0; n < image.length; n++) image[n] = 0.3 + 0.1 * random.normal();
  const x0 = 32 * random.integer(2) + 6 + random.integer(5);
  const y0 = 32 * random.integer(2) + 6 + random.integer(5);
  for (let y = y0; y < y0 + CUBE; y++) {
    for (let x = x0; x < x0 + CUBE; x++) {
      mask[y * SIZE + x] = 1;
      if (label === 1) image[y * SIZE + x]! += 0.5;
    }
  }
  return { image, mask, label };
}

function stack(items: readonly ToyImage[]): PatchBatch {
  const images = new Float32Array(items.length * SIZE * SIZE);
  const masks = new Float32Array(items.length * SIZE * SIZE);
  items.forEach((t, b) => {
    images.set(t.image, b * SIZE * SIZE);
    masks.set(t.mask, b * SIZE * SIZE);
  });
  return {
    shape: [items.length, 1, SIZE, SIZE],
    images,
    masks,
    labels: Int32Array.from(items, (t) => t.label),
  };
}

describe.skipIf(torchMissing)(torchSuite('ResNet18 on the bright-cube toy set'), () => {
  it('separates the classes and its CAM peaks inside the cube', () => {
    setTorchThreads(2);
    const random = new Random(11);
    const training = Array.from({ length: 48 }, (_, n) => toyImage(random, n % 2));
    const validation = Array.from({ length: 24 }, (_, n) => toyImage(random, n % 2));
    const net = new ResNet18({
      kind: '2d',
      inChannels: 1,
      widths: [8, 16, 32, 64],
      seed: 5,
      learningRate: 3e-3,
    });

    for (let epoch = 0; epoch < 6; epoch++) {
      const order = random.shuffled(training);
      for (let from = 0; from < order.length; from += 16)
        net.trainBatch(stack(order.slice(from, from + 16)));
    }
    const v = stack(validation);
    const { probabilities } = net.infer(v.images, v.shape);
    expect(
      rocAuc(
        validation.map((t) => t.label),
        probabilities,
      ),
    ).toBeGreaterThanOrEqual(0.95);

    const cams = net.cam(
      v.images,
      v.shape,
      Int32Array.from(validation, () => 1),
    );
    let peaksInside = 0;
    let mirroredPeaksInside = 0;
    let positives = 0;
    validation.forEach((t, b) => {
      if (t.label !== 1) return;
      positives++;
      const cam = cams.subarray(b * SIZE * SIZE, (b + 1) * SIZE * SIZE);
      let peak = 0;
      for (let n = 1; n < cam.length; n++) if ((cam[n] ?? 0) > (cam[peak] ?? 0)) peak = n;
      if (t.mask[peak] === 1) peaksInside++;
      const mirrored = Math.floor(peak / SIZE) * SIZE + (SIZE - 1 - (peak % SIZE));
      if (t.mask[mirrored] === 1) mirroredPeaksInside++;
      let inside = 0;
      let outside = 0;
      cam.forEach((c, n) => (t.mask[n] ? (inside += c) : (outside += c)));
      const area = CUBE * CUBE;
      expect(inside / area).toBeGreaterThan((2 * outside) / (cam.length - area));
    });
    expect(peaksInside).toBeGreaterThanOrEqual(Math.ceil(0.9 * positives));
    // The check has teeth: the same maps mirrored left-right miss the cube.
    expect(mirroredPeaksInside).toBe(0);
  });
});
