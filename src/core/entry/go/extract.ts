// Go HTTP routes, one file at a time: net/http (incl. Go 1.22 "GET /x/{id}"), httprouter, chi,
// gin, echo, gorilla/mux and fiber. Walks the file in document order, keeping per-function
// bindings, so routers made in one place and extended in another (struct fields, parameters,
// closures, interfaces) become symbolic references that link.ts ties together across packages.
import type { Node, Tree } from 'web-tree-sitter';
import type { ModuleIndex } from '../resolveModule';
import { all, callArgs, kids, line, rangeOf, stringValue } from '../treeUtil';
import { functionFacts, type BodyContext } from './bodies';
import { readDeclarations } from './declarations';
import { CREATORS, creatorFramework, ROUTER_PARAM } from './frameworks';
import type { Callee, GoCandidate, GoFileFacts, GoRef, StrPart } from './types';

const VERB = new Set(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'Any', 'Get', 'Post', 'Put', 'Delete', 'Patch', 'Options', 'Head', 'Connect', 'Trace', 'All']);
const HANDLE = new Set(['Handle', 'HandleFunc', 'Handler', 'HandlerFunc', 'Method', 'MethodFunc', 'Add', 'Mount']);
const GROUP = new Set(['Group', 'PathPrefix', 'Subrouter', 'With', 'Route', 'Party']);
const FN = ['function_declaration', 'method_declaration', 'func_literal'];
const CONSTANT = new Set(['true', 'false', 'nil', 'int_literal', 'float_literal', 'interpreted_string_literal', 'raw_string_literal']);

type Value = { router: GoRef } | { type: string } | { str: StrPart[] } | { fn: Callee } | { ret: Callee } | { param: number; type: string };

