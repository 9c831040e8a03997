// Polling for the integration tests: the extension host answers in its own time, and a test waits
// for the state it means instead of sleeping (bounded; no timing is asserted).

/** Polls until `check` returns a truthy value; fails naming what it waited for and the last error. */
export async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, ms = 120_000): Promise<T> {
  const until = Date.now() + ms;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const v = await check();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
