/**
 * The error thrown when a model or transform cannot be fitted or applied to the
 * data it was given (wrong shape, non-finite values, a single class, ...).
 *
 * Messages say what was received, what was expected and how to fix it.
 */
import { RadfusionError } from '../errors.js';

export class FitError extends RadfusionError {}
