// Names what ran during each stall of the event loop, from a V8 CPU profile (Profiler.stop's
// result). Both clocks are the monotonic clock in microseconds (V8's TimeTicks and libuv's hrtime
// are CLOCK_MONOTONIC on Linux), so a stall's window selects the samples taken in it.

const MAX_SAMPLE_US = 2000;

export interface Profile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface StallReport {
  step: string;
  ms: number;
  /** Time the samples in the stall account for, in ms (the rest the sampler did not see). */
  sampledMs: number;
  /** Samples with the extension's own bundle anywhere on the stack, in ms. */
  oursMs: number;
  /** The heaviest frames by self time: `name (file:line)`, ms, and whether the extension's bundle is on their stacks. */
  top: { frame: string; ms: number; ours: boolean }[];
}

export function stallsWithFrames(stalls: { endUs: number; ms: number; step: string }[], profile: Profile, isOurs: (url: string) => boolean, tickMs = 10): StallReport[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const oursOnStack = new Map<number, boolean>();
  const ours = (id: number): boolean => {
    const known = oursOnStack.get(id);
    if (known !== undefined) return known;
    const n = byId.get(id)!;
    const p = parent.get(id);
    const v = isOurs(n.callFrame.url) || (p !== undefined && ours(p));
    oursOnStack.set(id, v);
    return v;
  };
  const times: number[] = [];
  let t = profile.startTime;
  for (const d of profile.timeDeltas) times.push((t += d));
  const frameName = (id: number) => {
    const f = byId.get(id)!.callFrame;
    // Built-in extensions are bundles too (`…/extensions/json-language-features/client/dist/…`):
    // keep the extension's folder so that a frame says whose it is.
    const ext = /\/extensions\/([^/]+)\//.exec(f.url)?.[1];
    const file = f.url ? `${ext && !isOurs(f.url) ? `${ext}:` : ''}${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}` : '';
    return `${f.functionName || '(anonymous)'}${file ? ` (${file})` : ''}`;
  };
  return stalls.map((s) => {
    const from = s.endUs - (s.ms + tickMs) * 1000;
    const self = new Map<string, { us: number; ours: boolean }>();
    let sampledUs = 0;
    let oursUs = 0;
    for (let i = 0; i < profile.samples.length; i++) {
      if (times[i] < from || times[i] > s.endUs) continue;
      // A sample stands for the time until the next one, but at most MAX_SAMPLE_US: under load the
      // sampler thread itself waits, and a gap after a sample is not that frame's time.
      const us = Math.min(profile.timeDeltas[i + 1] ?? profile.timeDeltas[i], MAX_SAMPLE_US, s.endUs - times[i]);
      const id = profile.samples[i];
      sampledUs += us;
      const mine = ours(id);
      if (mine) oursUs += us;
      const name = frameName(id);
      const e = self.get(name) ?? { us: 0, ours: false };
      e.us += us;
      e.ours ||= mine;
      self.set(name, e);
    }
    const top = [...self].sort((a, b) => b[1].us - a[1].us).slice(0, 8).map(([frame, e]) => ({ frame, ms: Math.round(e.us / 1000), ours: e.ours }));
    return { step: s.step, ms: Math.round(s.ms), sampledMs: Math.round(sampledUs / 1000), oursMs: Math.round(oursUs / 1000), top };
  });
}
