#!/usr/bin/env node
import { main } from '../dist/cli/main.js';

// Output piped into `head` and the like: a closed pipe ends the program quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

main(process.argv).catch((error) => {
  process.stderr.write(`radfusion: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
