// beego (github.com/beego/beego/v2/server/web, github.com/astaxie/beego): routes registered on the
// package's own app — `web.Router("/x/:id", &controllers.X{}, "get:Show;post:Save")` maps methods
// to actions of a controller, `web.Get("/x", func(ctx *context.Context) {…})` takes a function —
// and filters that run on every route matching a pattern (`web.InsertFilter("/admin/*",
// web.BeforeRouter, requireLogin)`). Before an action beego runs the controller's `Prepare`, and
// skips the action once Prepare has answered: a Prepare that refuses guards every action.
import type { GoNode as Node } from './goNode';
import { callArgs, line } from '../treeUtil';
import type { GoScope, TypeKey } from './scope';
import type { GoCandidate, GoFileFacts, GoRoute, StrPart } from './types';
import type { GoIndex } from './resolve';

/** The one router every file's beego calls register on: the package-level app. */
export const BEEGO_APP = 'G:beego';
const IMPORT = /^github\.com\/(beego\/beego(\/v\d+)?\/server\/web|astaxie\/beego)$/;
const VERBS = new Set(['Get', 'Post', 'Put', 'Delete', 'Patch', 'Head', 'Options', 'Any']);
/** Filters that run before the action (after it, a filter can no longer refuse). */
const BEFORE = /\b(BeforeStatic|BeforeRouter|BeforeExec)$/;

export interface BeegoFilter {
  pattern: StrPart[];
  candidate: GoCandidate;
}

export interface BeegoFacts {
  filters: BeegoFilter[];
}

/** The aliases under which this file imports beego's web package. */
export function beegoAliases(facts: GoFileFacts): Set<string> {
  return new Set(Object.entries(facts.imports).filter(([, v]) => IMPORT.test(v.path)).map(([k]) => k));
}

/**
 * A call on beego's package (`web.Router`, `web.Get`, `web.InsertFilter`): its routes and filters
 * added to the facts; false when it is none of those.
 */
export function beegoCall(call: Node, aliases: Set<string>, facts: GoFileFacts, sc: GoScope, typeKey: TypeKey, candidate: (n: Node, via: string) => GoCandidate, route: (call: Node, method: string, path: Node, handler: Node) => void): boolean {
  const fn = call.childForFieldName('function')!;
  if (fn.type !== 'selector_expression' || !aliases.has(fn.childForFieldName('operand')!.text)) return false;
  const field = fn.childForFieldName('field')!.text;
  const args = callArgs(call);
  facts.routers[BEEGO_APP] = 'beego';
  if (field === 'InsertFilter' && args.length >= 3) {
    if (!BEFORE.test(args[1].text)) return true;
    (facts.beego ??= { filters: [] }).filters.push({ pattern: sc.str(args[0]), candidate: candidate(args[2], `beego filter ${fn.text}(${args[0].text}, ${args[1].text.replace(/^.*\./, '')})`) });
    return true;
  }
  if (VERBS.has(field) && args.length >= 2) {
    route(call, field === 'Any' ? 'ANY' : field.toUpperCase(), args[0], args[args.length - 1]);
    return true;
  }
  if (field !== 'Router' || args.length < 2) return false;
  let lit = args[1];
  if (lit.type === 'unary_expression') lit = lit.childForFieldName('operand')!;
  const type = lit.type === 'composite_literal' ? typeKey(lit.childForFieldName('type')) : undefined;
  const spec = args[2] ? sc.str(args[2]) : [];
  const mapping = spec.length === 1 && 'lit' in spec[0] ? spec[0].lit : args[2] ? undefined : '*:Get';
  if (!type || mapping === undefined) return true;
  const name = type.replace(/^.*#/, '');
  // "get,post:Save;delete:Remove": methods before the colon ("*" every one), the action after it.
  for (const pair of mapping.split(';')) {
    const m = /^\s*([\w*,]+)\s*:\s*(\w+)\s*$/.exec(pair);
    if (!m) continue;
    for (const verb of m[1].split(',')) {
      const method = verb === '*' ? 'ANY' : verb.toUpperCase();
      facts.routes.push({
        router: BEEGO_APP,
        method,
        path: cleanPath(sc.str(args[0])),
        fnKey: '',
        handler: `${name}.${m[2]}`,
        registrar: 'Router',
        handlerCallee: `fn:${type}.${m[2]}`,
        guards: [],
        file: facts.file,
        line: line(call),
        order: call.startIndex,
        framework: 'beego',
        controller: type,
      });
    }
  }
  return true;
}

/** beego's path syntax as routes are written elsewhere: `/?:id` (optional) and `:id:int` (typed) are `:id`. */
export function cleanPath(parts: StrPart[]): StrPart[] {
  return parts.map((p) => ('lit' in p ? { lit: p.lit.replace(/\/\?:/g, '/:').replace(/(:\w+):(int|string)\b/g, '$1') } : p));
}

/** Whether a filter pattern covers a path: `/x/*` every path below /x, else the same path (parameters match anything). */
export function filterCovers(pattern: string, path: string): boolean {
  const rx = '^' + pattern.split(/(\*|:\w+(?:\([^)]*\))?)/).map((s, i) => (i % 2 ? (s === '*' ? '.*' : '[^/]+') : s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))).join('') + '/?$';
  return new RegExp(rx).test(path);
}

/**
 * At link time: each beego route gets the filters whose pattern covers its path, and a controller
 * action its controller's own `Prepare` (beego runs it before the action).
 */
export function beegoGuards(ix: GoIndex, files: GoFileFacts[], routes: GoRoute[]): void {
  const filters = files.flatMap((f) => f.beego?.filters ?? []);
  for (const r of routes) {
    if (r.framework !== 'beego') continue;
    const path = ix.literal(ix.evalParts(r.path));
    const pre: GoCandidate[] = [];
    for (const f of filters) {
      const p = ix.literal(ix.evalParts(f.pattern));
      if (path !== undefined && p !== undefined && filterCovers(p, path)) pre.push(f.candidate);
    }
    const ctl = r.controller;
    // Prepare and the action may be promoted from a controller the type embeds (a shared base controller).
    const action = ctl && r.handlerCallee && !ix.fnOf(r.handlerCallee) ? ix.methodOf(ctl, r.handlerCallee.replace(/^.*\./, '')) : undefined;
    if (action) r.handlerCallee = `fn:${action.key}`;
    const prepare = ctl ? ix.methodOf(ctl, 'Prepare') : undefined;
    if (prepare) pre.push({ text: `${prepare.key.replace(/^.*#/, '')}`, file: prepare.file, line: prepare.line, via: 'the controller Prepare beego runs before each action', callee: `fn:${prepare.key}` });
    r.guards = [...pre, ...r.guards];
  }
}
