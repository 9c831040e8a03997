// The entry facts of the files the parse threads finish, decoded on this thread while the threads
// still parse the rest. A cold `deepdive routes` otherwise decodes every file's entry facts (a
// JSON text each) and walks them twice (the import specifiers, the data files named by a fixed
// path) only once the last file is back: on Ghost about 0.6 s with the collections they cause,
// on one thread while the other core idles. Here that work is done in slices of a few
// milliseconds between the threads' messages, when this thread would otherwise wait; whatever is
// left when the threads are done is decoded where it is first read, as before. Nothing is
// computed differently: the decoded facts and both walks are memoised where they were read
// (mapCache.ts decodeFacts, routeReach.ts importSpecs, dataFiles.ts dataPathsNamed).
import type { FileFacts } from './facts';
import { isPassEntry } from '../entry/passEntry';
import { importSpecs } from '../entry/interp/routeReach';
import { dataPathsNamed } from '../entry/interp/dataFiles';

/** A slice's length: short enough that a thread's message waits no longer than a fraction of its batch. */
const SLICE_MS = 4;

export class EntryWarmUp {
  private readonly queue: FileFacts[] = [];
  private next = 0;
  private scheduled: NodeJS.Immediate | undefined;
  private stopped = false;

  /** A file's facts, as they arrive from a thread: decoded when this thread is free. */
  add(facts: FileFacts): void {
    if (this.stopped) return;
    this.queue.push(facts);
    this.scheduled ??= setImmediate(this.slice);
  }

  /** The threads are done: what is left is decoded where it is read. */
  stop(): void {
    this.stopped = true;
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    this.queue.length = 0;
  }

  private readonly slice = (): void => {
    this.scheduled = undefined;
    const until = performance.now() + SLICE_MS;
    while (this.next < this.queue.length && performance.now() < until) warm(this.queue[this.next++]!);
    if (this.next < this.queue.length) this.scheduled = setImmediate(this.slice);
    else {
      this.queue.length = 0;
      this.next = 0;
    }
  };
}

function warm(facts: FileFacts): void {
  let entry: FileFacts['entry'];
  try {
    entry = facts.entry;
  } catch {
    // A damaged text fails the same way where it is read.
    return;
  }
  if (!entry || isPassEntry(entry) || !entry.facts) return;
  importSpecs(entry.facts);
  dataPathsNamed(entry.facts);
}
