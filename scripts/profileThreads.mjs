// Where one process's wall time went, thread by thread, from the CPU profiles Node writes with
// `--cpu-prof` (one file per thread: the main thread and each of the map's parse workers).
// A cold `deepdive routes` is mostly the workers' pass followed by the main thread alone (the
// interpreter, with the other cores idle); a profile of one thread does not show that split.
//
//   rm -rf DIR/.deepdive/cache && node --cpu-prof --cpu-prof-dir=/tmp/prof dist/cli.js routes --root DIR
//   node scripts/profileThreads.mjs /tmp/prof [--bucket MS] [--top N] [--timeline]
//
// Per process (profiles are grouped by the pid in their file names) and thread: when it started
// and ended, its busy, idle and GC time, and a strip of how busy it was in each bucket (0–9).
// `--top N`: the main thread's functions by inclusive time. `--timeline`: for each bucket of the
// main thread, the stack (below the root, six frames) that took most of it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { bucket: { type: 'string' }, top: { type: 'string' }, timeline: { type: 'boolean' } } });
if (positionals.length !== 1) {
  console.error('usage: node scripts/profileThreads.mjs DIR [--bucket MS] [--top N] [--timeline]');
  process.exit(2);
}
const dir = positionals[0];
const bucketUs = Number(values.bucket ?? 250) * 1000;
const top = Number(values.top ?? 25);

// CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile
const byPid = new Map();
for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.cpuprofile')).sort()) {
  const m = /^CPU\.\d+\.\d+\.(\d+)\.(\d+)\.\d+\.cpuprofile$/.exec(name);
  if (!m) continue;
  if (!byPid.has(m[1])) byPid.set(m[1], []);
  byPid.get(m[1]).push({ thread: Number(m[2]), file: path.join(dir, name) });
}

const ms = (us) => `${(us / 1000).toFixed(0)} ms`;

/** Samples as [time since t0, node id, duration] and the tree's lookups. */
function load(file) {
  const p = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const samples = [];
  let t = p.startTime;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i];
    samples.push([t, p.samples[i], p.timeDeltas[i + 1] ?? 0]);
  }
  return { p, byId, parent, samples };
}

const fnName = (n) => n.callFrame.functionName;
const frame = (n) => `${fnName(n) || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;

for (const [pid, threads] of byPid) {
  const loaded = threads.sort((a, b) => a.thread - b.thread).map((t) => ({ ...t, ...load(t.file) }));
  const t0 = Math.min(...loaded.map((t) => t.p.startTime));
  console.log(`process ${pid}: ${loaded.length} thread(s), ${ms(Math.max(...loaded.map((t) => t.p.endTime)) - t0)} from the first profile's start`);
  for (const [i, t] of loaded.entries()) {
    let idle = 0;
    let gc = 0;
    let total = 0;
    const busy = [];
    for (const [when, id, d] of t.samples) {
      const n = t.byId.get(id);
      total += d;
      if (fnName(n) === '(idle)') idle += d;
      else {
        if (fnName(n) === '(garbage collector)') gc += d;
        const b = Math.floor((when - t0) / bucketUs);
        busy[b] = (busy[b] ?? 0) + d;
      }
    }
    const strip = Array.from({ length: busy.length }, (_, b) => Math.min(9, Math.round(((busy[b] ?? 0) / bucketUs) * 9))).join('');
    console.log(`  ${i === 0 ? 'main  ' : `thread ${t.thread}`}  ${ms(t.p.startTime - t0)} → ${ms(t.p.endTime - t0)}: busy ${ms(total - idle)} (GC ${ms(gc)}), idle ${ms(idle)}`);
    console.log(`    ${strip}`);
  }
  const main = loaded[0];
  if (top > 0) {
    const incl = new Map();
    for (const [, id, d] of main.samples) {
      const seen = new Set();
      for (let c = id; c !== undefined; c = main.parent.get(c)) {
        const k = frame(main.byId.get(c));
        if (seen.has(k)) continue;
        seen.add(k);
        incl.set(k, (incl.get(k) ?? 0) + d);
      }
    }
    console.log(`  main thread, inclusive:`);
    for (const [k, d] of [...incl].filter(([k]) => !k.startsWith('(root)') && !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`    ${ms(d).padStart(9)}  ${k}`);
  }
  if (values.timeline) {
    const buckets = new Map();
    for (const [when, id, d] of main.samples) {
      if (fnName(main.byId.get(id)) === '(idle)') continue;
      const chain = [];
      for (let c = id; c !== undefined; c = main.parent.get(c)) chain.push(fnName(main.byId.get(c)) || '(anonymous)');
      const label = chain.reverse().slice(1, 7).join('>');
      const b = Math.floor((when - t0) / bucketUs);
      if (!buckets.has(b)) buckets.set(b, new Map());
      buckets.get(b).set(label, (buckets.get(b).get(label) ?? 0) + d);
    }
    console.log(`  main thread, by ${ms(bucketUs)} (busy share, stack that took most):`);
    for (const [b, labels] of [...buckets].sort((x, y) => x[0] - y[0])) {
      const sum = [...labels.values()].reduce((s, d) => s + d, 0);
      const [label] = [...labels].sort((x, y) => y[1] - x[1])[0];
      console.log(`    ${ms(b * bucketUs).padStart(9)}  ${String(Math.round((sum / bucketUs) * 100)).padStart(3)}%  ${label}`);
    }
  }
}
