// What a name or expression of a Go file stands for while extract.ts walks it: the function a
// node sits in and its key, per-function bindings (receiver, parameters, locals), callees as
// symbolic references (`fn:`, `ret:`, `sel:`, `meth:`, `ext:`) and strings as parts linked later.
// Separate from router evaluation and route registration: this is plain Go name resolution.
import type { GoNode as Node } from './goNode';
import { all, callArgs, kids, line, stringValue } from '../treeUtil';
import { ROUTER_PARAM } from './frameworks';
import type { Callee, GoCandidate, GoFileFacts, GoRef, StrPart } from './types';

export const FN = ['function_declaration', 'method_declaration', 'func_literal'];

/** `ret`: a call's result; `members`: the middleware that call composed, or a slice literal listed (`list`, composedMiddleware.ts). */
/** `made`: the call is of a function handed in (a parameter, a func field of the receiver), MadeCall. */
export type Value = { router: GoRef } | { type: string } | { str: StrPart[] } | { fn: Callee } | { ret: Callee; members?: GoCandidate[]; made?: MadeRef } | { param: number; type: string } | { list: string; members: GoCandidate[] };

/** A call of a function handed in: the parameter of `fn` at `index`, or (-1) the receiver's func `field`. */
export interface MadeRef {
  fn: string;
  index: number;
  field?: string;
}

/** The key of a type node, as readDeclarations gives it. */
export type TypeKey = (t: Node | null | undefined) => string | undefined;

export interface GoScope {
  fnOf: (n: Node) => Node | undefined;
  keyOf: (fn: Node | undefined) => string;
  scope: (fn: Node | undefined) => Map<string, Value>;
  lookup: (n: Node) => Value | undefined;
  callee: (n: Node) => Callee | undefined;
  str: (n: Node | null | undefined) => StrPart[];
  methodValue: (n: Node) => Callee | undefined;
  setting: (n: Node) => string | undefined;
  madeRef: (call: Node) => MadeRef | undefined;
  madeMethod: (call: Node) => StrPart | undefined;
  /** Reads of a local (`c.BasePath`) in a file that declares command-line flags, by the key `str` gives them (startValues.ts computes them). */
  localReads: Map<string, Node>;
}

