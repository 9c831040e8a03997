// routing-controllers, once every file is read (routingControllers.ts reads each): the action's path
// under its server's routePrefix, and who may call it, by the package's contract and the service's
// code:
// - `@Authorized(roles)` (class and method, roles concatenated) runs the server's authorizationChecker
//   and answers 401/403 when it says no; a bare `@Authorized()` hands it an empty list, which a checker
//   answering `roles.every(…)` lets through for anyone: no guard then.
// - `@CurrentUser()` refuses 401 when currentUserChecker gives nobody, if required: by its own
//   `required`, else by the server's `defaults.paramOptions.required`; not required, it reads the
//   caller if there is one (anonymous allowed).
// - a parameter decorator of the service's own (routingControllersParams.ts) refuses when its value
//   throws 401/403 for an anonymous caller with the options it is given here; else, when it reads the
//   caller, anonymous allowed.
// - the server's before-middlewares and `@UseBefore` classes are judged by their use() (nestGuardJudge.ts).
import type { EntryPoint, Guard } from './types';
import { rcJoin, type RcAction, type RcFacts, type RcServer } from './routingControllers';
import type { RcParamDecorator } from './routingControllersParams';
import { NestGuardJudge, judgeMiddleware } from './nestGuardJudge';
import { isPublic } from './guards';

export function mergeRcFacts(into: RcFacts, from: RcFacts): void {
  into.actions.push(...from.actions);
  into.servers.push(...from.servers);
  into.paramDecorators.push(...from.paramDecorators);
  into.middlewareTypes.push(...from.middlewareTypes);
  into.guardDefs.push(...from.guardDefs);
}

/** The server whose controllers list names the class; else one that takes every controller, or the only one. */
function serverOf(cls: string, servers: RcServer[]): RcServer | undefined {
  return servers.find((s) => s.controllers?.includes(cls)) ?? servers.find((s) => !s.controllers) ?? (servers.length === 1 ? servers[0] : undefined);
}

export function applyRcFacts(entries: EntryPoint[], facts: RcFacts): void {
  if (!facts.actions.length) return;
  const actionAt = new Map(facts.actions.map((a) => [`${a.file}:${a.line}`, a]));
  const decorators = new Map<string, RcParamDecorator[]>();
  for (const d of facts.paramDecorators) decorators.set(d.name, [...(decorators.get(d.name) ?? []), d]);
  const after = new Set(facts.middlewareTypes.filter((m) => m.type === 'after').map((m) => m.name));
  const judge = new NestGuardJudge(facts.guardDefs, []);
  for (const e of entries) {
    if (e.framework !== 'routing-controllers') continue;
    const a = actionAt.get(`${e.file}:${e.line}`);
    if (!a) continue;
    const server = serverOf(a.cls, facts.servers);
    if (server?.prefix) {
      e.path = rcJoin(server.prefix, e.path);
      e.id = `${e.method} ${e.path}`;
      if (e.dynamic || server.prefix.startsWith('{')) e.dynamic = { expression: e.path };
    }
    const mws = server?.middlewareGlobs ? [...new Set([...server.middlewares, ...facts.middlewareTypes.map((m) => m.name)])] : (server?.middlewares ?? []);
    for (const mw of mws) if (!after.has(mw)) judgeMiddleware(e, mw, server!.file, server!.line, `middlewares of ${at(server!)}`, judge);
    for (const b of a.before) judgeMiddleware(e, b.text, a.file, b.line, `@UseBefore on ${b.where}`, judge);
    e.guards.push(...authorized(a, server), ...paramGuards(a, server, decorators));
    if (a.reads) e.guards.push({ name: a.reads.text, kind: 'authentication', optional: true, reason: `the action reads the caller off the request: ${a.reads.text} (${a.file}:${a.reads.line})`, file: a.file, line: a.reads.line });
    // A doubt (routingControllers.ts pathCheck) or an unread middleware does not stand against a guard that refuses.
    if (e.guardState === 'unknown' && e.guards.some((g) => g.kind !== 'other' && !g.optional)) {
      delete e.guardState;
      delete e.guardReason;
    }
    e.public = isPublic(e.guards);
  }
}

const at = (s: RcServer): string => `${s.file}:${s.line}`;

function authorized(a: RcAction, server: RcServer | undefined): Guard[] {
  if (!a.authorized.length) return [];
  const first = a.authorized[a.authorized.length - 1];
  const roles = a.authorized.flatMap((x) => x.roles ?? ['?']);
  const text = `@Authorized(${roles.map((r) => (r === '?' ? '…' : `'${r}'`)).join(', ')})`;
  const where = a.authorized.map((x) => `${x.where} (${a.file}:${x.line})`).join(', ');
  if (!roles.length && server?.checker?.passesEmpty) {
    return [{ name: text, kind: 'other', reason: `${text} on ${where}; not a guard: the authorizationChecker (${server.file}:${server.checker.line}) lets an empty role list through: ${server.checker.why}`, file: a.file, line: first.line }];
  }
  const checker = server?.checker ? `the authorizationChecker (${server.file}:${server.checker.line})` : 'the authorizationChecker';
  return [{ name: text, kind: roles.length ? 'authorization' : 'authentication', reason: `${text} on ${where}: routing-controllers refuses (401/403) unless ${checker} answers true`, file: a.file, line: first.line }];
}

function paramGuards(a: RcAction, server: RcServer | undefined, decorators: Map<string, RcParamDecorator[]>): Guard[] {
  const out: Guard[] = [];
  for (const p of a.params) {
    const opt = (k: string): boolean | undefined => p.options.find((o) => o.key === k)?.value;
    if (p.name === 'CurrentUser') {
      const own = opt('required');
      const required = own ?? server?.paramRequired ?? false;
      const by = own !== undefined ? 'its own required option' : server?.paramRequired ? `defaults.paramOptions.required of ${at(server)}` : 'not required by default';
      const checker = server?.currentUserChecker ? ` (currentUserChecker at ${server.file}:${server.currentUserChecker.line})` : '';
      out.push(required
        ? { name: '@CurrentUser()', kind: 'authentication', reason: `@CurrentUser() at ${a.file}:${p.line}, required by ${by}: routing-controllers answers 401 when no user is found${checker}`, file: a.file, line: p.line, evidence: { how: '401', text: 'AuthorizationRequiredError (routing-controllers)', file: a.file, line: p.line } }
        : { name: '@CurrentUser()', kind: 'authentication', optional: true, reason: `@CurrentUser() at ${a.file}:${p.line}, ${by}: the caller if any${checker}`, file: a.file, line: p.line });
      continue;
    }
    const defs = decorators.get(p.name) ?? [];
    // Several of one name that read differently: this reader does not follow imports.
    if (defs.length !== 1) continue;
    const d = defs[0];
    const r = d.refusals.find((x) => !x.option || opt(x.option) === true);
    if (r) out.push({ name: `@${p.name}()`, kind: r.how === '403' ? 'authorization' : 'authentication', reason: `@${p.name}() at ${a.file}:${p.line}: its value (${d.file}:${d.line}) refuses an anonymous caller: ${r.text} (${d.file}:${r.line})`, file: a.file, line: p.line, evidence: { how: r.how, text: r.text, file: d.file, line: r.line } });
    else if (d.readsIdentity) out.push({ name: `@${p.name}()`, kind: 'authentication', optional: true, reason: `@${p.name}() at ${a.file}:${p.line}: its value (${d.file}:${d.line}) reads the caller and refuses no anonymous one${d.refusals.length ? ' with these options' : ''}`, file: a.file, line: p.line });
  }
  return out;
}
