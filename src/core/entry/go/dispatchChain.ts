// A handler that routes by itself (ntfy's `handleInternal`): one if / else-if chain, or a
// condition-less `switch { case … }`, whose tests compare the request's method and path
// (`r.Method == http.MethodGet && r.URL.Path == apiHealthPath`,
// `topicPathRegex.MatchString(r.URL.Path)`), each branch handing the request to a handler,
// often inside wrappers (`s.ensureUser(s.handleAccountDelete)(w, r, v)`). Each branch is a
// route; mounted on a subtree, the handler is then no route of its own when nothing but a
// not-found answer follows the chain. net/http hands the handler the full path, so the paths
// the branches test are full paths.
import type { GoNode as Node } from './goNode';
import { all, callArgs, kids, line, stringValue } from '../treeUtil';
import { regexPaths } from './regexPaths';
import { enclosingFn, statements } from './goStatements';
import type { Callee, GoFileFacts, GoFunc, GoRef, StrPart } from './types';

export type BranchPath = { node: Node } | { lits: string[] } | { regex: string } | { regexVar: string } | { any: true };

export interface DispatchBranch {
  methods: string[];
  paths: BranchPath[];
  /** The line of the branch's test: where a reader finds the route. */
  line: number;
  /** What the request is handed to, wrappers and all (`s.ensureUser(s.handleX)`, `s.handleHealth`). */
  handler: Node;
  /** The call that hands it on. */
  call: Node;
}

export interface Dispatch {
  branches: DispatchBranch[];
  /** Only a not-found answer follows the chain: the handler answers nothing else. */
  exhaustive: boolean;
}

const PATH = /\.URL\.Path$/;
const METHOD = /\.Method$/;
const NOT_FOUND = /NotFound|StatusNotFound|\b404\b/;
/** A chain tests at least this many paths before it counts as a router. */
const MIN_BRANCHES = 2;

/** The routing chain at the top level of a function's body, if it has one. */
export function dispatchChain(fn: Node, regexOf: (name: string) => string | undefined): Dispatch | undefined {
  const body = statements(fn.childForFieldName('body'));
  for (let i = 0; i < body.length; i++) {
    const st = body[i];
    const arms = st.type === 'if_statement' ? ifArms(st) : st.type === 'expression_switch_statement' && !st.childForFieldName('value') ? switchArms(st) : undefined;
    if (!arms) continue;
    const branches: DispatchBranch[] = [];
    for (const arm of arms.tests) {
      const b = branchOf(arm.cond, arm.body, regexOf);
      if (b) branches.push(b);
    }
    if (branches.filter((b) => !b.paths.some((p) => 'any' in p)).length < MIN_BRANCHES) continue;
    const after = body.slice(i + 1).map((s) => s.text).join('\n');
    const exhaustive = (arms.fallback ? NOT_FOUND.test(arms.fallback.text) : true) && (!after.trim() || NOT_FOUND.test(after));
    return { branches, exhaustive };
  }
  return undefined;
}

interface Arms {
  tests: Array<{ cond: Node; body: Node[] }>;
  fallback?: Node;
}

function ifArms(st: Node): Arms {
  const tests: Arms['tests'] = [];
  let cur: Node | null = st;
  while (cur?.type === 'if_statement') {
    const cond = cur.childForFieldName('condition');
    if (cond) tests.push({ cond, body: statements(cur.childForFieldName('consequence')) });
    const alt: Node | null = cur.childForFieldName('alternative');
    if (alt?.type !== 'if_statement') return { tests, ...(alt ? { fallback: alt } : {}) };
    cur = alt;
  }
  return { tests };
}

function switchArms(st: Node): Arms {
  const tests: Arms['tests'] = [];
  let fallback: Node | undefined;
  for (const c of kids(st)) {
    if (c.type === 'default_case') fallback = c;
    if (c.type !== 'expression_case') continue;
    const value = c.childForFieldName('value');
    const body = kids(c).filter((k) => k.startIndex !== value?.startIndex && k.type !== 'comment').flatMap((k) => (k.type === 'statement_list' ? kids(k) : [k]));
    for (const v of kids(value)) tests.push({ cond: v, body });
  }
  return { tests, ...(fallback ? { fallback } : {}) };
}

