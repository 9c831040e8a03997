/**
 * Turns for a long loop on the main thread, so that it shares the thread with waiting I/O. A
 * cold `history` walks, reads and parses while git writes its log into a pipe of 64 KiB: a loop
 * that never gives the thread back leaves the pipe full, and git stops until it is read.
 *
 *   const turn = timeSlices();
 *   for (const x of xs) { const pause = turn(); if (pause) await pause; … }
 *
 * `turn()` is a promise once the loop has held the thread for `ms` (its resolution lets pending
 * I/O callbacks run first), else undefined, so a short loop pays no await per round.
 */
export function timeSlices(ms = 10): () => Promise<void> | undefined {
  let since = performance.now();
  return () => {
    if (performance.now() - since <= ms) return undefined;
    return new Promise((resolve) =>
      setImmediate(() => {
        since = performance.now();
        resolve();
      }),
    );
  };
}
