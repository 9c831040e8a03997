// Standard output and error of the `deepdive` process. Lines are gathered into few writes (a
// 20,000-note `note list` made 20,000 write calls), and a reader that goes away —
// `deepdive note list | head` — ends the output quietly: no EPIPE crash, the command itself
// still finishes (a save is never cut short by a closed pipe).
import type { Writable } from 'node:stream';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Writes what is gathered; the CLI calls it before it exits. */
  flush?: () => void;
}

/** Output gathered up to this many characters before a write. */
const CHUNK = 64 * 1024;

export function processIo(stdout: Writable = process.stdout, stderr: Writable = process.stderr): CliIo {
  let outClosed = false;
  let errClosed = false;
  let pending: string[] = [];
  let size = 0;
  let scheduled = false;
  const gone = (code: string | undefined) => code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' || code === 'ECONNRESET';
  stdout.on('error', (err: NodeJS.ErrnoException) => {
    outClosed = true;
    pending = [];
    size = 0;
    // A closed pipe is the reader's choice; any other failure (a full disk) must not pass unseen.
    if (!gone(err.code)) {
      process.exitCode = 1;
      if (!errClosed) stderr.write(`deepdive: cannot write the output: ${err.message}\n`);
    }
  });
  stderr.on('error', () => {
    errClosed = true;
  });
  const flush = () => {
    scheduled = false;
    if (!pending.length) return;
    const text = pending.join('');
    pending = [];
    size = 0;
    if (!outClosed && !stdout.destroyed) stdout.write(text);
  };
  return {
    out(text) {
      if (outClosed) return;
      pending.push(text, '\n');
      size += text.length + 1;
      if (size >= CHUNK) flush();
      else if (!scheduled) {
        // Lines of one synchronous burst go out together; lines of a slow command soon after.
        scheduled = true;
        setImmediate(flush);
      }
    },
    err(text) {
      flush(); // what was printed before the message comes before it
      if (!errClosed && !stderr.destroyed) stderr.write(text + '\n');
    },
    flush,
  };
}
