/**
 * The study's output folder: made only once the config and the manifest have
 * passed their checks, and taken away again when a run that made it fails
 * before writing any file, so a config error never leaves an empty folder
 * behind. Only empty folders are removed; a file written there (features.csv,
 * a cached case) keeps the folder and everything above it.
 */
import { existsSync } from 'node:fs';
import { readdir, rmdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * Runs `work`; when it throws and `dir` did not exist before, removes the
 * folders under `dir` (and `dir`) that hold no file. The error is rethrown as it was.
 */
export async function removeEmptyOutputOnFailure<T>(
  dir: string,
  work: () => Promise<T>,
): Promise<T> {
  const existed = existsSync(dir);
  try {
    return await work();
  } catch (error) {
    if (!existed) await removeEmptyFolders(dir);
    throw error;
  }
}

/** Removes `dir` and its sub-folders when they hold no file; true when `dir` is gone. */
export async function removeEmptyFolders(dir: string): Promise<boolean> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return !existsSync(dir);
  }
  let empty = true;
  for (const entry of entries) {
    const isEmptyFolder =
      entry.isDirectory() && (await removeEmptyFolders(path.join(dir, entry.name)));
    if (!isEmptyFolder) empty = false;
  }
  if (!empty) return false;
  try {
    await rmdir(dir);
    return true;
  } catch {
    // Something appeared meanwhile, or no permission: leave the folder as it is.
    return false;
  }
}
