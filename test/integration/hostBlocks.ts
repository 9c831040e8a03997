// Names what blocks the extension host's thread: a V8 CPU profile of this very thread (the
// inspector's in-process Session) while a timer notes every stretch in which the event loop did
// not come round; each long stretch is then described by the functions the profile caught in it.
// The responsiveness test prints these, so a failing bound says what to fix, not only by how much.
import * as fs from 'node:fs';
import * as inspector from 'node:inspector';
import * as path from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
}

export interface Block {
  /** When the loop stalled, in ms after recording began. */
  at: number;
  ms: number;
  /** What the step the test was in at the time was called. */
  step: string;
  /** The heaviest frames in the block: "name file:line NN ms" (inclusive time). */
  frames: string[];
}

const now = () => Number(process.hrtime.bigint() / 1000n); // µs, the clock V8's profile uses

export class HostBlocks {
  private readonly session = new inspector.Session();
  private readonly gaps: { from: number; to: number; step: string }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private step = 'start';
  private origin = 0;

  constructor(private readonly thresholdMs = 40) {}

  async start(): Promise<void> {
    this.session.connect();
    await this.post('Profiler.enable');
    await this.post('Profiler.setSamplingInterval', { interval: 500 });
    await this.post('Profiler.start');
    this.origin = now();
    let last = now();
    this.timer = setInterval(() => {
      const t = now();
      if (t - last > this.thresholdMs * 1000) this.gaps.push({ from: last, to: t, step: this.step });
      last = t;
    }, 5);
  }

  /** Names the step in progress, for the blocks found from now on. */
  at(step: string): void {
    this.step = step;
  }

  /** Stops recording; the longest blocks first, each with the frames it spent its time in. */
  async stop(saveTo?: string): Promise<Block[]> {
    clearInterval(this.timer);
    const { profile } = (await this.post('Profiler.stop')) as { profile: Profile };
    this.session.disconnect();
    if (saveTo) {
      fs.mkdirSync(path.dirname(saveTo), { recursive: true });
      fs.writeFileSync(saveTo, JSON.stringify({ profile, gaps: this.gaps }));
    }
    return describe(profile, this.gaps, this.origin);
  }

  private post(method: string, params?: object): Promise<unknown> {
    return new Promise((resolve, reject) => this.session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res))));
  }
}

function describe(profile: Profile, gaps: { from: number; to: number; step: string }[], origin: number): Block[] {
  const parent = new Map<number, number>();
  const byId = new Map<number, ProfileNode>();
  for (const n of profile.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  // Sample i was taken at startTime + sum of timeDeltas[0..i].
  const times: number[] = [];
  let t = profile.startTime;
  for (const d of profile.timeDeltas) times.push((t += d));
  const blocks: Block[] = [];
  for (const gap of gaps) {
    const inclusive = new Map<string, number>();
    for (let i = 0; i < profile.samples.length; i++) {
      if (times[i] < gap.from || times[i] > gap.to) continue;
      const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      const seen = new Set<string>();
      for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) {
        const f = byId.get(id)!.callFrame;
        // Node's own plumbing (timers, promise ticks) is in every stack and names nothing.
        if (f.functionName === '(root)' || f.url.startsWith('node:') || (!f.url && !f.functionName.startsWith('('))) continue;
        const key = `${f.functionName || '(anonymous)'} ${path.basename(f.url)}:${f.lineNumber + 1}`;
        if (seen.has(key)) continue;
        seen.add(key);
        inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
      }
    }
    const frames = [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 14).map(([k, ms]) => `${k} ${ms.toFixed(0)} ms`);
    blocks.push({ at: (gap.from - origin) / 1000, ms: (gap.to - gap.from) / 1000, step: gap.step, frames });
  }
  return blocks.sort((a, b) => b.ms - a.ms);
}