function branchOf(cond: Node, body: Node[], regexOf: (name: string) => string | undefined): DispatchBranch | undefined {
  const methods = new Set<string>();
  const paths: BranchPath[] = [];
  for (const t of leaves(cond)) {
    if (t.type === 'binary_expression' && t.childForFieldName('operator')?.text === '==') {
      const l = t.childForFieldName('left')!;
      const r = t.childForFieldName('right')!;
      const [subject, other] = PATH.test(l.text) || METHOD.test(l.text) ? [l, r] : [r, l];
      if (PATH.test(subject.text)) paths.push({ node: other });
      else if (METHOD.test(subject.text)) {
        const m = /Method([A-Z][a-z]+)$/.exec(other.text)?.[1] ?? stringValue(other);
        if (m) methods.add(m.toUpperCase());
      }
    } else if (t.type === 'call_expression') {
      const f = t.childForFieldName('function')!;
      const args = callArgs(t);
      if (f.type === 'selector_expression' && /^Match(String)?$/.test(f.childForFieldName('field')?.text ?? '') && args.some((a) => PATH.test(a.text))) {
        const name = f.childForFieldName('operand')!.text;
        const re = regexOf(name);
        const lits = re === undefined ? undefined : regexPaths(re);
        // Declared in another file of the package (or another package): read at link time (dispatchMounts.ts).
        paths.push(lits ? { lits } : re !== undefined ? { regex: re } : { regexVar: name });
      } else if (/^strings\.HasPrefix$/.test(f.text) && PATH.test(args[0]?.text ?? '')) {
        const prefix = stringValue(args[1]);
        if (prefix !== undefined) paths.push({ lits: [prefix.replace(/\/?$/, '/*')] });
      }
    }
  }
  if (!paths.length && !methods.size) return undefined;
  const hand = handOff(body);
  if (!hand) return undefined;
  return { methods: methods.size ? [...methods] : ['ANY'], paths: paths.length ? paths : [{ any: true }], line: line(cond), handler: hand.handler, call: hand.call };
}

/** The tests joined by `&&` and `||`: which methods and paths, whichever way they are joined. */
function leaves(n: Node): Node[] {
  if (n.type === 'parenthesized_expression' && n.namedChildren[0]) return leaves(n.namedChildren[0]);
  const op = n.type === 'binary_expression' ? n.childForFieldName('operator')?.text : undefined;
  if (op === '&&' || op === '||') return [...leaves(n.childForFieldName('left')!), ...leaves(n.childForFieldName('right')!)];
  return [n];
}

/** The first call of the branch that hands the request (or the writer) on: its function is the handler. */
function handOff(body: Node[], depth = 0): { handler: Node; call: Node } | undefined {
  for (const st of body) {
    // A nested chain sorting the branch's paths further (`switch { case Contains(p, "/docker/"): …
    // default: http.StripPrefix("/api", h.EndpointHandler).ServeHTTP(w, r) }`): its fallback serves the rest.
    const nested = depth < 2 && (st.type === 'if_statement' || (st.type === 'expression_switch_statement' && !st.childForFieldName('value'))) ? (st.type === 'if_statement' ? ifArms(st) : switchArms(st)).fallback : undefined;
    if (nested) return handOff(nested.type === 'default_case' ? kids(nested).flatMap((k) => (k.type === 'statement_list' ? kids(k) : [k])) : statements(nested), depth + 1);
    const expr = st.type === 'return_statement' ? kids(st)[0]?.namedChildren[0] ?? kids(st)[0] : st.type === 'expression_statement' ? st.namedChildren[0] : undefined;
    if (expr?.type !== 'call_expression') continue;
    const f = expr.childForFieldName('function')!;
    if (/^(http\.(Error|NotFound|Redirect)|\w+\.(WriteHeader|Write|Header))$/.test(f.text)) return undefined;
    // `h.ServeHTTP(w, r)`: the handler is the value served.
    if (f.type === 'selector_expression' && f.childForFieldName('field')?.text === 'ServeHTTP') return { handler: f.childForFieldName('operand')!, call: expr };
    return { handler: f, call: expr };
  }
  return undefined;
}

/** The pattern of each package-level `var x = regexp.MustCompile("…")` of a file. */
export function fileRegexes(root: Node): Map<string, string> {
  const out = new Map<string, string>();
  for (const spec of kids(root).filter((d) => d.type === 'var_declaration').flatMap((d) => all(d, 'var_spec'))) {
    const names = spec.childrenForFieldName('name').filter(Boolean) as Node[];
    const values = kids(spec.childForFieldName('value'));
    names.forEach((n, i) => {
      const v = values[i];
      if (v?.type !== 'call_expression' || !/^regexp\.MustCompile(POSIX)?$/.test(v.childForFieldName('function')?.text ?? '')) return;
      const a = callArgs(v)[0];
      const s = stringValue(a);
      if (s !== undefined) out.set(n.text, a!.type === 'interpreted_string_literal' ? s.replace(/\\\\/g, '\\') : s);
    });
  }
  return out;
}

/** A registration of a branch's route, as the extractor adds one (extract.ts addRoute). */
export type AddBranchRoute = (call: Node, router: string, method: string, path: Node | undefined, given: string[] | undefined, handler: Node, at: number, dynamic?: string) => void;

/**
 * A router a dispatch hands the request to with a prefix cut off (`http.StripPrefix("/api",
 * h.AuthHandler).ServeHTTP(w, r)`, Portainer's `Handler.ServeHTTP`): mounted on the dispatch under
 * that prefix, as `mux.Handle("/api/", http.StripPrefix("/api", sub))` would mount it.
 */
