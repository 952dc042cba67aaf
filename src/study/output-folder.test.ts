import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { removeEmptyFolders, removeEmptyOutputOnFailure } from './output-folder.js';

describe('study output folder', () => {
  it('a failed run that made only empty folders leaves none; the error passes through', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'radfusion-out-'));
    const out = path.join(root, 'results');
    const failing = removeEmptyOutputOnFailure(out, async () => {
      await mkdir(path.join(out, 'cache', 'features'), { recursive: true });
      throw new Error('bad input');
    });
    await expect(failing).rejects.toThrow('bad input');
    expect(existsSync(out)).toBe(false);
  });

  it('keeps a folder that holds a file, and one that was there before', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'radfusion-out-'));
    const out = path.join(root, 'results');
    const failing = removeEmptyOutputOnFailure(out, async () => {
      await mkdir(path.join(out, 'cache'), { recursive: true });
      await writeFile(path.join(out, 'features.csv'), 'case_id\n');
      throw new Error('later failure');
    });
    await expect(failing).rejects.toThrow('later failure');
    expect(existsSync(path.join(out, 'features.csv'))).toBe(true);
    expect(existsSync(path.join(out, 'cache'))).toBe(false);

    const before = path.join(root, 'existing');
    await mkdir(before);
    await expect(
      removeEmptyOutputOnFailure(before, () => Promise.reject(new Error('x'))),
    ).rejects.toThrow('x');
    expect(existsSync(before)).toBe(true);
    expect(await removeEmptyFolders(path.join(root, 'absent'))).toBe(true);
  });
});
