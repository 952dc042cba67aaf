/**
 * Worker thread for `extractCohort` with jobs > 1: receives a case with its
 * file bytes and settings, answers with the case's result.
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
  readonly inputs: {
    readonly imageBytes: Uint8Array;
    readonly maskBytes: Uint8Array;
    readonly imageSha256: string;
    readonly maskSha256: string;
  };
  readonly settings: ExtractionSettings;
}

parentPort?.on('message', (request: WorkerRequest) => {
  const inputs: LoadedInputs = {
    imageBytes: Buffer.from(request.inputs.imageBytes),
    maskBytes: Buffer.from(request.inputs.maskBytes),
    imageSha256: request.inputs.imageSha256,
    maskSha256: request.inputs.maskSha256,
  };
  const result = extractLoaded(request.cohortCase, inputs, request.settings);
  parentPort?.postMessage({ id: request.id, result });
});
