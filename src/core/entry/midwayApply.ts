// Midway.js, once every file is read (midwayRoutes.ts reads each): the route's path under the
// framework's globalPrefix, and who may call it, by the service's own code:
// - a middleware class named in the controller's or route's `middleware` option refuses when its
//   resolve() answers 401/403; one whose code was not found is judged by its name, and else a doubt;
// - `@UseGuard(X)`: Midway answers 403 when the guard's canActivate says no (a guard by contract);
// - a custom method decorator of the service's own refuses when its implementation does (401/403);
//   one imported from the service's files but not found is a doubt;
// - an app-wide `useGuard(...)`, or a refusing middleware class no route names (it may be the one
//   `useMiddleware` applies everywhere), leaves every route it could stand before in doubt: unknown,
//   never unguarded.
import type { EntryPoint, Guard } from './types';
import type { MidwayDef, MidwayFacts } from './midwayRoutes';
import { rcJoin } from './routingControllers';
import { classifyGuardText, isPublic } from './guards';

export function mergeMidwayFacts(into: MidwayFacts, from: MidwayFacts): void {
  into.actions.push(...from.actions);
  into.middlewares.push(...from.middlewares);
  into.decorators.push(...from.decorators);
  into.globalUses.push(...from.globalUses);
  if (from.globalPrefix) into.globalPrefix = from.globalPrefix;
}

function refusing(d: MidwayDef, name: string, via: string, file: string, line: number): Guard {
  const r = d.refusal!;
  return { name, kind: r.how === '403' ? 'authorization' : 'authentication', reason: `${name} ${via}: its code (${d.file}:${d.line}) refuses: ${r.text}`, file, line, evidence: { how: r.how, text: r.text, file: d.file, line: r.line } };
}

export function applyMidwayFacts(entries: EntryPoint[], facts: MidwayFacts): void {
  if (!facts.actions.length) return;
  const actionAt = new Map(facts.actions.map((a) => [`${a.file}:${a.line}`, a]));
  const byName = (defs: MidwayDef[]): Map<string, MidwayDef[]> => {
    const m = new Map<string, MidwayDef[]>();
    for (const d of defs) m.set(d.name, [...(m.get(d.name) ?? []), d]);
    return m;
  };
  const middlewares = byName(facts.middlewares);
  const decorators = byName(facts.decorators);
  const named = new Set(facts.actions.flatMap((a) => a.middleware.map((m) => m.text)));
  // Applied app-wide (useMiddleware, v2's config.middleware by name) or not: not followed, so an
  // auth-looking one that no route names stands before every route.
  const authLike = (m: MidwayDef): boolean => !!m.refusal || !!m.readsCredentials || (classifyGuardText(m.name)?.kind ?? 'other') !== 'other';
  const globalDoubt = facts.globalUses.find((u) => u.kind === 'guard') ?? facts.middlewares.find((m) => authLike(m) && !named.has(m.name));
  for (const e of entries) {
    if (e.framework !== 'midway') continue;
    const a = actionAt.get(`${e.file}:${e.line}`);
    if (!a) continue;
    const gp = facts.globalPrefix;
    if (gp && !a.ignoreGlobalPrefix) {
      e.path = rcJoin(gp.prefix, e.path);
      e.id = `${e.method} ${e.path}`;
      if (e.dynamic) e.dynamic = { expression: e.path };
    }
    const doubts: string[] = [];
    for (const mw of a.middleware) {
      const defs = middlewares.get(mw.text) ?? [];
      if (defs.length === 1) {
        if (defs[0]!.refusal) e.guards.push(refusing(defs[0]!, mw.text, `in the middleware option of ${mw.where}`, a.file, mw.line));
        continue;
      }
      const c = classifyGuardText(mw.text);
      if (c && c.kind !== 'other') e.guards.push({ name: mw.text, kind: c.kind, ...(c.optional ? { optional: true } : {}), reason: `middleware of ${mw.where}; name matches '${c.matched}'`, file: a.file, line: mw.line });
      else if (!c) doubts.push(`middleware ${mw.text} on ${mw.where} (${a.file}:${mw.line}): its code was not found`);
    }
    for (const g of a.guards) e.guards.push({ name: `@UseGuard(${g.text})`, kind: 'authorization', reason: `@UseGuard(${g.text}) on ${g.where}: Midway answers 403 when the guard's canActivate says no`, file: a.file, line: g.line });
    for (const d of a.own) {
      const defs = decorators.get(d.text) ?? [];
      if (defs.length === 1 && defs[0]!.refusal) e.guards.push(refusing(defs[0]!, `@${d.text}()`, `on ${d.where}`, a.file, d.line));
      else if (!defs.length && !middlewares.has(d.text)) doubts.push(`@${d.text}() on ${d.where} (${a.file}:${d.line}) is the service's own decorator, its code was not found`);
    }
    const authMw = facts.globalUses.find((u) => u.kind === 'middleware' && (classifyGuardText(u.text)?.kind ?? 'other') !== 'other');
    if (authMw) doubts.push(`${authMw.text} (${authMw.file}:${authMw.line}) names an authentication middleware for every route: its reach (match/ignore) is not followed`);
    if (globalDoubt) doubts.push('text' in globalDoubt ? `${globalDoubt.text} (${globalDoubt.file}:${globalDoubt.line}) applies a guard to every route: its code is not followed` : `middleware ${globalDoubt.name} (${globalDoubt.file}:${globalDoubt.line}) ${globalDoubt.refusal ? 'refuses' : globalDoubt.readsCredentials ? `reads the caller's ${globalDoubt.readsCredentials}` : 'is named for authentication'} and no route names it: it may be applied app-wide (useMiddleware, config.middleware), not followed`);
    if (doubts.length && !e.guards.some((g) => g.kind !== 'other' && !g.optional)) {
      e.guardState = 'unknown';
      e.guardReason = doubts[0];
    }
    e.public = isPublic(e.guards);
  }
}
