// One benchmark phase in a fresh process, so peak memory and CPU time belong to it alone.
// usage: node bench/runMap.mjs <root> <cold|warm|update|floor> <cacheDir> [workers]
// floor: tree-sitter alone on one thread (parse, then the map's query), no hashing, resolution or
// output — the least any tree-sitter map of these files can cost in CPU.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const [rootArg, mode, cacheDir, workersArg] = process.argv.slice(2);
const root = path.resolve(rootArg);
const out = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'out', 'src', 'core', 'map');
const { buildMap } = await import(pathToFileURL(path.join(out, 'buildMap.js')).href);
const { MapSession } = await import(pathToFileURL(path.join(out, 'mapSession.js')).href);
const workers = workersArg !== undefined ? Number(workersArg) : undefined;

function usage() {
  const r = process.resourceUsage();
  return { cpuMs: Math.round((r.userCPUTime + r.systemCPUTime) / 1000), maxRssMb: Math.round(r.maxRSS / 1024) };
}

(async () => {
  const opts = { root, cacheDir, ...(workers !== undefined ? { workers } : {}) };
  if (mode === 'cold' || mode === 'warm') {
    if (mode === 'cold') fs.rmSync(cacheDir, { recursive: true, force: true });
    const t = performance.now();
    const map = await buildMap(opts);
    const ms = performance.now() - t;
    const relative = { total: 0, resolved: 0 };
    const unresolved = [];
    for (const f of map.files) {
      for (const i of f.importDetails) {
        const inRepo = i.specifier.startsWith('.') || i.kind !== 'external';
        if (!inRepo) continue;
        relative.total++;
        if (i.kind === 'resolved') relative.resolved++;
        else if (unresolved.length < 20) unresolved.push(`${f.path}:${i.line} ${i.specifier}`);
      }
    }
    process.stdout.write(JSON.stringify({ mode, ms: Math.round(ms), files: map.files.length, lines: map.stats.lines, filesParsed: map.stats.filesParsed, filesCached: map.stats.filesCached, imports: map.imports, relative, unresolved, skipped: map.skipped, modules: map.modules.length, ...usage() }) + '\n');
  } else if (mode === 'floor') {
    const { walk, contentSkipReason } = await import(pathToFileURL(path.join(out, '..', 'walk', 'walker.js')).href);
    const { languageKit } = await import(pathToFileURL(path.join(out, 'extractFile.js')).href);
    let parseMs = 0;
    let queryMs = 0;
    let bytes = 0;
    const seen = new Set();
    for (const f of walk({ root }).files) {
      const text = fs.readFileSync(f.abs, 'utf8');
      // The same files the map parses: content skips out, identical copies once.
      if (contentSkipReason(text) || seen.has(f.language + text)) continue;
      seen.add(f.language + text);
      const kit = await languageKit(f.language);
      let t = performance.now();
      const tree = kit.parser.parse(text);
      parseMs += performance.now() - t;
      t = performance.now();
      kit.query.matches(tree.rootNode);
      queryMs += performance.now() - t;
      tree.delete();
      bytes += Buffer.byteLength(text);
    }
    process.stdout.write(JSON.stringify({ mode, parseMs: Math.round(parseMs), queryMs: Math.round(queryMs), mb: Math.round(bytes / 1e5) / 10 }) + '\n');
  } else if (mode === 'update') {
    const session = new MapSession(opts);
    const first = await session.build();
    // The editor's case: one saved file, a realistic size (the median file of the corpus).
    const sorted = [...first.files].sort((a, b) => a.lines - b.lines);
    const target = sorted[Math.floor(sorted.length / 2)].path;
    const abs = path.join(root, target);
    const original = fs.readFileSync(abs, 'utf8');
    const times = [];
    const cpu = [];
    try {
      for (let i = 0; i < 11; i++) {
        fs.writeFileSync(abs, `${original}\nexport function benchAdded${i}() { return ${i}; }\n`);
        const t = performance.now();
        const c = process.cpuUsage();
        const map = await session.update([abs]);
        times.push(performance.now() - t);
        const used = process.cpuUsage(c);
        cpu.push((used.user + used.system) / 1000);
        if (map.stats.filesParsed !== 1) throw new Error(`update did not re-parse ${target}: ${JSON.stringify(map.stats)}`);
      }
    } finally {
      fs.writeFileSync(abs, original);
    }
    await session.update([abs]);
    session.dispose();
    const median = (xs) => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] * 10) / 10;
    process.stdout.write(JSON.stringify({ mode, file: target, ms: median(times), updateCpuMs: median(cpu), all: times.map((t) => Math.round(t * 10) / 10), ...usage() }) + '\n');
  }
})().catch((err) => {
  process.stderr.write(String(err && err.stack ? err.stack : err) + '\n');
  process.exit(1);
});
