/**
 * A model pipeline: the selection chain (select/selection-pipeline.ts)
 * followed by a classifier, fitted together as one Classifier. Because `fit`
 * refits the whole chain (z-score, filters, LASSO, model) on the rows it is
 * given, a grid search or CV over a Pipeline never lets a fold's held-out rows
 * influence scaling or selection (grid-search-cv.ts).
 *
 * The classifier comes from a factory so that every fit starts from a fresh
 * model; after fitting, the fitted classifier is stored in the JSON and
 * `fromJSON` restores it without the factory (it can predict, not refit).
 */
import type { Classifier, ClassifierJSON } from './classifier.js';
import { classifierFromJSON } from './classifier-from-json.js';
import { FitError } from '../select/fit-error.js';
import type { Rows } from '../select/rows.js';
import {
  SelectionPipeline,
  type SelectionPipelineJSON,
  type SelectionPipelineOptions,
} from '../select/selection-pipeline.js';

export interface PipelineJSON extends ClassifierJSON {
  readonly kind: 'pipeline';
  readonly version: 1;
  readonly selection: SelectionPipelineJSON;
  readonly classifier: ClassifierJSON;
}

/** A classifier that also exposes raw decision values (e.g. the SVM). */
interface WithDecisionValues {
  decisionValues(rows: Rows): number[];
}

function hasDecisionValues(model: Classifier): model is Classifier & WithDecisionValues {
  return typeof (model as Partial<WithDecisionValues>).decisionValues === 'function';
}

export class Pipeline implements Classifier {
  readonly kind = 'pipeline';
  selection: SelectionPipeline | undefined;
  model: Classifier | undefined;

  constructor(
    readonly selectionOptions: SelectionPipelineOptions,
    private readonly classifierFactory: (() => Classifier) | null,
  ) {}

  fit(rows: Rows, labels: readonly number[]): this {
    if (!this.classifierFactory) {
      throw new FitError(
        'pipeline: this pipeline was restored from JSON and has no classifier factory; ' +
          'create a new Pipeline(selectionOptions, factory) to fit',
      );
    }
    const selection = SelectionPipeline.fit(rows, labels, this.selectionOptions);
    const model = this.classifierFactory().fit(selection.transform(rows), labels);
    this.selection = selection;
    this.model = model;
    return this;
  }

  private fitted(): { selection: SelectionPipeline; model: Classifier } {
    if (!this.selection || !this.model) {
      throw new FitError('pipeline: not fitted; call fit(rows, labels) or fromJSON first');
    }
    return { selection: this.selection, model: this.model };
  }

  predictProbability(rows: Rows): number[] {
    const { selection, model } = this.fitted();
    return model.predictProbability(selection.transform(rows));
  }

  /**
   * Ranking scores for AUC: the classifier's decision values when it has them
   * (the SVM without Platt scaling), else its probabilities.
   */
  decisionValues(rows: Rows): number[] {
    const { selection, model } = this.fitted();
    const x = selection.transform(rows);
    return hasDecisionValues(model) ? model.decisionValues(x) : model.predictProbability(x);
  }

  toJSON(): PipelineJSON {
    const { selection, model } = this.fitted();
    return {
      kind: 'pipeline',
      version: 1,
      selection: selection.toJSON(),
      classifier: model.toJSON(),
    };
  }

  static fromJSON(json: PipelineJSON): Pipeline {
    if (json.kind !== 'pipeline' || json.version !== 1) {
      throw new FitError(
        `pipeline fromJSON: received kind ${String(json.kind)} version ${String(json.version)}, ` +
          'expected pipeline version 1; re-fit the model',
      );
    }
    const pipeline = new Pipeline({}, null);
    pipeline.selection = SelectionPipeline.fromJSON(json.selection);
    pipeline.model = classifierFromJSON(json.classifier);
    return pipeline;
  }
}

/** Scores for ranking (AUC): decision values where available, else probabilities. */
export function rankingScores(model: Classifier, rows: Rows): number[] {
  return hasDecisionValues(model) ? model.decisionValues(rows) : model.predictProbability(rows);
}