/** The resolvers of one file: its bindings are kept across calls (one per extractGo run). */
export function goScope(facts: GoFileFacts, typeKey: TypeKey): GoScope {
  const { file, dir } = facts;
  // The innermost function around a node, by position: a node's ancestors are the functions whose
  // span holds it, and asking the tree for parents walks down from the root each time (web-tree-sitter).
  let fns: Node[] | undefined;
  const fnOf = (n: Node): Node | undefined => {
    fns ??= all(n.tree.rootNode, FN);
    let lo = 0;
    let hi = fns.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (fns[mid].startIndex <= n.startIndex) lo = mid + 1;
      else hi = mid;
    }
    // A function node always spans more than any one child, so the same span is the node itself.
    for (let i = lo - 1; i >= 0; i--) {
      const f = fns[i];
      if (f.endIndex >= n.endIndex && !(f.startIndex === n.startIndex && f.endIndex === n.endIndex)) return f;
    }
    return undefined;
  };
  const keyOf = (fn: Node | undefined): string => {
    if (!fn) return `${file}@top`;
    if (fn.type === 'func_literal') return `${file}@${fn.startIndex}`;
    const name = fn.childForFieldName('name')!.text;
    if (fn.type === 'method_declaration') {
      const recv = kids(fn.childForFieldName('receiver'))[0]?.childForFieldName('type');
      return `${(typeKey(recv) ?? dir + '#?').replace(/\[.*$/, '')}.${name}`;
    }
    return `${dir}#${name}`;
  };
  const scopes = new Map<number, Map<string, Value>>();
  const scope = (fn: Node | undefined): Map<string, Value> => {
    const k = fn?.startIndex ?? -1;
    let s = scopes.get(k);
    if (!s) {
      s = new Map();
      scopes.set(k, s);
      if (fn) {
        if (fn.type === 'method_declaration') {
          const r = kids(fn.childForFieldName('receiver'))[0];
          const rn = r?.childForFieldName('name')?.text;
          const rt = typeKey(r?.childForFieldName('type'));
          if (rn && rt) s.set(rn, { type: rt });
        }
        let i = 0;
        for (const decl of kids(fn.childForFieldName('parameters'))) {
          const t = decl.childForFieldName('type');
          for (const id of decl.childrenForFieldName('name')) {
            // `paths ...string`: each argument from i on (`for _, p := range paths` takes them one by one).
            const rest = decl.type === 'variadic_parameter_declaration' ? { rest: true } : {};
            // `route func(party iris.Party)` takes a router and is none (funcParams.ts).
            if (id) s.set(id.text, ROUTER_PARAM.test(t?.text ?? '') && t?.type !== 'function_type' ? { router: `P:${keyOf(fn)}(${i})` } : t?.text === 'string' ? { str: [{ param: keyOf(fn), index: i, ...rest }] } : { param: i, type: typeKey(t) ?? '' });
            i++;
          }
        }
      }
    }
    return s;
  };
  const lookup = (n: Node): Value | undefined => {
    for (let fn = fnOf(n); ; fn = fn ? fnOf(fn) : undefined) {
      const v = scope(fn).get(n.text);
      if (v) return v;
      if (!fn) return undefined;
    }
  };

  const callee = (n: Node): Callee | undefined => {
    if (n.type === 'identifier') {
      const v = lookup(n);
      if (v && 'fn' in v) return v.fn;
      return v ? undefined : `fn:${dir}#${n.text}`;
    }
    if (n.type === 'func_literal') return `fn:${file}@${n.startIndex}`;
    if (n.type !== 'selector_expression') return undefined;
    const field = n.childForFieldName('field')!.text;
    const chain: string[] = [];
    let base = n.childForFieldName('operand')!;
    while (base.type === 'selector_expression') {
      chain.unshift(base.childForFieldName('field')!.text);
      base = base.childForFieldName('operand')!;
    }
    if (base.type === 'call_expression' && chain.length === 0) {
      const c = callee(base.childForFieldName('function')!);
      return c ? `ret:${c}|${field}` : `meth:${field}`;
    }
    // `backend{timeout}.Mount(r, …)`, `(&api{}).mount(r)`: the method of the literal's own type,
    // so the router handed in is followed into it like any other caller's.
    const lit = literalOf(base);
    if (lit && chain.length === 0) {
      const t = typeKey(lit.childForFieldName('type'));
      return t ? `fn:${t.replace(/\[.*$/, '')}.${field}` : `meth:${field}`;
    }
    if (base.type !== 'identifier') return `meth:${field}`;
    const v = lookup(base);
    if (!v && chain.length === 0) {
      const imp = facts.imports[base.text];
      if (imp) return imp.dir !== undefined ? `fn:${imp.dir}#${field}` : `ext:${imp.path}#${field}`;
    }
    const t = v && 'type' in v ? v.type : undefined;
    if (t) return chain.length ? `sel:${t}|${chain.join('.')}|${field}` : `fn:${t}.${field}`;
    if (v && 'ret' in v && chain.length === 0) return `ret:${v.ret}|${field}`;
    return `meth:${field}`;
  };

  // In a file that declares command-line flags, a local a string is read from (`c.BasePath`, set from
  // a flag's value before the call) is keyed by its place, for link time to compute it (startValues.ts).
  const localReads = new Map<string, Node>();
  // Also a file reading the environment (`basePrefix := os.Getenv("X")`): an unset variable is "" on a fresh install (libCalls.ts).
  const flagFile = importsFlagLibrary(facts.imports);
  let envFile: boolean | undefined;
  const readsEnv = (n: Node): boolean => (envFile ??= facts.imports.os?.path === 'os' && n.tree.rootNode.text.includes('os.Getenv('));
  const localDyn = (n: Node): StrPart[] => {
    const text = n.text.replace(/\s+/g, ' ').slice(0, 120);
    if (!flagFile && !readsEnv(n)) return [{ dyn: text }];
    const key = localKey(dir, line(n), text);
    localReads.set(key, n);
    return [{ dyn: key }];
  };
  const str = (n: Node | null | undefined): StrPart[] => {
    if (!n) return [{ dyn: '' }];
    const lit = stringValue(n);
    if (lit !== undefined) return [{ lit }];
    if (n.type === 'parenthesized_expression') return str(n.namedChildren[0]);
    if (n.type === 'binary_expression' && n.childForFieldName('operator')?.text === '+') return [...str(n.childForFieldName('left')), ...str(n.childForFieldName('right'))];
    if (n.type === 'identifier') {
      const v = lookup(n);
      if (v && 'str' in v) return v.str;
      if (!v && facts.consts[n.text] !== undefined) return [{ lit: facts.consts[n.text] }];
      return v ? localDyn(n) : [{ dyn: `${dir}#${n.text}` }];
    }
    if (n.type === 'selector_expression') {
      const op = n.childForFieldName('operand')!.text;
      const f = n.childForFieldName('field')!.text;
      const m = /^Method([A-Z][a-z]+)$/.exec(f);
      const imp = facts.imports[op];
      // net/http's and fasthttp's method constants (`http.MethodGet`, `fasthttp.MethodPatch`) are the method's name.
      if (m && (op === 'http' || /^(net\/http|github\.com\/valyala\/fasthttp)$/.test(imp?.path ?? ''))) return [{ lit: m[1].toUpperCase() }];
      if (imp?.dir !== undefined) return [{ dyn: `${imp.dir}#${f}` }];
      // `conf.Server.BasePath`: a field of another package's value, a setting link time may know (configValues.ts).
      const s = n.childForFieldName('operand')!.type === 'selector_expression' ? setting(n) : undefined;
      if (s && !s.startsWith(`${dir}#`)) return [{ dyn: s }];
      let b: Node = n;
      while (b.type === 'selector_expression') b = b.childForFieldName('operand')!;
      const bound = b.type === 'identifier' ? lookup(b) : undefined;
      // `uiConf.APIBaseURL` with `uiConf *server.UI` a parameter: a field of a struct type of ours, `dir#UI.APIBaseURL`,
      // which link time reads from the service's configuration file when the struct is one (yamlSettings.ts).
      const paramType = bound && 'param' in bound && 'type' in bound ? bound.type.replace(/^\*/, '') : '';
      if (/^[\w/.-]*#\w+$/.test(paramType) && !flagFile) return [{ dyn: `${paramType}${n.text.slice(b.text.length).replace(/\s+/g, '')}` }];
      if (bound && !('str' in bound)) return localDyn(n);
    }
    // `factory().Name()`: the method's answer for what each caller's factory makes (MadeCall).
    const made = n.type === 'call_expression' ? madeMethod(n) : undefined;
    if (made) return [made];
    // `getPath(NewOrderLinkType, "{id}")`, `fmt.Sprintf("/%s/x", p)`: computed at link time if it can be.
    if (n.type === 'call_expression') {
      const c = methodValue(n.childForFieldName('function')!) ?? callee(n.childForFieldName('function')!);
      if (c && !c.startsWith('meth:')) return [{ call: c, args: callArgs(n).map((a) => str(a)), text: n.text.replace(/\s+/g, ' ').slice(0, 120) }];
    }
    return [{ dyn: n.text.replace(/\s+/g, ' ').slice(0, 120) }];
  };

  // `getPath := h.linker.GetUnescapedPathSuffix` is bound like a field that may hold a router
  // (`F:T|linker.GetUnescapedPathSuffix`); called, it is the method.
  const methodValue = (n: Node): Callee | undefined => {
    const v = n.type === 'identifier' ? lookup(n) : undefined;
    const m = v && 'router' in v ? /^F:([^|]+)\|(?:(.+)\.)?(\w+)$/.exec(v.router) : undefined;
    if (!m) return undefined;
    return m[2] ? `sel:${m[1]}|${m[2]}|${m[3]}` : `fn:${m[1]}.${m[3]}`;
  };
  let vars: Set<string> | undefined;
  /** The package-level variables this file declares (`var config *conf.Config`). */
  const topVars = (n: Node): Set<string> => (vars ??= new Set(kids(n.tree.rootNode).filter((d) => d.type === 'var_declaration').flatMap((d) => all(d, 'var_spec')).flatMap((v) => v.childrenForFieldName('name').map((x) => x?.text ?? ''))));
  /**
   * A selector chain rooted at a package-level value, as `dir#Var.Field`: `conf.Server.BasePath`
   * (imported package `conf`) or `Server.BasePath` inside that package; undefined for locals.
   */
  const setting = (n: Node): string | undefined => {
    const chain: string[] = [];
    let b: Node = n;
    while (b.type === 'selector_expression') {
      chain.unshift(b.childForFieldName('field')!.text);
      b = b.childForFieldName('operand')!;
    }
    if (b.type !== 'identifier') return undefined;
    // Bound in a function (a local, a parameter, a receiver): no setting. The file's own scope holds package-level values;
    // `config = conf.Load(…)` in main assigns this file's package-level variable and binds no local.
    for (let fn = fnOf(b); fn; fn = fnOf(fn)) if (scope(fn).has(b.text) && !(topVars(b).has(b.text) && !declaresLocal(fn, b.text))) return undefined;
    const imp = facts.imports[b.text];
    if (imp) return imp.dir !== undefined && chain.length >= 2 ? `${imp.dir}#${chain.join('.')}` : undefined;
    return `${dir}#${[b.text, ...chain].join('.')}`;
  };
  /**
   * `factory()` with `factory` a parameter, `mw.MigrationStruct()` with `mw` the method's receiver:
   * a call, without arguments, of a function the caller hands in.
   */
  const madeRef = (call: Node): MadeRef | undefined => {
    if (call.type !== 'call_expression' || callArgs(call).length) return undefined;
    const f = call.childForFieldName('function')!;
    const id = f.type === 'identifier' ? f : f.type === 'selector_expression' ? f.childForFieldName('operand') : undefined;
    if (id?.type !== 'identifier') return undefined;
    for (let fn = fnOf(id); fn; fn = fnOf(fn)) {
      const v = scope(fn).get(id.text);
      if (!v) continue;
      if (f === id) return 'param' in v ? { fn: keyOf(fn), index: v.param } : undefined;
      const recv = fn.type === 'method_declaration' ? kids(fn.childForFieldName('receiver'))[0]?.childForFieldName('name')?.text : undefined;
      return recv === id.text && 'type' in v ? { fn: keyOf(fn), index: -1, field: f.childForFieldName('field')!.text } : undefined;
    }
    return undefined;
  };
  /** `factory().Name()`, or `ms.Name()` after `ms := factory()`: a method without arguments on what the function made. */
  const madeMethod = (call: Node): StrPart | undefined => {
    const f = call.childForFieldName('function');
    if (f?.type !== 'selector_expression' || callArgs(call).length) return undefined;
    const o = f.childForFieldName('operand')!;
    const v = o.type === 'identifier' ? lookup(o) : undefined;
    const ref = o.type === 'call_expression' ? madeRef(o) : v && 'ret' in v ? v.made : undefined;
    if (!ref) return undefined;
    return { param: ref.fn, index: ref.index, then: { ...(ref.field ? { field: ref.field } : {}), method: f.childForFieldName('field')!.text } };
  };
  return { fnOf, keyOf, scope, lookup, callee, str, methodValue, setting, madeRef, madeMethod, localReads };
}

