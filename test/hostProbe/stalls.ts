// Names what ran during each stall of the event loop, from a V8 CPU profile (Profiler.stop's
// result). Both clocks are the monotonic clock in microseconds (V8's TimeTicks and libuv's hrtime
// are CLOCK_MONOTONIC on Linux), so a stall's window selects the samples taken in it.

const MAX_SAMPLE_US = 2000;

export interface Profile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number }; children?: number[] }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Whose code a sample was: the extension's, one built-in extension's, VS Code's own, or the runtime's. */
export const DEEP_DIVE = 'Deep Dive';

export interface StallReport {
  step: string;
  ms: number;
  /**
   * CPU time the host's thread ran during the stall (Linux, 10 ms ticks): far below `ms`, the
   * thread was waiting for a core (the machine's other processes), whoever's code was on it.
   */
  cpuMs?: number;
  /** Time the samples in the stall account for, in ms (the rest the sampler did not see). */
  sampledMs: number;
  /** Samples with the extension's own bundle anywhere on the stack, in ms. */
  oursMs: number;
  /** The heaviest frames by self time: `name (file:line)`, ms, and whether the extension's bundle is on their stacks. */
  top: { frame: string; ms: number; ours: boolean }[];
  /**
   * The sampled time by whose stack it was, heaviest first (see ownerOfStack): `Deep Dive`,
   * `extension:<folder>` for another extension, `VS Code` for the host's own code, `GC`,
   * `V8` (compiling, the runtime), `idle`.
   */
  owners: { owner: string; ms: number }[];
  /** The owner with the most sampled time, `none` when the sampler saw nothing. */
  owner: string;
  /** Where Deep Dive's samples were: its innermost frame (mapped to the source when a map is given) and the frame that ran. */
  oursAt: { frame: string; leaf: string; ms: number }[];
}

/** The folder of a built-in extension's file (`…/extensions/json-language-features/client/dist/…`), not VS Code's own `vs/…/extensions/`. */
function extensionOf(url: string): string | undefined {
  return /\/vs\//.test(url) ? undefined : /\/extensions\/([^/]+)\//.exec(url)?.[1];
}

/**
 * Whose a stack is, from the leaf to the root: Deep Dive's when its bundle is anywhere on it
 * (VS Code's code that our call runs synchronously is our cost); else the innermost other
 * extension's (an extension calling into VS Code's API is that extension's cost); else VS Code's
 * when its own code is on it; else the runtime's, by the leaf (GC, V8's compiler, idle).
 */
function ownerOfStack(frames: { url: string; functionName: string }[], isOurs: (url: string) => boolean): string {
  if (frames.some((f) => isOurs(f.url))) return DEEP_DIVE;
  for (const f of frames) {
    const ext = extensionOf(f.url);
    if (ext) return `extension:${ext}`;
  }
  if (frames.some((f) => /\/vs\/|vscode/.test(f.url))) return 'VS Code';
  const leaf = frames[0]?.functionName ?? '';
  if (leaf === '(garbage collector)') return 'GC';
  if (leaf === '(idle)') return 'idle';
  if (leaf === '(program)' || leaf === '(root)' || !frames.some((f) => f.url)) return 'V8';
  return 'Node';
}

