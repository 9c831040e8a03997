// Worker-thread entry: parses batches of files and posts their facts back. Bundled to
// dist/mapWorker.js; each worker compiles its grammars and queries once.
import { parentPort } from 'node:worker_threads';
import type { LanguageId } from '../parse/languages';
import { initTreeSitter } from '../parse/languages';
import { languageKit } from './extractFile';
import type { ParseOutcome, ParseTask } from './processFile';
import { processFileOnce } from './processFile';
import { encodeFacts, type EncodedFacts } from './mapCache';
import { mayHaveJsFileEntry } from '../entry/jsFileEntry';
import { wantsPassEntry } from '../entry/passEntry';

/** What crosses the thread boundary: facts as the cache's two JSON strings, not an object graph. */
export type WireOutcome = Exclude<ParseOutcome, { facts: unknown }> | { path: string; hash: string; encoded: EncodedFacts };

/** A batch to parse, or a language to get ready for while the main thread still walks. */
export type WorkerRequest = ParseTask[] | { warm: LanguageId };

// The pool starts while the main thread still walks the tree: load the runtime meanwhile.
void initTreeSitter().catch(() => undefined);

parentPort?.on('message', async (request: WorkerRequest) => {
  if (!Array.isArray(request)) {
    void languageKit(request.warm).catch(() => undefined);
    return;
  }
  const batch = request;
  // Structured clone of thousands of small objects costs both threads dearly (and the main
  // thread's GC); two strings per file clone almost for free and are what the cache stores anyway.
  const out: WireOutcome[] = [];
  // Identical files (equal sizes share a batch) are parsed once: facts depend only on the bytes
  // and the language. Not JS/TS files with entry facts, nor Go files' records: those name their
  // file, so a copy at another path gets its own.
  const seen = new Map<string, EncodedFacts>();
  for (const task of batch) {
    const shared = !task.entryFacts || (!mayHaveJsFileEntry(task.language, task.path) && !(task.goFiles && wantsPassEntry(task.language, task.path)));
    const r = await processFileOnce(task, (hash) => shared && seen.has(`${task.language}:${hash}`));
    if ('facts' in r) {
      const encoded = encodeFacts(r.facts);
      if (shared) seen.set(`${task.language}:${r.hash}`, encoded);
      out.push({ path: r.path, hash: r.hash, encoded });
    } else if ('duplicate' in r) {
      out.push({ path: r.path, hash: r.hash, encoded: seen.get(`${task.language}:${r.hash}`)! });
    } else out.push(r);
  }
  parentPort!.postMessage(out);
});
