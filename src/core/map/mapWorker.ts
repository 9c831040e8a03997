// Worker-thread entry: parses batches of files and posts their facts back. Bundled to
// dist/mapWorker.js; each worker compiles its grammars and queries once.
import { parentPort } from 'node:worker_threads';
import type { ParseOutcome, ParseTask } from './processFile';
import { processFile } from './processFile';

parentPort?.on('message', async (batch: ParseTask[]) => {
  const out: ParseOutcome[] = [];
  for (const task of batch) out.push(await processFile(task));
  parentPort!.postMessage(out);
});
