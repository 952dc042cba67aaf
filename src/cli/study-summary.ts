/**
 * The table `radfusion study` prints when it finishes: each model's AUC with
 * its 95 % CI per set, in columns padded to their widest cell so the headers
 * stand over their values; then the exclusions and where the outputs are.
 */
import type { StudyResult } from '../study/run-study.js';

export function studySummary(result: StudyResult): string {
  const lines = [`\nstudy finished in ${result.seconds.toFixed(1)} s`];

  // 1. The AUC table: header and one row per model, sets in the study's order.
  const bootstrap = result.models[0]?.sets[0]?.aucCiMethod === 'bootstrap';
  lines.push(`AUC (${bootstrap ? 'bootstrap' : 'DeLong'} 95 % CI) per set:`);
  const sets = result.models[0]?.sets.map((s) => s.set) ?? [];
  const f = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
  const table = [
    ['model', ...sets],
    ...result.models.map((m) => [
      m.name,
      ...sets.map((set) => {
        const s = m.sets.find((r) => r.set === set);
        if (s === undefined || !Number.isFinite(s.auc)) return 'n/a';
        return `${f(s.auc)} (${f(s.aucCi95[0])}-${f(s.aucCi95[1])})`;
      }),
    ]),
  ];
  lines.push(...alignColumns(table));

  // 2. Exclusions and outputs.
  if (result.excluded.length > 0) {
    lines.push(`excluded ${result.excluded.length} case(s):`);
    for (const e of result.excluded) lines.push(`  ${e.reason}`);
  }
  lines.push(
    `features:    ${result.featuresPath}`,
    `predictions: ${result.predictionsPath}`,
    `metrics:     ${result.metricsPath}`,
    `report:      ${result.reportPath}`,
  );
  return lines.join('\n') + '\n';
}

/** Rows of cells as lines, each column padded to its widest cell, two spaces apart. */
export function alignColumns(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, k) => (widths[k] = Math.max(widths[k] ?? 0, cell.length)));
  }
  return rows.map((row) =>
    row
      .map((cell, k) => (k === row.length - 1 ? cell : cell.padEnd(widths[k] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}
