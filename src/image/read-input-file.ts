/**
 * Reading an input file's bytes, with the one error every reader gives when
 * the file cannot be read: what was being read, the system's code, the fix.
 */
import { readFile } from 'node:fs/promises';

import { InputError, type ErrorContext } from '../errors.js';

export const PATH_HINT =
  'check the path (in a manifest or cases file, relative paths start at its folder)';

/** The bytes of `filePath`; an InputError naming case, file and fix when it cannot be read. */
export async function readInputFile(
  filePath: string,
  context: ErrorContext,
  options: { readonly what?: string; readonly hint?: string } = {},
): Promise<Buffer> {
  try {
    return await readFile(filePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new InputError(
      `cannot read the ${options.what ?? 'file'} (${code}); ${options.hint ?? PATH_HINT}`,
      context,
      { cause: error },
    );
  }
}
