/**
 * Worker thread for `extractCohort` with jobs > 1: receives a case, its input
 * hashes and the settings, answers with the case's result.
 */
import { parentPort } from 'node:worker_threads';

import {
  extractLoaded,
  type ExtractionCase,
  type ExtractionSettings,
  type LoadedInputs,
} from './extract-case.js';

export interface WorkerRequest {
  readonly id: number;
  readonly cohortCase: ExtractionCase;
  readonly inputs: LoadedInputs;
  readonly settings: ExtractionSettings;
}

parentPort?.on('message', (request: WorkerRequest) => {
  void extractLoaded(request.cohortCase, request.inputs, request.settings).then((result) =>
    parentPort?.postMessage({ id: request.id, result }),
  );
});