export function stallsWithFrames(
  stalls: { endUs: number; ms: number; step: string; cpuMs?: number }[],
  profile: Profile,
  isOurs: (url: string) => boolean,
  tickMs = 10,
  /** The original place of a frame of the extension's bundle (`src/…/file.ts:line`), from its source map. */
  sourceOf: (url: string, line: number, column: number) => string | undefined = () => undefined,
): StallReport[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stackOf = (id: number) => {
    const frames: Profile['nodes'][number]['callFrame'][] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) frames.push(byId.get(at)!.callFrame);
    return frames;
  };
  const ownerMemo = new Map<number, string>();
  const owner = (id: number): string => {
    let o = ownerMemo.get(id);
    if (o === undefined) ownerMemo.set(id, (o = ownerOfStack(stackOf(id), isOurs)));
    return o;
  };
  const times: number[] = [];
  let t = profile.startTime;
  for (const d of profile.timeDeltas) times.push((t += d));
  const frameName = (f: Profile['nodes'][number]['callFrame']) => {
    // Built-in extensions are bundles too (`…/extensions/json-language-features/client/dist/…`):
    // keep the extension's folder so that a frame says whose it is.
    const ext = extensionOf(f.url);
    const file = f.url ? `${ext && !isOurs(f.url) ? `${ext}:` : ''}${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}` : '';
    return `${f.functionName || '(anonymous)'}${file ? ` (${file})` : ''}`;
  };
  // Deep Dive's innermost frame on a stack, named by its source when the map knows it.
  const oursAtMemo = new Map<number, string>();
  const oursAt = (id: number): string => {
    let at = oursAtMemo.get(id);
    if (at === undefined) {
      const f = stackOf(id).find((c) => isOurs(c.url))!;
      const src = sourceOf(f.url, f.lineNumber, f.columnNumber ?? 0);
      oursAtMemo.set(id, (at = src ? `${f.functionName || '(anonymous)'} (${src})` : frameName(f)));
    }
    return at;
  };
  const add = <V>(m: Map<string, V>, k: string, v: V, plus: (a: V, b: V) => V) => m.set(k, m.has(k) ? plus(m.get(k)!, v) : v);
  return stalls.map((s) => {
    const from = s.endUs - (s.ms + tickMs) * 1000;
    const self = new Map<string, { us: number; ours: boolean }>();
    const owners = new Map<string, number>();
    const ourPlaces = new Map<string, { leaf: string; us: number }>();
    let sampledUs = 0;
    let oursUs = 0;
    for (let i = 0; i < profile.samples.length; i++) {
      if (times[i] < from || times[i] > s.endUs) continue;
      // A sample stands for the time until the next one, but at most MAX_SAMPLE_US: under load the
      // sampler thread itself waits, and a gap after a sample is not that frame's time.
      const us = Math.min(profile.timeDeltas[i + 1] ?? profile.timeDeltas[i], MAX_SAMPLE_US, s.endUs - times[i]);
      const id = profile.samples[i];
      sampledUs += us;
      const who = owner(id);
      add(owners, who, us, (a, b) => a + b);
      const mine = who === DEEP_DIVE;
      const name = frameName(byId.get(id)!.callFrame);
      if (mine) {
        oursUs += us;
        const at = oursAt(id);
        // The leaf that ran, when it is not our frame itself (`statSync` under `reloadDive`).
        const leaf = isOurs(byId.get(id)!.callFrame.url) ? '' : name;
        add(ourPlaces, `${at}\u0000${leaf}`, { leaf, us }, (a, b) => ({ leaf: a.leaf, us: a.us + b.us }));
      }
      add(self, name, { us, ours: mine }, (a, b) => ({ us: a.us + b.us, ours: a.ours || b.ours }));
    }
    const ms = (us: number) => Math.round(us / 1000);
    const top = [...self].sort((a, b) => b[1].us - a[1].us).slice(0, 8).map(([frame, e]) => ({ frame, ms: ms(e.us), ours: e.ours }));
    const byOwner = [...owners].sort((a, b) => b[1] - a[1]).map(([o, us]) => ({ owner: o, ms: ms(us) }));
    const places = [...ourPlaces].sort((a, b) => b[1].us - a[1].us).slice(0, 4).map(([k, p]) => ({ frame: k.split('\u0000')[0], leaf: p.leaf, ms: ms(p.us) }));
    return { step: s.step, ms: Math.round(s.ms), ...(s.cpuMs !== undefined ? { cpuMs: Math.round(s.cpuMs) } : {}), sampledMs: ms(sampledUs), oursMs: ms(oursUs), top, owners: byOwner, owner: byOwner[0]?.owner ?? 'none', oursAt: places };
  });
}
