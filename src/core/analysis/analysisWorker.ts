// Worker-thread entry of the analysis (bundled to dist/analysisWorker.js): one per workspace
// folder, so that mapping, entry points, flows, coverage and the report never block the
// editor's extension host thread. Answers the requests of protocol.ts; see analysisClient.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { isDeepDiveError } from '../errors';
import type { EngineOptions } from './analysisEngine';
import { AnalysisEngine } from './analysisEngine';
import type { Reply, Request } from './protocol';

const engine = new AnalysisEngine(workerData as EngineOptions);
const running = new Map<number, AbortController>();

function send(reply: Reply): void {
  parentPort!.postMessage(reply);
}

parentPort?.on('message', (req: Request) => {
  if (req.op === 'cancel') {
    running.get(req.target)?.abort();
    return;
  }
  const abort = new AbortController();
  running.set(req.id, abort);
  engine
    .handle(req.op, req.args, (progress) => send({ id: req.id, progress }), abort.signal)
    .then(
      (result) => send({ id: req.id, ok: true, result }),
      (err: unknown) => {
        const e = err instanceof Error ? err : new Error(String(err));
        send({ id: req.id, ok: false, error: { message: e.message, name: e.name, deepDive: isDeepDiveError(e) } });
      },
    )
    .finally(() => running.delete(req.id));
});

process.on('exit', () => engine.dispose());
