// A writer in its own process, for the reliability trials. Modes:
//   api N TAG      the extension's path: one long-lived in-memory model, each change saved with
//                  saveDive (lock, re-read, merge, write) — as WorkspaceModel.mutate does
//   cli N TAG      the CLI's path: N calls of the real CLI main (`note add`, `read`) in-process
//   forever TAG    api mode without end, for kill -9 trials
// After each save returns, prints "ok <note id>" (and "read <path>:<line>"): what a user was
// told is kept. The parent kills, waits and checks that every acknowledged change is on disk.
import { loadDive, saveDive } from '../../src/core/dive/store';
import { markRead } from '../../src/core/dive/reading';
import { addNote } from '../../src/core/notes/noteOps';

const [root, id, mode, countArg, tag] = process.argv.slice(2);
const count = mode === 'forever' ? Infinity : Number(countArg);
const label = mode === 'forever' ? countArg : tag;

function ack(line: string): void {
  process.stdout.write(line + '\n');
}

async function run(): Promise<void> {
  if (mode === 'cli') {
    // Loaded only here: the CLI pulls in every command, which a kill trial need not wait for.
    const { main } = await import('../../src/cli/main');
    for (let i = 0; i < count; i++) {
      const out: string[] = [];
      const err: string[] = [];
      const code = await main(['note', 'add', '--root', root, '--dive', id, 'src/a.js:1', '--kind', 'risk', '--body', `${label} ${i}`, '--json'], { out: (s) => out.push(s), err: (s) => err.push(s) });
      if (code !== 0) throw new Error(`note add exit ${code}: ${err.join(' ')}`);
      ack(`ok ${JSON.parse(out.join('\n')).note.id}`);
      if (i % 10 === 0) {
        const line = 1 + ((Number(label.replace(/\D/g, '')) * 7 + i) % 40);
        const r = await main(['read', '--root', root, '--dive', id, `src/a.js:${line}-${line}`], { out: () => undefined, err: (s) => err.push(s) });
        if (r !== 0) throw new Error(`read exit ${r}: ${err.join(' ')}`);
        ack(`read src/a.js:${line}`);
      }
    }
    return;
  }
  let loaded = loadDive(root, id);
  for (let i = 0; i < count; i++) {
    const added = addNote(structuredClone(loaded.dive), { kind: 'insight', body: `${label} ${i}`, target: { type: 'dive' } });
    const next = { ...loaded, dive: added.dive };
    const note = added.note;
    const line = 1 + ((i * 13 + label.length) % 40);
    markRead(next.dive, 'src/a.js', [[line, line]]);
    loaded = saveDive(next).loaded;
    ack(`ok ${note.id}`);
    ack(`read src/a.js:${line}`);
  }
}

// Exit only once stdout has flushed: process.exit() right after the last writes dropped up to 42
// acknowledgement lines on their way to a busy parent in the long run (the notes were all in the
// dive; the parent just never heard of them and counted them missing).
const finish = (code: number) => process.stdout.write('', () => process.exit(code));
run().then(
  () => finish(0),
  (err) => {
    process.stderr.write(`worker ${label}: ${(err as Error).message}\n`);
    finish(1);
  },
);
