import { readFileSync } from 'node:fs';

/** radfusion's version, from package.json (recorded in every output's provenance). */
export const RADFUSION_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
