/**
 * Calibration and decision curves of every model on every set (METHOD:
 * "Calibration curve and Brier score", "Decision curve analysis: net benefit
 * for threshold probabilities 0-100 %, with treat-all and treat-none"), as
 * data for metrics.json and as figures for the report.
 */
import { calibrationCurve } from '../evaluate/calibration.js';
import { decisionCurve } from '../evaluate/decision-curve.js';
import { renderLineFigureSvg, type ReportSvgSection } from '../report/index.js';
import { SET_NAMES, type SetName } from './split.js';

export interface ModelCurves {
  readonly model: string;
  readonly set: SetName;
  readonly calibration: {
    readonly meanPredicted: number[];
    readonly fractionPositive: number[];
    readonly count: number[];
  };
  readonly decision: {
    readonly threshold: number[];
    readonly netBenefit: number[];
    readonly treatAll: number[];
  };
}

/** Bins of the calibration curves (study config `evaluation.calibration`). */
export interface CalibrationBinning {
  readonly bins: number;
  readonly strategy: 'uniform' | 'quantile';
}

export function modelCurves(
  models: readonly string[],
  labels: Readonly<Record<SetName, readonly number[]>>,
  probabilitiesOf: (model: string, set: SetName) => readonly number[] | undefined,
  binning: CalibrationBinning = { bins: 10, strategy: 'uniform' },
): ModelCurves[] {
  const curves: ModelCurves[] = [];
  for (const model of models) {
    for (const set of SET_NAMES) {
      const p = probabilitiesOf(model, set);
      if (!p) continue;
      const calibration = calibrationCurve(labels[set], p, {
        binCount: binning.bins,
        strategy: binning.strategy,
      });
      const decision = decisionCurve(labels[set], p);
      curves.push({
        model,
        set,
        calibration: {
          meanPredicted: calibration.bins.map((b) => b.meanPredicted),
          fractionPositive: calibration.bins.map((b) => b.fractionPositive),
          count: calibration.bins.map((b) => b.count),
        },
        decision: {
          threshold: decision.points.map((d) => d.threshold),
          netBenefit: decision.points.map((d) => d.netBenefitModel),
          treatAll: decision.points.map((d) => d.netBenefitTreatAll),
        },
      });
    }
  }
  return curves;
}

const SET_TITLE: Record<SetName, string> = {
  training: 'Training',
  validation: 'Validation',
  test: 'Test',
};

export async function curveFigureSections(
  curves: readonly ModelCurves[],
  binning: CalibrationBinning = { bins: 10, strategy: 'uniform' },
): Promise<ReportSvgSection[]> {
  const calibration: { svg: string }[] = [];
  const decision: { svg: string }[] = [];
  for (const set of SET_NAMES) {
    const ofSet = curves.filter((c) => c.set === set);
    if (ofSet.length === 0) continue;
    calibration.push(
      await renderLineFigureSvg(
        {
          title: `${SET_TITLE[set]} set`,
          xTitle: 'mean predicted probability',
          yTitle: 'observed fraction positive',
          xDomain: [0, 1],
          yDomain: [0, 1],
          reference: [0, 0, 1, 1],
          series: ofSet.map((c) => ({
            name: c.model,
            x: c.calibration.meanPredicted,
            y: c.calibration.fractionPositive,
            points: true,
          })),
        },
        `cal-${set}`,
      ),
    );
    const first = ofSet[0] as ModelCurves;
    const allBenefits = ofSet.flatMap((c) => c.decision.netBenefit);
    const top = Math.max(0.05, ...allBenefits.filter(Number.isFinite));
    decision.push(
      await renderLineFigureSvg(
        {
          title: `${SET_TITLE[set]} set`,
          xTitle: 'threshold probability',
          yTitle: 'net benefit',
          xDomain: [0, 1],
          yDomain: [-0.05, Math.ceil(top * 20) / 20],
          series: [
            ...ofSet.map((c) => ({
              name: c.model,
              x: c.decision.threshold,
              y: c.decision.netBenefit,
            })),
            { name: 'treat all', x: first.decision.threshold, y: first.decision.treatAll },
            { name: 'treat none', x: [0, 1], y: [0, 0] },
          ],
        },
        `dca-${set}`,
      ),
    );
  }
  return [
    {
      id: 'calibration',
      title: 'Calibration curves',
      figures: calibration,
      note:
        `${binning.bins} ${binning.strategy === 'uniform' ? 'equal-width' : 'equal-count (quantile)'} ` +
        'bins of predicted probability; dashed: perfect calibration.',
    },
    {
      id: 'decision-curves',
      title: 'Decision curves',
      figures: decision,
      note: 'Net benefit of each model against treating all and treating none, over threshold probabilities 0-99 %.',
    },
  ];
}
