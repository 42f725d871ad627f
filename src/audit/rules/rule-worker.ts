/** Runs the rules over chunks of files, taking the next one itself until none is left. */
import { parentPort, workerData } from 'node:worker_threads';
import { runChunk } from './rule-chunk.js';
import { takeChunk, type ChunkAnswer, type WorkerInput } from './rule-pool.js';

const { root, config, chunks, next } = workerData as WorkerInput;
for (let index = takeChunk(next, chunks.length); index !== undefined; index = takeChunk(next, chunks.length)) {
  parentPort!.postMessage({ index, result: runChunk(root, chunks[index]!, config) } satisfies ChunkAnswer);
}