export type MountStripped = (call: Node, router: string, prefix: Node, inner: Node) => void;

/** A path part standing for a regex variable declared elsewhere (`re:dir#name`), settled at link time. */
export const REGEX_REF = /^re:(.+)$/;

/**
 * Reads a function's own dispatch (its branches become routes of the router `D:<key>`, linked
 * where the function, or one it hands the request to, is mounted: link.ts) and the calls it hands
 * its request to.
 */
export function dispatchFacts(fn: Node, f: GoFunc, regexes: Map<string, string>, callee: (n: Node) => Callee | undefined, add: AddBranchRoute, regexRef: (name: string) => string, mount: MountStripped): void {
  const req = requestParam(fn);
  if (!req) return;
  const to = new Set<Callee>();
  for (const c of all(fn, 'call_expression')) {
    // Also from a closure it runs (`log.Timing(func() { s.handleInternal(w, r, v) })`).
    if (!callArgs(c).some((a) => a.text === req)) continue;
    const k = callee(c.childForFieldName('function')!);
    if (k && !k.startsWith('ext:')) to.add(k);
  }
  if (to.size) f.handsRequestTo = [...to].slice(0, 8);
  const d = dispatchChain(fn, (name) => regexes.get(name));
  if (!d) return;
  f.dispatch = { exhaustive: d.exhaustive };
  const router = `D:${f.key}`;
  // Every arm's, nested ones included (`case HasPrefix(p, "/api/endpoints"): switch { … default:
  // http.StripPrefix("/api", h.EndpointHandler).ServeHTTP(w, r) }`): the prefix is cut whichever arm runs.
  for (const c of all(fn, 'call_expression')) {
    if (c.childForFieldName('function')?.text !== 'http.StripPrefix' || enclosingFn(c)?.startIndex !== fn.startIndex) continue;
    const [prefix, inner] = callArgs(c);
    if (prefix && inner) mount(c, router, prefix, inner);
  }
  for (const b of d.branches) {
    for (const m of b.methods) {
      for (const p of b.paths) {
        if ('node' in p) add(b.call, router, m, p.node, undefined, b.handler, b.line);
        else if ('lits' in p) for (const l of p.lits) add(b.call, router, m, undefined, [l], b.handler, b.line);
        else if ('any' in p) add(b.call, router, m, undefined, ['/*'], b.handler, b.line);
        else if ('regex' in p) add(b.call, router, m, undefined, undefined, b.handler, b.line, `regex ${p.regex}`);
        else add(b.call, router, m, undefined, undefined, b.handler, b.line, `re:${regexRef(p.regexVar)}`);
      }
    }
  }
}

function requestParam(fn: Node): string | undefined {
  for (const decl of kids(fn.childForFieldName('parameters'))) {
    if (!/^\*http\.Request$/.test(decl.childForFieldName('type')?.text ?? '')) continue;
    return (decl.childrenForFieldName('name').filter(Boolean) as Node[])[0]?.text;
  }
  return undefined;
}

interface AdderContext {
  facts: GoFileFacts;
  file: string;
  str: (n: Node) => StrPart[];
  evalRouter: (n: Node) => GoRef | undefined;
  /** extract.ts addRoute: the call, router, method, path node, handler, middleware, subtree, mounted router, name and path as given. */
  addRoute: (call: Node, recv: GoRef, method: string, pathNode: Node, handler: Node, mw: Node[], subtree?: boolean, mount?: GoRef, name?: string, given?: StrPart[]) => void;
}

/** How the extractor adds a branch's route (its path exact, at the line of its test) and a router a branch cuts a prefix for. */
export function branchAdders(cx: AdderContext): { addBranch: AddBranchRoute; mountStripped: MountStripped } {
  const { facts, file, str, evalRouter, addRoute } = cx;
  const addBranch: AddBranchRoute = (call, router, method, pathNode, given, handler, at, dynamic) => {
    facts.routers[router] = 'net/http';
    const parts: StrPart[] = dynamic ? [{ dyn: dynamic }] : given ? given.map((lit) => ({ lit })) : str(pathNode!);
    // A branch handing to a router (with a prefix cut, `mountStripped`) is a mount, not a route, once linked.
    const sub = handler.type === 'call_expression' && handler.childForFieldName('function')!.text === 'http.StripPrefix' ? callArgs(handler)[1] : handler;
    addRoute(call, router, method, pathNode ?? call, handler, [], false, sub && evalRouter(sub), undefined, parts);
    Object.assign(facts.routes[facts.routes.length - 1], { path: parts, line: at });
  };
  const mountStripped: MountStripped = (call, router, prefix, inner) => {
    const child = evalRouter(inner);
    if (child) facts.edges.push({ parent: router, child, prefix: str(prefix), guards: [], file, line: line(call), order: call.startIndex, mount: true });
  };
  return { addBranch, mountStripped };
}
