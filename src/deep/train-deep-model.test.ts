import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IDENTITY_DIRECTION, type Vec3 } from '../image/volume.js';
import { Random } from '../util/random.js';
import { renderCamOverlay } from './cam-overlay.js';
import { DeepModel, type DeepCase } from './deep-model.js';
import type { DeepSettingsInput } from './deep-settings.js';
import { stepLearningRate, trainDeepModel, type DeepSetName } from './train-deep-model.js';
import { torchMissing, torchSuite } from './torch-tests.fixture.js';

/** A CT of noisy lung (-850 HU) with a 10 mm cubic lesion, bright (+50 HU) only in positives. */
function toyCase(caseId: string, label: number, random: Random): DeepCase {
  const dims: Vec3 = [40, 40, 6];
  const grid = {
    dims,
    spacingMm: [1, 1, 2] as Vec3,
    originLPS: [-20, -20, 0] as Vec3,
    direction: IDENTITY_DIRECTION,
  };
  const data = new Int16Array(40 * 40 * 6);
  const mask = new Uint8Array(data.length);
  const i0 = 8 + random.integer(20);
  const j0 = 8 + random.integer(20);
  for (let k = 0; k < 6; k++) {
    for (let j = 0; j < 40; j++) {
      for (let i = 0; i < 40; i++) {
        const n = i + 40 * (j + 40 * k);
        const inLesion = i >= i0 && i < i0 + 10 && j >= j0 && j < j0 + 10 && k >= 2 && k < 4;
        mask[n] = inLesion ? 1 : 0;
        const base = inLesion ? (label === 1 ? 50 : -700) : -850;
        data[n] = Math.round(base + 40 * random.normal());
      }
    }
  }
  return { caseId, label, image: { ...grid, data }, mask: { ...grid, data: mask } };
}

function toyCohort(seed: number): { cases: DeepCase[]; splitOf: (id: string) => DeepSetName } {
  const random = new Random(seed);
  const cases: DeepCase[] = [];
  const sets = new Map<string, DeepSetName>();
  const counts: [DeepSetName, number][] = [
    ['training', 32],
    ['validation', 16],
    ['test', 8],
  ];
  for (const [set, count] of counts) {
    for (let n = 0; n < count; n++) {
      const id = `${set}-${n}`;
      cases.push(toyCase(id, n % 2, random));
      sets.set(id, set);
    }
  }
  return { cases, splitOf: (id) => sets.get(id) ?? 'test' };
}

const fast: DeepSettingsInput = {
  patchSize: 32,
  fieldOfView: { mode: 'fixed', sizeMm: 32 },
  widths: [8, 16, 32, 64],
  batchSize: 16,
  learningRate: 3e-3,
  threads: 2,
};

describe('stepLearningRate', () => {
  it('multiplies by the factor every step', () => {
    expect(stepLearningRate(1e-3, 1, 10, 0.1)).toBe(1e-3);
    expect(stepLearningRate(1e-3, 10, 10, 0.1)).toBe(1e-3);
    expect(stepLearningRate(1e-3, 11, 10, 0.1)).toBeCloseTo(1e-4, 15);
    expect(stepLearningRate(1e-3, 25, 10, 0.1)).toBeCloseTo(1e-5, 15);
  });
});

describe.skipIf(torchMissing)(torchSuite('trainDeepModel'), () => {
  it('learns the toy cohort, keeps the best epoch, logs, saves and reloads', async () => {
    const { cases, splitOf } = toyCohort(1);
    const dir = mkdtempSync(join(tmpdir(), 'radfusion-deep-'));
    const seen: number[] = [];
    const result = await trainDeepModel(cases, splitOf, {
      ...fast,
      epochs: 6,
      patience: 3,
      seed: 3,
      logCsvPath: join(dir, 'log.csv'),
      checkpointPath: join(dir, 'deep.pt'),
      onEpoch: (r) => seen.push(r.epoch),
    });

    expect(result.valAuc).toBeGreaterThanOrEqual(0.9);
    expect(result.history[result.bestEpoch - 1]?.validationAuc).toBe(result.valAuc);
    expect(seen).toEqual(result.history.map((r) => r.epoch));
    expect(result.rows).toHaveLength(cases.length);
    expect(result.featureNames).toHaveLength(64);
    expect(result.featureNames[0]).toBe('deep_gap_000');
    expect(Object.keys(result.rows[0]?.features ?? {})).toHaveLength(64);
    expect(result.rows.filter((r) => r.set === 'test')).toHaveLength(8);

    const log = readFileSync(join(dir, 'log.csv'), 'utf8').trim().split('\n');
    expect(log[0]).toBe(
      'epoch,learning_rate,train_loss,train_focal_loss,train_dice_loss,validation_auc,best_validation_auc,seconds',
    );
    expect(log).toHaveLength(result.history.length + 1);

    const { model, info } = await DeepModel.load(join(dir, 'deep.pt'));
    expect(info.bestEpoch).toBe(result.bestEpoch);
    expect(info.settingsHash).toBe(result.settingsHash);
    const again = model.infer([model.patch(cases[0]!)]);
    expect(again.probabilities[0]).toBeCloseTo(result.rows[0]?.probability ?? NaN, 6);

    const positive = cases.find((c) => c.label === 1)!;
    const overlay = renderCamOverlay(result.model, positive, { scale: 2 });
    expect(overlay.width).toBe(2 * 32 * 2 + 4);
    expect(overlay.height).toBe(64);
    expect(overlay.png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(overlay.cam.length).toBe(32 * 32);
  });

  it('gives the same features twice for the same seed', async () => {
    const { cases, splitOf } = toyCohort(2);
    const run = () => trainDeepModel(cases, splitOf, { ...fast, epochs: 2, seed: 9 });
    const a = await run();
    const b = await run();
    expect(b.history.map((r) => r.trainLoss)).toEqual(a.history.map((r) => r.trainLoss));
    expect(b.rows).toEqual(a.rows);
    const wa = a.model.network.parameterVector();
    const wb = b.model.network.parameterVector();
    expect(Buffer.from(wb.buffer).equals(Buffer.from(wa.buffer))).toBe(true);
  });

  it('runs 2.5D and 3D patches end to end', async () => {
    const { cases, splitOf } = toyCohort(4);
    for (const kind of ['2.5d', '3d'] as const) {
      const result = await trainDeepModel(cases, splitOf, {
        ...fast,
        kind,
        patchSize: 16,
        widths: [4, 8, 8, 16],
        epochs: 1,
      });
      expect(result.rows[0]?.features['deep_gap_015']).toBeTypeOf('number');
      const overlay = renderCamOverlay(result.model, cases[1]!, { scale: 1, layout: 'overlay' });
      expect([overlay.width, overlay.height]).toEqual([16, 16]);
    }
  });

  it('asks for both classes in the validation set', async () => {
    const { cases } = toyCohort(3);
    const splitOf = (id: string): DeepSetName =>
      id.startsWith('validation') && !id.endsWith('1') ? 'validation' : 'training';
    const onlyNegatives = cases.filter(
      (c) => !(c.caseId.startsWith('validation') && c.label === 1),
    );
    await expect(trainDeepModel(onlyNegatives, splitOf, { ...fast, epochs: 1 })).rejects.toThrow(
      /both classes in the validation set/,
    );
  });
});
