// A refusal by an error known by its message, a few calls below the handler: the controller hands
// the request to an API layer (`api.posts.acceptQueuedPost(req, …)`), which hands the caller's id
// (`caller.uid`) to a check (`canEditQueue(uid, …)`) that asks a predicate of ours
// (`posts.canEditQueue(uid, …)`, false at once `if (!(parseInt(uid, 10) > 0))`) and throws
// `new Error('[[error:no-privileges]]')` when it says no; the route's wrapper hands what it
// catches to a formatter of ours that sends that message as a 403. Counted only when:
// - a function a `catch` of the route's function hands the error to (or that catch itself) maps that very
//   message, or that error's class (`err instanceof Refused`), to 401/403 (FnFact.statusByMessage: the
//   mapping is the service's, never a list of words of ours);
// - the service's own code gives a request without a user an id at or below zero (`else req.uid = 0`
//   under `if (req.user)`), that id is what reaches the predicate, and the predicate's first
//   statement answers false for it (FnFact.guestFalse);
// - every other test the throw (and each call on the way) sits under is the else of an earlier
//   test whose arm throws too (`if (!queuedPost) throw …no-post`): a well-formed request.
// A refusal that hangs on rows of a database (a privilege table) decides nothing here.
import type { Cond, Expr, FnFact, KeyedThrow, Op, When } from '../facts/types';
import type { Interp } from './interpreter';
import type { FnValue, KnownGuard } from './values';
import { calleesOf } from './identityCalls';
import { subExprs, walkOps, whenOf } from './opWalk';
import { guestIds } from './guestIds';
import { walkLevels } from './callLevels';

/** Calls followed below the handler (wrapper → controller → API layer → check). */
const DEPTH = 4;
/** Functions read at most, per route. */
const MAX_FNS = 80;

interface Mapped {
  status: string;
  file: string;
  line: number;
}

const mappings = new WeakMap<Interp, Map<string, Map<string, Mapped>>>();

/** Every call expression of an operation, outermost first. */
function callsIn(op: Op): Expr[] {
  const out: Expr[] = [];
  const visit = (e: Expr, d: number): void => {
    if (d > 20) return;
    if (e[0] === 'c') out.push(e);
    for (const s of subExprs(e)) visit(s, d + 1);
  };
  const roots: Expr[] = op[0] === 'call' || op[0] === 'ret' ? [op[1]] : op[0] === 'let' || op[0] === 'pat' || op[0] === 'set' ? [op[2]] : [];
  for (const r of roots) visit(r, 0);
  return out;
}

/**
 * The messages the route sends as 401/403: mappings in the functions a `catch` of the route's
 * function (or of a wrapper around it, `tryRoute(controller, (err, res) => format(400, res, err))`)
 * hands the error to, a few calls down.
 */
function mappedMessages(x: Interp, wrappers: FnValue[]): Map<string, Mapped> {
  const key = wrappers.map((w) => `${w.file}:${w.fn}`).join('>');
  let byRoute = mappings.get(x);
  if (!byRoute) mappings.set(x, (byRoute = new Map()));
  const known = byRoute.get(key);
  if (known) return known;
  const out = new Map<string, Mapped>();
  // The wrapper's own catch may map it (`catch (e) { if (e instanceof Refused) return res.status(403)… }`).
  for (const w of wrappers) for (const [message, status, line] of x.fnFact(w)?.statusByMessage ?? []) if (!out.has(message)) out.set(message, { status, file: w.file, line });
  const start = wrappers.flatMap((w) => (x.fnFact(w)?.errorHandoffs ?? []).flatMap((c) => calleesOf(x, w, c) ?? []));
  walkLevels(start, (f) => `${f.file}:${f.fn}`, DEPTH, MAX_FNS, (f, depth, next) => {
    const fact = x.fnFact(f);
    for (const [message, status, line] of fact?.statusByMessage ?? []) if (!out.has(message)) out.set(message, { status, file: f.file, line });
    if (fact && depth < DEPTH) walkOps(fact.ops, (op) => {
      for (const c of callsIn(op)) next.push(...(calleesOf(x, f, c[1] as Expr) ?? []));
    });
    return undefined;
  });
  byRoute.set(key, out);
  return out;
}

