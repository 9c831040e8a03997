// Entry facts made ready while the map's workers still parse. A cold `deepdive routes` was the
// workers' pass (both cores busy, this thread idle) followed by the entry-point pass alone on this
// thread; the pass began by decoding every file's entry facts (JSON from the workers) and walking
// all of them for what they load (importSpecs, dataSegmentsOf). Each file's
// decode and walks are the same whenever they run, so they run here, a few milliseconds at a time,
// as each batch of results arrives: the pass finds them done. What is still queued when the
// workers finish is left to the pass, which decodes and walks on demand as before.
//
// Only where the facts are extracted in full (MapOptions.entryFacts with a web framework declared):
// there the pass reads every file's facts anyway.
import type { FileFacts } from './facts';
import { importSpecs } from '../entry/interp/routeReach';
import { dataSegmentsOf } from '../entry/interp/dataFiles';

/** How long one turn of the event loop works before a worker's message gets its turn. */
const SLICE_MS = 4;

export class EntryWarmup {
  private readonly queue: FileFacts[] = [];
  private next = 0;
  private scheduled = false;
  private stopped = false;

  add(facts: FileFacts): void {
    if (this.stopped) return;
    this.queue.push(facts);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.drain);
    }
  }

  /** The workers are done: what is left waits for the pass itself. */
  stop(): void {
    this.stopped = true;
    this.queue.length = 0;
    this.next = 0;
  }

  private readonly drain = (): void => {
    this.scheduled = false;
    if (this.stopped) return;
    const until = performance.now() + SLICE_MS;
    while (this.next < this.queue.length && performance.now() < until) warm(this.queue[this.next++]!);
    if (this.next < this.queue.length) {
      this.scheduled = true;
      setImmediate(this.drain);
    }
  };
}

function warm(facts: FileFacts): void {
  // The getter decodes the JSON once (mapCache.ts decodeFacts); the walks remember their answer per facts object.
  const entry = facts.entry;
  if (!entry?.facts) return;
  importSpecs(entry.facts);
  dataSegmentsOf(entry.facts);
}
