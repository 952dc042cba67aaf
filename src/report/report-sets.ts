/**
 * The data sets of a study as the report names and orders them.
 */

/** The data sets of a study, in the order the report shows them. */
export type ReportSetName = 'training' | 'validation' | 'test';
export const REPORT_SET_ORDER: readonly ReportSetName[] = ['training', 'validation', 'test'];

/** The name of a set in headings and table cells. */
export const SET_LABEL: Readonly<Record<ReportSetName, string>> = {
  training: 'Training',
  validation: 'Validation',
  test: 'Test',
};

/** The sets that at least one item has, in report order. */
export function setsPresent(
  items: readonly { readonly sets: readonly { readonly set: ReportSetName }[] }[],
): ReportSetName[] {
  return REPORT_SET_ORDER.filter((set) => items.some((m) => m.sets.some((s) => s.set === set)));
}
