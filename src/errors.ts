/**
 * The few error classes radfusion throws. Library code throws; only the CLI,
 * the server or the report decides how an error is shown.
 *
 * Every message says what happened, what was received and expected, and the fix.
 */

export interface ErrorContext {
  /** The case the error belongs to, when there is one. */
  readonly caseId?: string;
  /** The file the error is about, when there is one. */
  readonly file?: string;
}

export class RadfusionError extends Error {
  readonly caseId: string | undefined;
  readonly file: string | undefined;

  constructor(message: string, context: ErrorContext = {}, options?: { cause?: unknown }) {
    super(prefix(context) + message, options);
    this.name = new.target.name;
    this.caseId = context.caseId;
    this.file = context.file;
  }
}

/** An input file that cannot be read or does not hold what is needed. */
export class InputError extends RadfusionError {}

/** Image and mask (or two images) that do not share a grid. */
export class GeometryError extends RadfusionError {}

/** A configuration or command-line setting that is invalid. */
export class ConfigError extends RadfusionError {}

function prefix(context: ErrorContext): string {
  const parts: string[] = [];
  if (context.caseId !== undefined) parts.push(`case ${context.caseId}`);
  if (context.file !== undefined) parts.push(`file ${context.file}`);
  return parts.length > 0 ? `${parts.join(', ')}: ` : '';
}

/** Adds a case id to an error thrown without one, keeping its class. */
export function withCase(error: unknown, caseId: string): Error {
  if (error instanceof RadfusionError && error.caseId === undefined) {
    const Ctor = error.constructor as new (
      m: string,
      c: ErrorContext,
      o?: { cause?: unknown },
    ) => RadfusionError;
    const message = error.file ? error.message.replace(`file ${error.file}: `, '') : error.message;
    return new Ctor(message, { caseId, file: error.file }, { cause: error.cause });
  }
  return error instanceof Error ? error : new Error(String(error));
}
