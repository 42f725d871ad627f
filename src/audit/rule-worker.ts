/** Runs the rules over the chunks of files the main thread sends, until it says it is done. */
import { parentPort, workerData } from 'node:worker_threads';
import type { AuditConfig } from './config.js';
import { runChunk, type ChunkAnswer, type ChunkMessage } from './rule-pool.js';

const { root, config } = workerData as { root: string; config: AuditConfig };
const port = parentPort!;
port.on('message', (message: ChunkMessage) => {
  if ('done' in message) {
    port.close();
    return;
  }
  port.postMessage({ index: message.index, result: runChunk(root, message.files, config) } satisfies ChunkAnswer);
});
