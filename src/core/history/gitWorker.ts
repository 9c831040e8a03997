// Worker-thread entry (bundled to dist/gitWorker.js) that starts git for the editor's thread:
// starting a process blocks the starting thread until the child has exec'd, so the extension
// host hands it here (gitSpawner.ts). The request arrives with its arguments and environment
// already made safe by runGit; output travels back in chunks when the caller streams it.
import { parentPort } from 'node:worker_threads';
import type { GitReply, GitRequest } from './gitSpawner';
import { spawnGit } from './git';

parentPort?.on('message', (m: GitRequest) => {
  const onData = m.stream
    ? (chunk: Buffer) => {
        // A copy of its own, so the bytes can move to the other thread without copying again.
        const bytes = Uint8Array.from(chunk);
        parentPort!.postMessage({ id: m.id, chunk: bytes } satisfies GitReply, [bytes.buffer]);
      }
    : undefined;
  void spawnGit(m.request, onData).then((result) => parentPort!.postMessage({ id: m.id, result } satisfies GitReply));
});