/** What the names of one function hold, for a guest: the request, the guest's id, a predicate's false answer. */
interface Roles {
  req: Set<string>;
  /** Name → the request's field it holds (`uid`). */
  id: Map<string, string>;
  no: Map<string, string>;
}

interface Found {
  fn: FnValue;
  fact: FnFact;
  t: KeyedThrow;
  why: string;
}

/**
 * A refusal every anonymous caller of the route meets: see the file's head. The guard, or
 * undefined.
 */
export function keyedRefusalCheck(x: Interp, handler: FnValue, wrappers: FnValue[]): KnownGuard | undefined {
  const fields = guestIds(x);
  if (!fields.size) return undefined;
  const mapped = mappedMessages(x, wrappers);
  if (!mapped.size) return undefined;
  const hf = x.fnFact(handler);
  const req = hf?.params[0];
  if (!hf || !req || !/^[\w$]+$/.test(req)) return undefined;
  const run: Run = { x, fields, seen: new Set(), asked: new Map() };
  let found: Found | undefined;
  const visit = (f: FnValue, roles: Roles, depth: number): void => {
    const k = `${f.file}:${f.fn}:${[...roles.req].join(',')}|${[...roles.id.keys()].join(',')}`;
    if (found || run.seen.has(k) || run.seen.size >= MAX_FNS) return;
    run.seen.add(k);
    const fact = x.fnFact(f);
    if (!fact) return;
    bindNames(run, f, fact, roles, depth, (op) => {
      if (found || depth >= DEPTH) return;
      for (const c of callsIn(op)) {
        for (const [g, next] of calledWith(run, f, c, roles)) if (next.req.size || next.id.size) visit(g, next, depth + 1);
      }
    });
    for (const t of fact.keyedThrows ?? []) {
      if (found || !mappingOf(mapped, t)) continue;
      const why = meets(run, f, fact, t, roles, depth);
      if (why) found = { fn: f, fact, t, why };
    }
  };
  visit(handler, { req: new Set([req]), id: new Map(), no: new Map() }, 0);
  if (!found) return undefined;
  const { fn, fact, t, why } = found;
  const m = mappingOf(mapped, t)!;
  const name = fact.name.replace(/^<anon@\d+>$/, 'a function the handler calls');
  const ids = [...fields].map(([f, v]) => `${f} ${[...v].join('/')}`).join(', ');
  return {
    name: `check in ${name}`,
    kind: m.status === '403' ? 'authorization' : 'authentication',
    reason: `refuses an anonymous caller (${ids}): ${t.text} when ${t.cond ?? ''}, ${why}; ${m.file}:${m.line} sends ${!t.key.startsWith('class:') && mapped.has(t.key) ? 'that message' : 'errors of that class'} as ${m.status}`,
    file: fn.file,
    line: t.line,
    evidence: { how: m.status, text: t.text, file: fn.file, line: t.line },
  };
}

interface Run {
  x: Interp;
  fields: Map<string, Set<number>>;
  /** Functions read, with what their parameters held. */
  seen: Set<string>;
  /** Predicates asked, with the ids given them: what they answer a guest ('' for not known to be false). */
  asked: Map<string, string>;
}

/**
 * Walks `f`'s operations on the way of a well-formed request, binding the names that hold the
 * guest's id or a predicate's false answer for it, and hands each operation to `each`.
 */
function bindNames(run: Run, f: FnValue, fact: FnFact, roles: Roles, depth: number, each: (op: Op) => void): void {
  walkLoud(fact.ops, (op) => {
    if (!wellFormed(fact, whenOf(op))) return;
    if (op[0] === 'let') {
      const held = idField(op[2], roles, run.fields);
      if (held) roles.id.set(op[1], held);
      const no = guestFalsy(run, f, op[2], roles, depth);
      if (no) roles.no.set(op[1], no);
    }
    if (op[0] === 'pat') {
      const src = op[2];
      for (const [local, key] of op[1]) {
        if (src[0] === 'id' && roles.req.has(src[1]) && run.fields.has(key)) roles.id.set(local, key);
        // `const [can, item] = await Promise.all([check(uid, …), load(id)])`.
        const item = allItem(src, key);
        const no = item ? guestFalsy(run, f, item, roles, depth) : undefined;
        if (no) roles.no.set(local, no);
      }
    }
    each(op);
  });
}

