/**
 * Seeded stratified folds for the CV in models/ (grid search, Platt scaling):
 * the project's one fold rule, select/stratified-fold-ids.ts, under the name
 * models/ uses.
 */
export { stratifiedFoldIds as stratifiedFolds } from '../select/stratified-fold-ids.js';
