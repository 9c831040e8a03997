// The scoring half of the route evaluation: labels read from test/eval/labels/*.tsv matched with
// what `deepdive routes` and `deepdive flows` answered, and the figures of one service. Kept apart
// from evalRoutes.mjs (which runs the CLI) so that unit tests can score hand-made answers.
import * as fs from 'node:fs';

/** Labels: tab-separated rows, `#` comments (see test/eval/README.md). */
export function readLabels(file) {
  const rows = [];
  for (const [i, raw] of fs.readFileSync(file, 'utf8').split('\n').entries()) {
    if (!raw.trim() || raw.startsWith('#')) continue;
    const cols = raw.split('\t');
    if (cols.length < 6) throw new Error(`${file}:${i + 1}: expected 7 tab-separated columns, got ${cols.length}`);
    const [method, p, handler, place, state, evidence, firstHop = '-'] = cols.map((c) => c.trim());
    // A column header written without its `#` would otherwise count as one more route.
    if (!/^[A-Za-z]+$/.test(method) || method.toUpperCase() === 'METHOD') throw new Error(`${file}:${i + 1}: '${method}' is no HTTP method (a header row needs its '#')`);
    if (!(state in STATE)) throw new Error(`${file}:${i + 1}: state '${state}' is none of ${Object.keys(STATE).join(', ')}`);
    const at = place.lastIndexOf(':');
    rows.push({ method: method.toUpperCase(), path: p, handler, file: place.slice(0, at), line: Number(place.slice(at + 1)), state, evidence, firstHop, row: i + 1 });
  }
  return rows;
}

/** Paths compared as a reader would: parameter names and spellings, trailing slashes and wildcard forms do not matter. */
export function normPath(p) {
  let s = p.trim();
  // A pattern may hold a quantifier's braces (`{language:[a-z]{1,3}}`), as src/core/entry/routePath.ts reads it.
  s = s.replace(/\{([A-Za-z_][\w]*)(?::(?:[^{}]|\{[^{}]*\})*)?\}/g, ':$1').replace(/<(?:[\w]+:)?(\w+)>/g, ':$1');
  s = s.replace(/\/\{?\*\w*\}?$/, '/*').replace(/\/:\w+\*$/, '/*').replace(/\(\.\*\)$/, '*');
  s = s.replace(/:[A-Za-z_$][\w$]*(\([^)]*\))?\??/g, ':');
  s = s.replace(/\/+/g, '/');
  if (!s.startsWith('/')) s = '/' + s;
  if (s.length > 1) s = s.replace(/\/$/, '');
  return s;
}

function inScope(file, labelledFiles) {
  if (!labelledFiles) return true;
  return labelledFiles.some((p) => file === p || file.startsWith(p.endsWith('/') ? p : p + '/') || (p.endsWith('/') && file.startsWith(p)));
}

const STATE = { protected: 'guarded', open: 'unguarded', optional: 'optional' };

/**
 * The name a call step's callee is written with at the call site (`documentLoader` for
 * `import documentLoader from './documentLoader'` whose function is declared `loadDocument`):
 * labels name what the handler calls, the step's symbol is the declaration's own name.
 */
function calledAs(step) {
  const m = /^(?:new\s+)?(?:[\w$]+\.)*([\w$]+)$/.exec(step.callee ?? '');
  return m ? m[1] : undefined;
}

