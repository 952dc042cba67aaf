import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

import type { LibsvmStatic } from 'libsvm-js';

import { readTrainedModel } from './libsvm-memory.js';
import { loadSvm } from './svm.js';

describe('libsvm model read from WebAssembly memory', () => {
  it('agrees with the model text: coefficients to 16 digits, rho to its 6', async () => {
    await loadSvm();
    const svm = await (createRequire(import.meta.url)('libsvm-js') as Promise<LibsvmStatic>);
    const model = new svm({
      type: svm.SVM_TYPES.C_SVC,
      kernel: svm.KERNEL_TYPES.RBF,
      cost: 0.7,
      gamma: 0.4,
      quiet: true,
    });
    const rows = Array.from({ length: 40 }, (_, i) => [Math.sin(i), Math.cos(2 * i)]);
    const labels = rows.map((r) => ((r[0] as number) + 0.3 * (r[1] as number) > 0 ? 0 : 1));
    model.train(rows, labels);
    const text = model.serializeModel().split('\n');
    const sv = text.slice(text.indexOf('SV') + 1).filter((l) => l.trim() !== '');
    const read = readTrainedModel(model, { C: 0.7, nSupport: sv.length });
    expect(read).not.toBeNull();
    const printedCoef = sv.map((l) => Number(l.trim().split(/\s+/)[0]));
    // The text prints 16 significant digits; memory holds the exact doubles.
    read?.coef.forEach((c, k) => {
      const t = printedCoef[k] as number;
      expect(Math.abs(c - t)).toBeLessThanOrEqual(1e-15 * Math.abs(t));
    });
    const printed = Number((text.find((l) => l.startsWith('rho ')) as string).slice(4));
    expect(Math.abs((read?.rho as number) - printed)).toBeLessThan(1e-5 * Math.abs(printed));
    expect(readTrainedModel(model, { C: 0.8, nSupport: sv.length })).toBeNull();
    model.free();
  });
});
