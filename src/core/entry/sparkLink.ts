// Linking Spark Java routes (sparkRoutes.ts) once every file is read:
// - a path written on a method's parameter (`register(String apiPrefix) { get(apiPrefix + "x", …) }`) takes the
//   string each call site gives (`ProjectController.register(API_PREFIX)`), one route per site; with no site
//   read, the route stays `dynamic` (the parameter's name);
// - every before filter applies to the Spark routes its pattern matches (`*` any tail, `:name` one segment).
//   One that halts with 401/403, itself or through a method of ours it calls (three calls down, across files),
//   guards them; one that lets OPTIONS requests through first leaves the CORS preflight routes open; one that
//   calls a method named for authentication whose code is not found leaves them unknown, never open;
// - a handler (a method reference, or an inline lambda's calls) that reaches such a refusal itself — a
//   permission check of ours, `checkFeedSourcePermissions(…)` halting 403 — is guarded by that check.
import type { FileDecls, GuardCandidate, RouteDecl } from './types';
import type { SparkCall, SparkFileFacts, SparkFilter, SparkMethod } from './sparkRoutes';

type Facts = Omit<SparkFileFacts, 'routes'>;

/** Whether a Spark filter pattern matches a route path (both as written: `:id` segments, `*` tails). */
export function sparkPatternMatches(pattern: string, path: string): boolean {
  if (pattern === '*' || pattern === '/*') return true;
  const re = pattern
    .split('/')
    .map((seg) => (seg === '*' ? '.*' : seg.startsWith(':') ? '[^/]+' : seg.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')))
    .join('/');
  // `/secure/*` also matches `/secure` itself (Spark's splat may be empty).
  return new RegExp(`^${re}$`).test(path) || (pattern.endsWith('/*') && path === pattern.slice(0, -2));
}

export function resolveSpark(decls: FileDecls[], facts: Facts[]): void {
  const methods = new Map<string, SparkMethod[]>();
  const byName = new Map<string, SparkMethod[]>();
  for (const f of facts) {
    for (const m of f.methods) {
      const key = `${m.cls}.${m.name}`;
      methods.set(key, [...(methods.get(key) ?? []), m]);
      byName.set(m.name, [...(byName.get(m.name) ?? []), m]);
    }
  }
  const sites = facts.flatMap((f) => f.sites);
  const prefixes = (p: NonNullable<NonNullable<RouteDecl['spark']>['param']>): string[] | undefined => {
    const got = sites.filter((s) => s.cls === p.cls && s.method === p.method).map((s) => s.args[p.index]);
    if (!got.length || got.some((g) => g === undefined)) return undefined;
    return [...new Set(got as string[])];
  };
  const find = (c: SparkCall): SparkMethod[] => methods.get(`${c.cls ?? ''}.${c.name}`) ?? (c.cls && /^[A-Z]/.test(c.cls) && !methods.has(`${c.cls}.${c.name}`) ? [] : (byName.get(c.name)?.length === 1 ? byName.get(c.name)! : []));
  /** The refusal a call reaches, as a chain of names, three calls down. */
  const refusal = (c: SparkCall, depth: number, seen: Set<string>): { chain: string[]; at: SparkMethod } | undefined => {
    for (const m of find(c)) {
      const key = `${m.cls}.${m.name}`;
      // Overloads share a name: each is walked once.
      if (seen.has(`${key}:${m.line}`)) continue;
      seen.add(`${key}:${m.line}`);
      if (m.refuses) return { chain: [key], at: m };
      if (depth <= 0) continue;
      for (const n of m.calls) {
        const r = refusal(n.cls ? n : { ...n, cls: m.cls }, depth - 1, seen);
        if (r) return { chain: [key, ...r.chain], at: r.at };
      }
    }
    return undefined;
  };
  const filters: { f: SparkFilter; patterns: string[] | undefined }[] = facts.flatMap((x) =>
    x.filters.map((f) => ({ f, patterns: f.where.path !== undefined ? [f.where.path] : f.where.param ? prefixes(f.where.param)?.map((p) => p + f.where.param!.rest) : undefined })),
  );
  for (const d of decls) {
    if (!d.routes.some((r) => r.spark)) continue;
    const out: RouteDecl[] = [];
    for (const r of d.routes) {
      if (!r.spark?.param) {
        out.push(r);
        continue;
      }
      const p = r.spark.param;
      const got = prefixes(p);
      if (!got) out.push({ ...r, path: p.rest, dynamic: `${p.method}(…) parameter ${p.index + 1} + "${p.rest}"` });
      else for (const pre of got) out.push({ ...r, path: (pre + p.rest).replace(/\/{2,}/g, '/'), guards: [...r.guards] });
    }
    for (const r of out) {
      if (r.framework !== 'spark') continue;
      if (r.dynamic === undefined) judge(r);
      else judgeDynamic(r);
    }
    d.routes = out;
  }

  /** A path not read: a refusing filter on every path guards it; one on some paths only may or may not apply. */
  function judgeDynamic(r: RouteDecl): void {
    for (const { f, patterns } of filters) {
      if (!f.refuses && !f.calls.some((c) => refusal(c, 3, new Set()))) continue;
      const where = `${f.file}:${f.line}`;
      if (patterns?.some((p) => p === '*' || p === '/*')) {
        r.guards.push({ text: f.text, line: f.line, via: 'app', guard: { name: f.text, kind: 'authentication', reason: `Spark before filter (${where}) on every path: its code halts with 401/403 before the route's handler`, file: f.file, line: f.line } });
        return;
      }
      r.doubt ??= `Spark filter ${f.text} (${where}) refuses on ${patterns?.join(', ') ?? 'paths not read here'}; this route's path is not read here`;
    }
  }

  function judge(r: RouteDecl): void {
    const note = (n: string) => (r.openNote = r.openNote ? `${r.openNote}; ${n}` : n);
    for (const { f, patterns } of filters) {
      const where = `${f.file}:${f.line}`;
      if (!patterns) {
        if (f.refuses || f.calls.some((c) => refusal(c, 3, new Set()))) r.doubt ??= `Spark filter ${f.text} (${where}): its path is not read here`;
        continue;
      }
      if (!patterns.some((p) => sparkPatternMatches(p, r.path))) continue;
      const via = f.refuses ? undefined : f.calls.map((c) => refusal(c, 3, new Set())).find(Boolean);
      if (!f.refuses && !via) {
        const unseen = f.calls.find((c) => /auth|login|token|permission|credential|secur|verify|checkuser/i.test(c.name) && !find(c).length);
        if (unseen) r.doubt ??= `Spark filter ${f.text} (${where}) calls ${unseen.cls ? `${unseen.cls}.` : ''}${unseen.name}, whose code is not read here`;
        continue;
      }
      if (f.optionsThrough && r.method === 'OPTIONS') {
        note(`Spark filter ${f.text} (${where}) lets OPTIONS requests through before its check`);
        continue;
      }
      const how = via ? `${via.chain.join(' → ')} halts (${via.at.file}:${via.at.line}: ${via.at.refuses})` : 'its code halts with 401/403';
      const g: GuardCandidate = {
        text: f.text,
        line: f.line,
        via: 'app',
        guard: { name: f.text, kind: 'authentication', reason: `Spark before filter (${where}) on ${patterns.join(', ')}: ${how} before the route's handler`, file: f.file, line: f.line },
      };
      r.guards.push(g);
    }
    if (r.guards.length) return;
    const calls: SparkCall[] = r.spark?.inline ?? (r.handlerSymbol ? [{ cls: r.handlerSymbol.split('.')[0], name: r.handlerSymbol.split('.').slice(1).join('.') }] : []);
    for (const c of calls) {
      const via = refusal(c, 3, new Set());
      if (!via) continue;
      r.guards.push({
        text: `check in ${r.handler}`,
        line: via.at.line,
        via: 'handler',
        guard: { name: `check in ${r.handler}`, kind: 'authorization', reason: `check in the handler: ${via.chain.join(' → ')} halts (${via.at.file}:${via.at.line}: ${via.at.refuses})`, file: via.at.file, line: via.at.line },
      });
      return;
    }
  }
}