export function score(svc, labels, entries, flows) {
  const found = entries.filter((e) => e.kind === 'http' && inScope(e.file, svc.labelledFiles));
  const pathKey = (e) => (e.dynamic && !/\{/.test(e.path.replace(/\{[A-Za-z_]\w*\}/g, '')) ? normPath(e.path) : e.dynamic ? `re:${e.dynamic.expression}` : normPath(e.path));
  const labelKey = (l) => (l.path.startsWith('re:') ? l.path : normPath(l.path));
  const used = new Set();
  const matches = new Map();
  const passes = [
    (l, e) => e.file === l.file && e.line === l.line && e.method === l.method && pathKey(e) === labelKey(l),
    (l, e) => e.file === l.file && e.method === l.method && pathKey(e) === labelKey(l) && Math.abs(e.line - l.line) <= 15,
    (l, e) => e.method === l.method && pathKey(e) === labelKey(l) && !labels.some((o) => o !== l && o.method === l.method && labelKey(o) === labelKey(l)),
    (l, e) => e.file === l.file && e.line === l.line && e.method === l.method,
    (l, e) => e.file === l.file && e.line === l.line && (e.method === 'ANY' || l.method === 'ANY'),
  ];
  for (const pass of passes) {
    for (const l of labels) {
      if (matches.has(l)) continue;
      const i = found.findIndex((e, j) => !used.has(j) && pass(l, e));
      if (i >= 0) {
        used.add(i);
        matches.set(l, found[i]);
      }
    }
  }
  // One handler that every method reaches, labelled either way (test/eval/README.md): an `ANY` row
  // against the routes we give per method the handler branches on (same file, same path), or rows
  // per method against one `ANY` route of ours. The `ANY` row is right only when every branch is.
  const branches = new Map();
  const samePlace = (l, e) => e.file === l.file && pathKey(e) === labelKey(l);
  const others = (l) => labels.filter((o) => o !== l && o.file === l.file && labelKey(o) === labelKey(l));
  for (const l of labels) {
    if (matches.has(l)) continue;
    if (l.method === 'ANY') {
      if (others(l).length) continue;
      const js = found.map((_, j) => j).filter((j) => !used.has(j) && found[j].method !== 'ANY' && samePlace(l, found[j]));
      if (!js.length) continue;
      for (const j of js) used.add(j);
      matches.set(l, found[js[0]]);
      branches.set(l, js.slice(1).map((j) => found[j]));
    } else if (!others(l).some((o) => o.method === 'ANY')) {
      const j = found.findIndex((e) => e.method === 'ANY' && samePlace(l, e));
      if (j < 0) continue;
      used.add(j);
      matches.set(l, found[j]);
    }
  }
  const every = (l, e) => [e, ...(branches.get(l) ?? [])];
  // Two routes may share an id (Spring `params=` variants of one GET path, each its own handler):
  // a route's flow is the one whose title names its handler, not whichever came last.
  const flowsOf = new Map();
  for (const f of flows) flowsOf.set(f.entry, [...(flowsOf.get(f.entry) ?? []), f]);
  // The handler step (depth 0) sits where the route's handler is: that tells apart two inline
  // handlers of one id in different files, which have the same title.
  const at = (f, h) => h && f.steps.some((s) => s.depth === 0 && s.file === h.file && s.range?.start === h.range?.start);
  const flowOf = (e) => {
    const fs = flowsOf.get(e.id) ?? [];
    return fs.find((f) => at(f, e.handlerLocation)) ?? fs.find((f) => f.title === `${e.id} → ${e.handler}`) ?? fs[0];
  };
  const m = [...matches];
  const pathRight = m.filter(([l, e]) => pathKey(e) === labelKey(l));
  const stateRight = m.filter(([l, e]) => every(l, e).every((x) => STATE[l.state] === x.guardState));
  const protectedUnguarded = m.filter(([l, e]) => l.state === 'protected' && every(l, e).some((x) => x.guardState === 'unguarded'));
  const unknown = found.filter((e) => e.guardState === 'unknown');
  const hopLabelled = m.filter(([l]) => l.firstHop !== '-' && l.firstHop !== 'none');
  const hopWrong = [];
  for (const [l, e] of hopLabelled) {
    const steps = (flowOf(e)?.steps ?? []).filter((s) => s.depth === 1);
    const want = l.firstHop.split('|').map((s) => s.trim());
    const ok = want.includes('store') ? steps.some((s) => s.kind === 'store') || steps.some((s) => s.kind === 'call' && want.some((w) => s.symbol === w || s.symbol.endsWith('.' + w))) : steps.some((s) => s.kind === 'call' && want.some((w) => s.symbol === w || s.symbol.endsWith('.' + w) || s.symbol.split('.').pop() === w.split('.').pop() || calledAs(s) === w.split('.').pop()));
    if (!ok) hopWrong.push({ route: `${l.method} ${l.path}`, want: l.firstHop, got: steps.map((s) => (s.kind === 'call' ? s.symbol : `${s.kind}:${s.callee}`)).slice(0, 6) });
  }
  const pct = (a, b) => (b ? (100 * a) / b : NaN);
  return {
    service: svc.name,
    labelled: labels.length,
    found: found.length,
    matched: m.length,
    recall: pct(m.length, labels.length),
    precision: pct(used.size, found.length),
    pathRight: pct(pathRight.length, m.length),
    stateRight: pct(stateRight.length, m.length),
    protectedUnguarded: protectedUnguarded.length,
    unknownShare: pct(unknown.length, found.length),
    hopRight: pct(hopLabelled.length - hopWrong.length, hopLabelled.length),
    hopLabelled: hopLabelled.length,
    counts: { pathRight: pathRight.length, stateRight: stateRight.length, unknown: unknown.length, hopRight: hopLabelled.length - hopWrong.length },
    details: {
      missed: labels.filter((l) => !matches.has(l)).map((l) => `${l.method} ${l.path}  ${l.file}:${l.line}`),
      extra: found.filter((_, j) => !used.has(j)).map((e) => `${e.id}  ${e.file}:${e.line}`),
      wrongPath: m.filter(([l, e]) => pathKey(e) !== labelKey(l)).map(([l, e]) => `${l.method} ${l.path}  got ${e.path}${e.dynamic ? ` (dynamic ${e.dynamic.expression})` : ''}  ${l.file}:${l.line}`),
      wrongState: m.filter(([l, e]) => !every(l, e).every((x) => STATE[l.state] === x.guardState)).map(([l, e]) => `${l.method} ${l.path}  label ${l.state}, got ${every(l, e).map((x) => `${x.method === l.method ? '' : `${x.method} `}${x.guardState}: ${x.guardReason ?? ''}`).join('; ')}  ${l.file}:${l.line}`),
      protectedUnguarded: protectedUnguarded.map(([l, e]) => { const x = every(l, e).find((y) => y.guardState === 'unguarded'); return `${l.method} ${l.path}  ${x.file}:${x.line}: ${x.guardReason ?? ''}`; }),
      hopWrong,
    },
  };
}