/** The functions a call may run, each with what its parameters hold (`{ uid: caller.uid }` into `{ tid, uid }` too). */
function calledWith(run: Run, f: FnValue, c: Expr, roles: Roles): [FnValue, Roles][] {
  if (c[0] !== 'c') return [];
  const args = c[2];
  if (!args.some((a) => (a[0] === 'id' && roles.req.has(a[1])) || idField(a, roles, run.fields) || (a[0] === 'o' && a[1].some(([, v]) => idField(v, roles, run.fields))))) return [];
  const out: [FnValue, Roles][] = [];
  for (const g of calleesOf(run.x, f, c[1]) ?? []) {
    const gf = run.x.fnFact(g);
    if (!gf) continue;
    const next: Roles = { req: new Set(), id: new Map(), no: new Map() };
    args.forEach((a, i) => {
      const p = gf.params[i];
      if (!p) return;
      const field = idField(a, roles, run.fields);
      if (/^[\w$]+$/.test(p)) {
        if (a[0] === 'id' && roles.req.has(a[1])) next.req.add(p);
        else if (field) next.id.set(p, field);
      } else if (a[0] === 'o' && p.startsWith('{')) {
        // A destructured parameter (`{tid,uid}`, `{uid:id}`) takes the object's keys.
        for (const part of p.slice(1, -1).split(',')) {
          const [key, local = key] = part.split(':');
          const v = a[1].find(([k]) => k === key)?.[1];
          const held = v ? idField(v, roles, run.fields) : undefined;
          if (held && local && /^[\w$]+$/.test(local)) next.id.set(local, held);
        }
      }
    });
    out.push([g, next]);
  }
  return out;
}

/** How the formatter sends what `t` throws: by its message, or by its class. */
function mappingOf(mapped: Map<string, Mapped>, t: KeyedThrow): Mapped | undefined {
  return mapped.get(t.key) ?? (t.cls ? mapped.get(t.cls) : undefined);
}

/** `req.uid`, `caller.uid` on the request, or a name holding the guest's id: the request's field it is. */
function idField(e: Expr, roles: Roles, fields: Map<string, Set<number>>): string | undefined {
  if (e[0] === 'id') return roles.id.get(e[1]);
  return e[0] === 'm' && e[1][0] === 'id' && roles.req.has(e[1][1]) && fields.has(e[2]) ? e[2] : undefined;
}

/** Item `key` of `Promise.all([a, b])`. */
function allItem(e: Expr, key: string): Expr | undefined {
  if (e[0] !== 'c' || e[1][0] !== 'm' || e[1][1][0] !== 'id' || e[1][1][1] !== 'Promise' || e[1][2] !== 'all') return undefined;
  const list = e[2][0];
  return list?.[0] === 'a' && /^\d+$/.test(key) ? list[1][Number(key)] : undefined;
}

/** How deep predicates are followed into the predicates they return (`canEdit` → `isOwnerOrAdminOrMod` → `isAdminOrMod`). */
const PREDICATE_DEPTH = 3;

/**
 * A value that is false for the guest: a name bound to a predicate's no, a call of a predicate of
 * ours given the guest's id whose every function answers false for it, `a || b` of two such. What
 * says so, or undefined.
 */
function guestFalsy(run: Run, f: FnValue, e: Expr, roles: Roles, depth: number): string | undefined {
  if (e[0] === 'id') return roles.no.get(e[1]);
  if (e[0] === 'or') {
    const a = guestFalsy(run, f, e[1], roles, depth);
    return a && guestFalsy(run, f, e[2], roles, depth) ? a : undefined;
  }
  if (e[0] !== 'c' || depth > DEPTH + PREDICATE_DEPTH) return undefined;
  const called = calledWith(run, f, e, roles);
  if (!called.length) return undefined;
  let said: string | undefined;
  for (const [g, gr] of called) {
    const no = answersNo(run, g, gr, depth + 1);
    if (!no) return undefined;
    said ??= no;
  }
  return said;
}

/**
 * `g` answers false for the guest: its first statement says so for the id it was given
 * (FnFact.guestFalse), or everything it returns is false for the guest.
 */
