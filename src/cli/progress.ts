// What a long command is doing, on the terminal while it works: a cold `deepdive routes` on a
// million lines runs for seconds with nothing to show. One line on standard error, rewritten in
// place and erased before the command's own output, so that neither a pipe, a file nor the
// output itself ever holds it. Shown only where someone watches: standard error is a terminal
// (DEEPDIVE_PROGRESS=never turns it off, =always forces it and shows it at once, for the tests),
// and only once the command has run DELAY_MS, so a warm answer prints nothing but itself.

/** Where the line goes: a terminal stream (process.stderr). */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface Progress {
  /** A step with no count: `finding entry points`. */
  phase(label: string): void;
  /** A step with a count: `mapping 1,234 / 4,797 files`. */
  count(label: string, done: number, total: number, unit?: string): void;
  /** Erases the line for a message on standard error; the next step draws it again. */
  clear(): void;
  /** Erases the line for good: the command's output comes next. */
  stop(): void;
}

export const NO_PROGRESS: Progress = { phase() {}, count() {}, clear() {}, stop() {} };

/** A command that answers sooner than this shows no progress. */
export const DELAY_MS = 400;
/** The line is rewritten at most this often (a terminal is slower than a parse pool). */
const TICK_MS = 100;
const ERASE = '\r\u001b[K';

export interface ProgressOptions {
  delayMs?: number;
  now?: () => number;
}

export function terminalProgress(stream: ProgressStream, opts: ProgressOptions = {}): Progress {
  const now = opts.now ?? Date.now;
  const delay = opts.delayMs ?? DELAY_MS;
  const started = now();
  let text = '';
  let shown = '';
  let lastWrite = -Infinity;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const render = (): void => {
    timer = undefined;
    if (stopped || text === shown) return;
    // One line, never wrapped: a wrapped line cannot be erased with a carriage return.
    const width = Math.max(20, (stream.columns || 80) - 1);
    stream.write(`${ERASE}${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
    shown = text;
    lastWrite = now();
  };
  const show = (next: string, urgent: boolean): void => {
    if (stopped) return;
    text = next;
    const t = now();
    const due = Math.max(started + delay, urgent ? t : lastWrite + TICK_MS);
    if (due <= t) {
      if (timer) clearTimeout(timer);
      render();
    } else if (!timer) {
      // Never keeps the process alive: a command that ends first erases nothing it never wrote.
      timer = setTimeout(render, due - t);
      timer.unref?.();
    }
  };
  return {
    phase: (label) => show(`deepdive: ${label} …`, true),
    count: (label, done, total, unit = 'files') => show(`deepdive: ${label} ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} ${unit}`, false),
    clear: () => {
      if (!shown) return;
      stream.write(ERASE);
      shown = '';
    },
    stop: () => {
      if (stopped) return;
      stopped = true;
      if (timer) clearTimeout(timer);
      if (shown) stream.write(ERASE);
    },
  };
}

/**
 * The progress of this process's command: on standard error when it is a terminal (see the
 * header); `env` is process.env.
 */
export function progressFor(stream: ProgressStream, env: Record<string, string | undefined>): Progress {
  const want = env.DEEPDIVE_PROGRESS;
  if (want === 'never') return NO_PROGRESS;
  if (want === 'always') return terminalProgress(stream, { delayMs: 0 });
  return stream.isTTY ? terminalProgress(stream) : NO_PROGRESS;
}
