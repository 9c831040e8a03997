// Worker-thread entry: parses batches of files and posts their facts back. Bundled to
// dist/mapWorker.js; each worker compiles its grammars and queries once.
import { parentPort } from 'node:worker_threads';
import type { ParseOutcome, ParseTask } from './processFile';
import { processFile } from './processFile';
import { encodeFacts } from './mapCache';

/** What crosses the thread boundary: facts as the cache's two JSON strings, not an object graph. */
export type WireOutcome = Exclude<ParseOutcome, { facts: unknown }> | { path: string; hash: string; encoded: [head: string, body: string] };

parentPort?.on('message', async (batch: ParseTask[]) => {
  // Structured clone of thousands of small objects costs both threads dearly (and the main
  // thread's GC); two strings per file clone almost for free and are what the cache stores anyway.
  const out: WireOutcome[] = [];
  for (const task of batch) {
    const r: ParseOutcome = await processFile(task);
    out.push('facts' in r ? { path: r.path, hash: r.hash, encoded: encodeFacts(r.facts) } : r);
  }
  parentPort!.postMessage(out);
});
