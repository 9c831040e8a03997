// Worker-thread entry: reads the entry-point pass's per-file records (passFileFacts.ts) of the
// languages whose records depend on nothing but the file and the repository's file list (Go,
// Python, Java, Kotlin), so that a service's files are parsed and read on every core instead of
// one after another on the pass's thread. Bundled to dist/passWorker.js (passPool.ts starts it).
import { parentPort } from 'node:worker_threads';
import { initTreeSitter } from '../parse/languages';
import { ModuleIndex } from './resolveModule';
import { fileRoutesContext } from './fileRoutes';
import { passFileFacts, type PassContext } from './passFileFacts';
import type { PassReply, PassRequest } from './passPool';
import { markForClone } from './recordClone';

// Load the runtime while the pass's thread still walks its file list.
void initTreeSitter().catch(() => undefined);

let ctx: PassContext | undefined;

parentPort?.on('message', async (request: PassRequest) => {
  if ('files' in request) {
    // The file conventions' context is the JavaScript branch's alone: never used for these languages.
    const modules = new ModuleIndex(request.files);
    // The root package's import path, as the pass's own thread resolves it (findEntryPoints.ts).
    modules.setGoModulePath(request.goModule);
    ctx = { modules, fileRoutes: fileRoutesContext(undefined), parsers: new Map() };
    return;
  }
  const out: PassReply[] = [];
  for (const t of request.batch) {
    let parsed = false;
    try {
      const rec = await passFileFacts(t, t.text, { ...ctx!, onParse: () => (parsed = true) });
      out.push({ path: t.path, rec: markForClone(rec), parsed });
    } catch (err) {
      // passFileFacts catches a parser's failure itself; anything else is a detector's bug, which
      // the pass's thread would have thrown too: hand it back to be thrown there.
      out.push({ path: t.path, error: err instanceof Error ? (err.stack ?? err.message) : String(err), parsed });
    }
  }
  parentPort!.postMessage(out);
});