/** The key of a local read at a line (`cmd/app@40#c.BasePath`): what follows `#` is what a reader sees. */
export function localKey(dir: string, at: number, text: string): string {
  return `${dir}@${at}#${text}`;
}

/** A dynamic piece that is such a read. */
export const LOCAL_KEY = /^[^#]*@\d+#/;

const FLAG_LIBRARIES = /^(flag|github\.com\/spf13\/(pflag|cobra)|zgo\.at\/zli)$|(^|\/)urfave\/cli(\/v\d+)?$/;

function importsFlagLibrary(imports: Record<string, { path: string }>): boolean {
  return Object.values(imports).some((i) => FLAG_LIBRARIES.test(i.path));
}

/** The composite literal a method is called on, through parentheses and `&`. */
function literalOf(n: Node): Node | undefined {
  let x: Node | null = n;
  while (x && (x.type === 'parenthesized_expression' || (x.type === 'unary_expression' && x.childForFieldName('operator')?.text === '&'))) x = x.type === 'parenthesized_expression' ? x.namedChildren[0] : x.childForFieldName('operand');
  return x?.type === 'composite_literal' ? x : undefined;
}

/** Whether a function binds `name` itself: a parameter, its receiver, `name :=`, `var name`, a range or type switch binding it. */
function declaresLocal(fn: Node, name: string): boolean {
  const named = (ns: (Node | null)[]): boolean => ns.some((x) => x?.text === name);
  if (kids(fn.childForFieldName('parameters')).some((d) => named(d.childrenForFieldName('name')))) return true;
  if (kids(fn.childForFieldName('receiver')).some((d) => named(d.childrenForFieldName('name')))) return true;
  for (const d of all(fn, ['short_var_declaration', 'var_spec', 'range_clause', 'type_switch_statement'])) {
    if (d.type === 'var_spec' && named(d.childrenForFieldName('name'))) return true;
    if (d.type === 'short_var_declaration' && named(kids(d.childForFieldName('left')))) return true;
    if (d.type === 'range_clause' && /^[^=]*:=/.test(d.text) && named(kids(d.childForFieldName('left')))) return true;
    if (d.type === 'type_switch_statement' && named(d.childrenForFieldName('alias'))) return true;
  }
  return false;
}
