/** A two-sided confidence interval with its coverage. */
export interface ConfidenceInterval {
  readonly lower: number;
  readonly upper: number;
  /** Coverage, e.g. 0.95. */
  readonly level: number;
}
