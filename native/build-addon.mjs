// npm's install step for radfusion: builds the LibTorch addon when a LibTorch
// can be found, and otherwise skips it with a message. Everything but the deep
// stage works without the addon.
//
// Environment:
//   RADFUSION_SKIP_ADDON=1       never build the addon
//   RADFUSION_LIBTORCH=/path     the LibTorch to use (also read: LIBTORCH)
//
// Exit status: 0 when built or skipped; 1 when a LibTorch was found but the
// build failed (the message says how to skip it).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findLibTorch } from './find-libtorch.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const addonPath = join(root, 'build', 'Release', 'radfusion_torch.node');
const say = (line) => process.stderr.write(`radfusion: ${line}\n`);

const HOW_TO_GET_LIBTORCH =
  'To enable it, install LibTorch and rebuild: `apt-get install libtorch-dev` ' +
  '(Debian/Ubuntu), or `pip install torch`, or set RADFUSION_LIBTORCH=/path/to/libtorch ' +
  '(a folder with include/ and lib/); then run `npm rebuild radfusion` ' +
  '(or `node native/build-addon.mjs` in a checkout)';

function main() {
  if (process.env.RADFUSION_SKIP_ADDON === '1') {
    say('RADFUSION_SKIP_ADDON=1: the deep-learning addon is not built; ' + HOW_TO_GET_LIBTORCH);
    return 0;
  }

  // 1. Find LibTorch; without it, skip the addon (not an error).
  let libtorch;
  try {
    libtorch = findLibTorch();
  } catch (error) {
    say(String(error instanceof Error ? error.message : error));
    return 1;
  }
  if (!libtorch) {
    rmSync(addonPath, { force: true });
    say(
      'LibTorch not found, so the deep-learning addon (ResNet18 deep features) is not built; ' +
        'everything else works. ' +
        HOW_TO_GET_LIBTORCH,
    );
    return 0;
  }
  // An addon newer than its sources and this LibTorch is kept: npm reruns this
  // step on `npx radfusion` and `npm install` in a checkout, and a rebuild would
  // remove the addon from under a run that is using it.
  const stamp = join(root, 'build', 'Release', 'radfusion_torch.libtorch');
  const sources = ['radfusion_torch.cc', 'resnet.h', 'build-addon.mjs', 'find-libtorch.mjs']
    .map((name) => join(root, 'native', name))
    .concat([join(root, 'binding.gyp')]);
  if (
    process.env.RADFUSION_REBUILD_ADDON !== '1' &&
    existsSync(addonPath) &&
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8') === libtorch.libDir &&
    sources.every(
      (file) => !existsSync(file) || statSync(file).mtimeMs <= statSync(addonPath).mtimeMs,
    )
  ) {
    say(`the LibTorch addon is up to date (${addonPath}); RADFUSION_REBUILD_ADDON=1 rebuilds it`);
    return 0;
  }
  say(
    `building the LibTorch addon against ${libtorch.libDir} (found: ${libtorch.source}, ` +
      `libraries ${libtorch.libraries.join(', ')})`,
  );

  // 2. Build with node-gyp (a dependency, so it is there after npm ci).
  let nodeGyp;
  try {
    nodeGyp = createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js');
  } catch {
    say('node-gyp is not installed (it is a dependency of radfusion); run `npm install` first');
    return 1;
  }
  // Node's own headers where they are installed (as Debian's nodejs does), so
  // that node-gyp need not download them.
  const args = [nodeGyp, 'rebuild'];
  const prefix = join(dirname(process.execPath), '..');
  const localHeaders = existsSync(join(prefix, 'include', 'node', 'node_api.h'));
  if (!process.env.npm_config_nodedir && localHeaders) args.push(`--nodedir=${prefix}`);
  const started = Date.now();
  const run = spawnSync(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: process.env,
  });
  if (run.status !== 0 || !existsSync(addonPath)) {
    say(
      'building the LibTorch addon failed (the compiler output is above). A C++17 compiler ' +
        '(apt-get install g++ make) and a complete LibTorch are needed. To install radfusion ' +
        'without the deep stage, set RADFUSION_SKIP_ADDON=1.',
    );
    return 1;
  }
  writeFileSync(stamp, libtorch.libDir);
  say(`built ${addonPath} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return 0;
}

process.exit(main());