export function extractGo(tree: Tree, file: string, modules: ModuleIndex): GoFileFacts {
  const root = tree.rootNode;
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  const facts: GoFileFacts = { file, dir, imports: {}, funcs: [], structs: {}, consts: {}, constTypes: {}, routers: {}, edges: [], uses: [], routes: [], calls: [], passes: [] };
  const frameworks = new Set<string>();
  const typeKey = readDeclarations(root, facts, modules, frameworks);
  const usesEcho = frameworks.has('echo');

  const fnOf = (n: Node): Node | undefined => {
    for (let p = n.parent; p; p = p.parent) if (FN.includes(p.type)) return p;
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
            if (id) s.set(id.text, ROUTER_PARAM.test(t?.text ?? '') ? { router: `P:${keyOf(fn)}(${i})` } : t?.text === 'string' ? { str: [{ param: keyOf(fn), index: i }] } : { param: i, type: typeKey(t) ?? '' });
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
      return [{ dyn: v ? n.text : `${dir}#${n.text}` }];
    }
    if (n.type === 'selector_expression') {
      const op = n.childForFieldName('operand')!.text;
      const f = n.childForFieldName('field')!.text;
      const m = /^Method([A-Z][a-z]+)$/.exec(f);
      if (op === 'http' && m) return [{ lit: m[1].toUpperCase() }];
      const imp = facts.imports[op];
      if (imp?.dir !== undefined) return [{ dyn: `${imp.dir}#${f}` }];
    }
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
  const ctx: BodyContext = {
    callee,
    str,
    typeOfLiteral: (lit) => typeKey(lit.childForFieldName('type')),
    strFn: { dir, callee, importDir: (name) => facts.imports[name]?.dir },
  };
  // `m := &csrfManager{…}; …; return m`: the type the constructor returns.
  ctx.typeOfName = (fn, name) => {
    for (const d of all(fn, 'short_var_declaration')) {
      if (kids(d.childForFieldName('left'))[0]?.text !== name) continue;
      let r: Node | undefined = kids(d.childForFieldName('right'))[0];
      if (r?.type === 'unary_expression') r = r.namedChildren[0] ?? undefined;
      if (r?.type === 'composite_literal') return typeKey(r.childForFieldName('type'));
    }
    return undefined;
  };
  const candidate = (n: Node, via: string, condition?: string): GoCandidate => {
    const fnNode = n.type === 'call_expression' ? n.childForFieldName('function')! : n;
    const args = n.type === 'call_expression' ? callArgs(n).map((a) => str(a)) : undefined;
    return { text: n.text.replace(/\s+/g, ' ').slice(0, 160), file, line: line(n), via, callee: callee(fnNode), ...(args ? { args } : {}), ...(condition ? { condition } : {}) };
  };
  const conditionOf = (n: Node): string | undefined => {
    for (let p = n.parent; p && !FN.includes(p.type); p = p.parent) if (p.type === 'if_statement') return p.childForFieldName('condition')?.text;
    return undefined;
  };

  const evaluated = new Map<string, GoRef | undefined>();
  const newRouter = (n: Node, framework: string): GoRef => {
    const ref = `R:${file}@${n.startIndex}-${n.endIndex}`;
    facts.routers[ref] = framework;
    return ref;
  };
  /** The router an expression stands for, creating group and wrapper nodes on the way. */
  const evalRouter = (n: Node | null | undefined, asValue = true): GoRef | undefined => {
    if (!n) return undefined;
    if (n.type === 'parenthesized_expression' || n.type === 'unary_expression') return evalRouter(n.namedChildren[0], asValue);
    if (n.type === 'identifier') {
      const v = lookup(n);
      if (v && 'router' in v) return v.router;
      if (v && 'type' in v && v.type && !(v.type.startsWith('ext:') && !ROUTER_PARAM.test(v.type))) return `V:${v.type}`;
      return undefined;
    }
    if (n.type === 'selector_expression') {
      const base = n.childForFieldName('operand')!;
      const field = n.childForFieldName('field')!.text;
      if (base.text === 'http' && field === 'DefaultServeMux') return 'G:DefaultServeMux';
      const chain: string[] = [field];
      let b = base;
      while (b.type === 'selector_expression') {
        chain.unshift(b.childForFieldName('field')!.text);
        b = b.childForFieldName('operand')!;
      }
      const v = b.type === 'identifier' ? lookup(b) : undefined;
      if (v && 'type' in v && v.type && !v.type.startsWith('ext:')) return `F:${v.type}|${chain.join('.')}`;
      return undefined;
    }
    if (n.type === 'composite_literal') {
      const t = typeKey(n.childForFieldName('type'));
      if (!t) return undefined;
      for (const ke of all(n, 'keyed_element')) {
        if (ke.parent?.parent?.startIndex !== n.startIndex) continue;
        const key = ke.childForFieldName('key')?.text;
        const val = evalRouter(ke.childForFieldName('value')?.namedChildren[0]);
        if (key && val) facts.edges.push({ parent: val, child: `F:${t}|${key}`, prefix: [], guards: [], file, line: line(ke), order: ke.startIndex, alias: true });
      }
      return undefined;
    }
    if (n.type !== 'call_expression') return undefined;
    const k = `${n.startIndex}-${n.endIndex}`;
    if (evaluated.has(k)) return evaluated.get(k);
    evaluated.set(k, undefined);
    const r = evalCall(n, asValue);
    evaluated.set(k, r);
    return r;
  };
  const evalCall = (n: Node, asValue: boolean): GoRef | undefined => {
    const fnNode = n.childForFieldName('function')!;
    const args = callArgs(n);
    const made = CREATORS.exec(fnNode.text);
    if (made) return newRouter(n, creatorFramework(made));
    if (/^http\.(Handler|HandlerFunc)$/.test(fnNode.text) || fnNode.text === 'gin.WrapH') return evalRouter(args[0]);
    if (fnNode.type === 'selector_expression') {
      const field = fnNode.childForFieldName('field')!.text;
      const operand = fnNode.childForFieldName('operand')!;
      if (GROUP.has(field)) {
        const parent = evalRouter(operand);
        if (!parent) return undefined;
        if (field === 'Subrouter') return parent;
        const fl = args.find((a) => a.type === 'func_literal');
        const hasPrefix = field !== 'With' && !(field === 'Group' && args[0]?.type === 'func_literal');
        const ref = newRouter(n, facts.routers[parent] ?? '');
        const mw = (hasPrefix ? args.slice(1) : args).filter((a) => a.type !== 'func_literal');
        facts.edges.push({ parent, child: ref, prefix: hasPrefix ? str(args[0]) : [], guards: mw.map((a) => candidate(a, `${fnNode.text.slice(0, 60)} middleware`)), file, line: line(n), order: n.startIndex });
        if (fl) facts.edges.push({ parent: ref, child: `P:${file}@${fl.startIndex}(0)`, prefix: [], guards: [], file, line: line(n), order: n.startIndex });
        return ref;
      }
    }
    if (!asValue) return undefined;
    // A call that takes a router and gives a handler back: middleware wrapping it (`auth(mux)`).
    // Only what is surely a router, or a field named like one (`auth(s.mux)`), is wrapped.
    const found = args.map((a) => evalRouter(a)).filter((r): r is GoRef => !!r);
    const inner = found.find((r) => /^[RPG]:/.test(r)) ?? found.find((r) => /^F:.*\|(\w+\.)*\w*(router|mux|engine|handler|echo|app|api)$/i.test(r));
    if (!inner) return undefined;
    const ref = newRouter(n, '');
    facts.edges.push({ parent: ref, child: inner, prefix: [], guards: [candidate(n, `wraps the handler at ${file}:${line(n)}`, conditionOf(n))], file, line: line(n), order: n.startIndex });
    return ref;
  };

  const bind = (left: Node | undefined, right: Node | undefined, fn: Node | undefined): void => {
    // `s.router = chi.NewRouter()`: the field is that router.
    if (left?.type === 'selector_expression' && right) {
      const field = evalRouter(left);
      const val = field && evalRouter(right);
      if (field && val) facts.edges.push({ parent: val, child: field, prefix: [], guards: [], file, line: line(left), order: left.startIndex, alias: true });
      return;
    }
    if (left?.type !== 'identifier' || !right || left.text === '_') return;
    const s = scope(fn);
    const r = evalRouter(right);
    if (r) return void s.set(left.text, { router: r });
    const inner = right.type === 'unary_expression' ? right.namedChildren[0] : right;
    if (inner?.type === 'composite_literal') {
      const t = typeKey(inner.childForFieldName('type'));
      if (t) return void s.set(left.text, { type: t });
    }
    if (right.type === 'func_literal' || right.type === 'selector_expression') {
      const c = callee(right);
      if (c && right.type === 'func_literal') return void s.set(left.text, { fn: c });
      if (c && !c.startsWith('meth:')) return void s.set(left.text, { fn: c });
    }
    if (right.type === 'call_expression') {
      const c = callee(right.childForFieldName('function')!);
      if (c) return void s.set(left.text, { ret: c });
    }
    const sv = str(right);
    if (sv.every((p) => !('dyn' in p))) s.set(left.text, { str: sv });
  };

  const visit = (n: Node): void => {
    switch (n.type) {
      case 'function_declaration':
      case 'method_declaration':
      case 'func_literal':
        facts.funcs.push(functionFacts(n, keyOf(n), file, ctx));
        break;
      case 'short_var_declaration':
      case 'assignment_statement': {
        const ls = kids(n.childForFieldName('left'));
        const rs = kids(n.childForFieldName('right'));
        if (ls.length === rs.length) ls.forEach((l, i) => bind(l, rs[i], fnOf(n)));
        else bind(ls[0], rs[0], fnOf(n));
        break;
      }
      case 'var_spec':
        bind(n.childForFieldName('name') ?? undefined, n.childForFieldName('value')?.namedChildren[0] ?? undefined, fnOf(n));
        break;
      case 'call_expression':
        onCall(n);
        break;
    }
    for (const k of n.namedChildren) if (k) visit(k);
  };

  const onCall = (call: Node): void => {
    const fnNode = call.childForFieldName('function')!;
    const args = callArgs(call);
    const c = callee(fnNode);
    if (c && args.length) {
      const sargs = args.map((a) => str(a));
      if (sargs.some((s) => s.every((p) => !('dyn' in p)))) facts.calls.push({ callee: c, args: sargs, file });
    }
    if (fnNode.type === 'selector_expression') {
      const field = fnNode.childForFieldName('field')!.text;
      const operand = fnNode.childForFieldName('operand')!;
      const pkgHttp = operand.text === 'http' && (field === 'Handle' || field === 'HandleFunc');
      const recv = pkgHttp ? 'G:DefaultServeMux' : VERB.has(field) || HANDLE.has(field) || field === 'Use' || GROUP.has(field) ? evalRouter(operand) : undefined;
      if (pkgHttp) facts.routers[recv!] = 'net/http';
      // A field or a struct value is a router only when used like one: with a path as a string.
      if (recv && /^[FV]:/.test(recv) && (VERB.has(field) || HANDLE.has(field))) {
        const p = args.length >= 3 && /^(http\.Method|")/.test(args[0].text) ? args[1] : args[0];
        if (!p || !str(p).every((x) => 'lit' in x || 'param' in x || 'call' in x || /^[\w/.-]*#\w+$/.test(x.dyn))) return;
      }
      if (recv && VERB.has(field) && args.length >= 2) {
        const [h, mw] = usesEcho ? [args[1], args.slice(2)] : [args[args.length - 1], args.slice(1, -1)];
        return addRoute(call, recv, /^(Any|All)$/.test(field) ? 'ANY' : field.toUpperCase(), args[0], h, mw);
      }
      if (recv && HANDLE.has(field) && args.length >= 2) {
        let methods = ['ANY'];
        let pathNode = args[0];
        const first = str(args[0]);
        if (args.length >= 3 && first.length === 1 && 'lit' in first[0] && /^[A-Z]+$/.test(first[0].lit)) {
          methods = [first[0].lit];
          pathNode = args[1];
        }
        const sel = call.parent;
        if (sel?.type === 'selector_expression' && sel.childForFieldName('field')?.text === 'Methods' && sel.parent?.type === 'call_expression') {
          const ms = callArgs(sel.parent).map((a) => str(a)).map((s) => ('lit' in s[0] ? s[0].lit : ''));
          if (ms.every(Boolean)) methods = ms;
        }
        const handler = args[args.length - 1];
        // A handler that is itself a router is a mount: chi strips the prefix, http.StripPrefix too.
        let strip: StrPart[] = [];
        let h = handler;
        while (h.type === 'call_expression' && /^http\.StripPrefix$/.test(h.childForFieldName('function')!.text)) {
          strip = str(callArgs(h)[0]);
          h = callArgs(h)[1] ?? h;
        }
        // Whether it is a router is known only once linked: the edge and the route are both kept
        // and link.ts drops the one that does not hold.
        const child = evalRouter(handler);
        if (child) facts.edges.push({ parent: recv, child, prefix: field === 'Mount' ? str(pathNode) : strip, guards: [], method: methods[0] === 'ANY' ? undefined : methods[0], file, line: line(call), order: call.startIndex, mount: true });
        for (const m of methods) addRoute(call, recv, m, pathNode, handler, [], field === 'Mount', child);
        return;
      }
      if (recv && field === 'Use') {
        for (const a of args) facts.uses.push({ router: recv, candidate: candidate(a, `${operand.text.slice(0, 60)}.Use`), file, order: call.startIndex, ordered: frameworks.has('gin') });
        return;
      }
      if (recv && GROUP.has(field)) {
        evalRouter(call);
        return;
      }
    }
    // A helper that receives a router: users.Register(v1.Group("/users")), h.Route(r), setupRoutes(r).
    if (!c) return;
    args.forEach((a, i) => {
      const r = evalRouter(a, false);
      if (r) facts.passes.push({ router: r, callee: c, index: i, file, line: line(call), order: call.startIndex });
    });
  };

  const addRoute = (call: Node, recv: GoRef, method: string, pathNode: Node, handler: Node, mw: Node[], subtree = false, mount?: GoRef): void => {
    let parts = str(pathNode);
    // Go 1.22 ServeMux: "GET /users/{id}", "example.com/x".
    if (parts.length && 'lit' in parts[0]) {
      const m = /^([A-Z]+)\s+(\S*)$/.exec(parts[0].lit);
      if (m) {
        method = m[1];
        parts = [{ lit: m[2].replace(/^[^/]+(?=\/)/, '') }, ...parts.slice(1)];
      }
    }
    const last = parts[parts.length - 1];
    const fw = frameworkOf(recv);
    if ((fw === 'net/http' || subtree) && last && 'lit' in last && last.lit.endsWith('/')) parts = [...parts.slice(0, -1), { lit: last.lit + '*' }];
    const { wrappers, inner } = unwrapHandler(handler);
    facts.routes.push({
      router: recv,
      method,
      path: parts,
      fnKey: keyOf(fnOf(call)),
      handler: handler.type === 'func_literal' ? '<inline>' : handler.text.replace(/\s+/g, ' ').slice(0, 120),
      registrar: call.childForFieldName('function')!.text.replace(/^.*\./, ''),
      handlerCallee: inner.type === 'call_expression' ? undefined : callee(inner),
      ...(inner.type === 'call_expression' && callArgs(inner).every((a) => CONSTANT.has(a.type)) ? { factory: callee(inner.childForFieldName('function')!) } : {}),
      ...(inner.type === 'func_literal' ? { inline: rangeOf(inner) } : {}),
      guards: [...mw.map((m) => candidate(m, `middleware argument of ${fnNode(call)}`)), ...wrappers],
      file,
      line: line(call),
      order: call.startIndex,
      framework: fw,
      ...(mount ? { mount } : {}),
    });
  };
  /**
   * The handler inside its wrappers (`auth(h.List)`, `http.HandlerFunc(f)`), and the wrappers as
   * middleware. A wrapper may wrap another (`extractPayloadByKid(h.isPostAsGet(h.GetOrder))`): the
   * walk goes down a call argument only when a function is found at its bottom, so a handler built
   * from values (`handlers.New(store.Open(cfg))`) keeps the call as its handler, as before.
   */
  const unwrapHandler = (handler: Node): { wrappers: GoCandidate[]; inner: Node } => {
    const wrappers: GoCandidate[] = [];
    let inner = handler;
    while (inner.type === 'call_expression' && callArgs(inner).length > 0) {
      const f = inner.childForFieldName('function')!;
      if (!/^(http\.(HandlerFunc|StripPrefix|TimeoutHandler|MaxBytesHandler)|gin\.Wrap[FH])$/.test(f.text)) wrappers.push({ ...candidate(inner, `wrapper around the handler`), text: f.text });
      const as = callArgs(inner);
      const last = as[as.length - 1];
      const fnArg = as.find((a) => a.type === 'func_literal' || a.type === 'selector_expression' || a.type === 'identifier');
      let next = fnArg && last.type !== 'interpreted_string_literal' ? last : fnArg;
      let nested: { wrappers: GoCandidate[]; inner: Node } | undefined;
      if (!fnArg && last.type === 'call_expression') {
        nested = unwrapHandler(last);
        if (nested.inner.type === 'call_expression' || !callee(nested.inner)?.startsWith('fn:')) nested = undefined;
        next = nested?.inner;
      }
      if (!next || next.startIndex === inner.startIndex) break;
      if (nested) {
        wrappers.push(...nested.wrappers);
        return { wrappers, inner: nested.inner };
      }
      inner = next;
    }
    return { wrappers, inner };
  };
  const fnNode = (call: Node): string => call.childForFieldName('function')!.text.slice(0, 60);
  const frameworkOf = (r: GoRef): string => facts.routers[r] || [...frameworks][0] || 'net/http';

  visit(root);
  return facts;
}
