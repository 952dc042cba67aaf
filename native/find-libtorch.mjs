// Finds a LibTorch to build radfusion's deep-learning addon against.
//
// Looked for, in order:
//   1. RADFUSION_LIBTORCH or LIBTORCH: a folder with include/ and lib/ (an unpacked
//      libtorch zip from pytorch.org, or any PyTorch's torch/ folder);
//   2. the Debian / Ubuntu system package (apt-get install libtorch-dev);
//   3. the LibTorch inside the PyTorch that `python3` imports (pip install torch).
//
// Used by native/build-addon.mjs and by binding.gyp, which calls this file as
//   node native/find-libtorch.mjs include|libdir|libraries|defines
// and reads one space-separated list from stdout.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * @typedef {object} LibTorchLocation
 * @property {string} source       how it was found: 'env', 'system' or 'python'
 * @property {string[]} includeDirs folders to add with -I
 * @property {string} libDir       folder holding libtorch.so
 * @property {string[]} libraries  libraries to link, without the lib prefix
 * @property {0 | 1} cxx11Abi      the _GLIBCXX_USE_CXX11_ABI LibTorch was built with
 */

/** @returns {LibTorchLocation | undefined} */
export function findLibTorch(env = process.env) {
  const fromEnv = env.RADFUSION_LIBTORCH || env.LIBTORCH;
  if (fromEnv) {
    const found = fromFolder(fromEnv, 'env');
    if (!found) {
      throw new Error(
        `RADFUSION_LIBTORCH / LIBTORCH is ${fromEnv}, which holds no include/torch and ` +
          'lib/libtorch.so; point it at an unpacked libtorch or a PyTorch torch/ folder',
      );
    }
    return found;
  }
  return fromSystem() ?? fromPython(env);
}

function fromFolder(root, source) {
  const include = join(root, 'include');
  const lib = join(root, 'lib');
  const api = join(include, 'torch', 'csrc', 'api', 'include');
  if (!existsSync(api) || !existsSync(join(lib, 'libtorch.so'))) return undefined;
  return {
    source,
    includeDirs: [include, api],
    libDir: lib,
    libraries: librariesIn(lib),
    cxx11Abi: detectAbi(lib),
  };
}

function fromSystem() {
  const api = '/usr/include/torch/csrc/api/include';
  if (!existsSync(api)) return undefined;
  const candidates = [
    '/usr/lib/x86_64-linux-gnu',
    '/usr/lib/aarch64-linux-gnu',
    '/usr/lib64',
    '/usr/lib',
  ];
  const lib = candidates.find((dir) => existsSync(join(dir, 'libtorch.so')));
  if (lib === undefined) return undefined;
  // /usr/include itself is on the compiler's path already; adding it with -I
  // breaks the standard library's #include_next.
  return {
    source: 'system',
    includeDirs: [api],
    libDir: lib,
    libraries: librariesIn(lib),
    cxx11Abi: 1,
  };
}

function fromPython(env) {
  const python = env.PYTHON || 'python3';
  let out;
  try {
    out = execFileSync(
      python,
      [
        '-c',
        'import os, torch; print(os.path.dirname(torch.__file__)); ' +
          'print(int(torch._C._GLIBCXX_USE_CXX11_ABI))',
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
  } catch {
    return undefined;
  }
  const [root, abi] = out.trim().split('\n');
  if (!root) return undefined;
  const found = fromFolder(root.trim(), 'python');
  if (found && (abi === '0' || abi === '1')) found.cxx11Abi = Number(abi);
  return found;
}

// torch and c10 always; the CUDA parts when this LibTorch has them, so that a
// CUDA PyTorch gives GPU training.
function librariesIn(lib) {
  const files = new Set(readdirSync(lib));
  const wanted = ['torch', 'torch_cpu', 'c10', 'torch_cuda', 'c10_cuda'];
  return wanted.filter((name) => files.has(`lib${name}.so`));
}

// A library built with the C++11 ABI has "__cxx11" in its mangled symbol names.
function detectAbi(lib) {
  const c10 = join(lib, 'libc10.so');
  if (!existsSync(c10)) return 1;
  return readFileSync(c10).includes('__cxx11') ? 1 : 0;
}

// Command-line use by binding.gyp.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const found = findLibTorch();
  if (!found) {
    process.stderr.write('LibTorch not found (see native/find-libtorch.mjs)\n');
    process.exit(1);
  }
  const what = process.argv[2];
  const lists = {
    include: found.includeDirs,
    libdir: [found.libDir],
    libraries: [
      `-L${found.libDir}`,
      `-Wl,-rpath,${found.libDir}`,
      '-Wl,--no-as-needed',
      ...found.libraries.map((name) => `-l${name}`),
      '-Wl,--as-needed',
    ],
    defines: [`_GLIBCXX_USE_CXX11_ABI=${found.cxx11Abi}`],
  };
  const list = lists[what];
  if (!list) {
    process.stderr.write(`usage: find-libtorch.mjs include|libdir|libraries|defines\n`);
    process.exit(2);
  }
  process.stdout.write(list.join(' ') + '\n');
}