function answersNo(run: Run, g: FnValue, roles: Roles, depth: number): string | undefined {
  const key = `${g.file}:${g.fn}:${[...roles.id].join(',')}`;
  const known = run.asked.get(key);
  if (known !== undefined || run.asked.size >= MAX_FNS) return known || undefined;
  run.asked.set(key, '');
  const said = predicateAnswer(run, g, roles, depth);
  if (said) run.asked.set(key, said);
  return said;
}

function predicateAnswer(run: Run, g: FnValue, roles: Roles, depth: number): string | undefined {
  const gf = run.x.fnFact(g);
  if (!gf) return undefined;
  const first = gf.guestFalse;
  const field = first ? roles.id.get(gf.params[first.param] ?? '') : undefined;
  const values = field ? run.fields.get(field) : undefined;
  if (first && values && [...values].every((v) => first.ids.includes(v))) return `${gf.name} answers false for ${field} ${[...values].join('/')} (${g.file}:${first.line})`;
  const rets: Expr[] = [];
  let open = false;
  bindNames(run, g, gf, roles, depth, (op) => {
    if (op[0] === 'ret') rets.push(op[1]);
  });
  // A return the walk left out (under a test of something else) may answer otherwise.
  walkLoud(gf.ops, (op) => {
    if (op[0] === 'ret' && !wellFormed(gf, whenOf(op))) open = true;
  });
  if (open || !rets.length) return undefined;
  let said: string | undefined;
  for (const r of rets) {
    const no = guestFalsy(run, g, r, roles, depth);
    if (!no) return undefined;
    said ??= no;
  }
  return said;
}

/** What a test comes to for the guest: true, false, or undefined; and what said so. */
function guestTest(run: Run, f: FnValue, c: Cond, roles: Roles, depth: number): { v: boolean; said: string } | undefined {
  switch (c[0]) {
    case 't': {
      const said = guestFalsy(run, f, c[1], roles, depth);
      return said ? { v: false, said } : undefined;
    }
    case 'not': {
      const r = guestTest(run, f, c[1], roles, depth);
      return r ? { v: !r.v, said: r.said } : undefined;
    }
    case 'or':
    case 'and': {
      const a = guestTest(run, f, c[1], roles, depth);
      const b = guestTest(run, f, c[2], roles, depth);
      const decisive = c[0] === 'or';
      // One arm decides an `||` that holds and an `&&` that fails; otherwise both must be known.
      if (a?.v === decisive) return a;
      if (b?.v === decisive) return b;
      return a && b ? { v: !decisive, said: a.said } : undefined;
    }
    default:
      return undefined;
  }
}

/** `t` is met by every guest: one of its tests is decided for the guest, each other one is a well-formed request's. */
function meets(run: Run, f: FnValue, fact: FnFact, t: KeyedThrow, roles: Roles, depth: number): string | undefined {
  if (!t.tests) return undefined;
  let why: string | undefined;
  for (const w of t.tests) {
    const r = guestTest(run, f, w.cond, roles, depth);
    if (r && r.v === w.holds) {
      why ??= r.said;
      continue;
    }
    if (!otherArmThrows(fact, w)) return undefined;
  }
  return why;
}

/** The other arm of the test throws (`if (!item) throw …`): what runs on the arm we are on is a well-formed request's. */
function otherArmThrows(fact: FnFact, w: When['w'][number]): boolean {
  const other = (list: When['w'] | undefined): boolean => !!list?.some((u) => u.offset === w.offset && u.holds !== w.holds);
  return (fact.keyedThrows ?? []).some((t) => other(t.tests)) || (fact.refusals ?? []).some((r) => other(r.when));
}

/** An operation is on the way of a well-formed request: each test it sits under is the else of one whose arm throws. */
function wellFormed(fact: FnFact, when: When | undefined): boolean {
  return (when?.w ?? []).every((w) => otherArmThrows(fact, w));
}

/** Operations in order, through loops and overloads but not into a `try` that swallows its error: what throws there reaches no one. */
function walkLoud(ops: Op[], visit: (op: Op) => void, depth = 0): void {
  if (depth > 20) return;
  for (const op of ops) {
    if (op[0] === 'quiet') continue;
    visit(op);
    if (op[0] === 'for') walkLoud(op[3], visit, depth + 1);
    if (op[0] === 'argc') for (const arm of [op[3], op[4]]) walkLoud(arm, visit, depth + 1);
  }
}
