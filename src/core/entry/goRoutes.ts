// Go HTTP routes: net/http (incl. Go 1.22 "GET /x/{id}" patterns), gin, echo, chi, gorilla/mux,
// httprouter and fiber, with groups, Use() middleware and helper functions that receive a router
// (`users.Register(v1.Group("/users"))`) across packages.
import type { Node, Tree } from 'web-tree-sitter';
import type { ModuleIndex } from './resolveModule';
import { emptyDecls, type FileDecls, type GuardCandidate, type Ref } from './types';
import { all, callArgs, kids, line, rangeOf, stringValue } from './treeUtil';

const CREATORS = /^(gin\.(Default|New)|echo\.New|chi\.NewRouter|chi\.NewMux|mux\.NewRouter|http\.NewServeMux|httprouter\.New|fiber\.New|martini\.Classic)$/;
const UPPER = new Set(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'Any']);
const CHI = new Set(['Get', 'Post', 'Put', 'Delete', 'Patch', 'Options', 'Head', 'Connect', 'Trace']);
const ROUTER_TYPE = /(gin\.(RouterGroup|Engine|IRouter|IRoutes)|echo\.(Echo|Group)|chi\.(Router|Mux)|mux\.Router|http\.ServeMux|httprouter\.Router|fiber\.(App|Router))\b/;

export function detectGoRoutes(tree: Tree, file: string, modules: ModuleIndex): FileDecls {
  const d = emptyDecls(file);
  const root = tree.rootNode;
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  const pkgDirs = new Map<string, string>();
  let usesEcho = false;
  for (const spec of all(root, 'import_spec')) {
    const p = stringValue(spec.childForFieldName('path')) ?? '';
    if (/labstack\/echo/.test(p)) usesEcho = true;
    const name = spec.childForFieldName('name')?.text ?? p.split('/').filter((s) => !/^v\d+$/.test(s)).pop() ?? p;
    const target = modules.resolveGoDir(p);
    if (target !== undefined) pkgDirs.set(name, target);
  }
  const pkgRef = (d0: string, name: string): Ref => `godir:${d0}#${name}`;
  for (const fn of all(root, ['function_declaration'])) {
    const name = fn.childForFieldName('name')?.text;
    if (name) d.exports[name] = `${file}#${name}`;
  }

  const fnOf = (n: Node): Node | undefined => {
    for (let p = n.parent; p; p = p.parent) if (p.type === 'function_declaration' || p.type === 'method_declaration' || p.type === 'func_literal') return p;
    return undefined;
  };
  const fnLabel = (fn: Node | undefined): string => (fn ? fn.childForFieldName('name')?.text ?? `<fn@${fn.startIndex}>` : '<top>');
  const paramIndex = (fn: Node, name: string): number => {
    let i = 0;
    for (const decl of kids(fn.childForFieldName('parameters'))) {
      for (const id of decl.childrenForFieldName('name')) {
        if (id?.text === name) return ROUTER_TYPE.test(decl.childForFieldName('type')?.text ?? '') ? i : -1;
        i++;
      }
    }
    return -1;
  };

  const vars = new Map<string, Ref>(); // `fn.name` → ref
  const evaluated = new Map<number, Ref | undefined>(); // a group call is one router however often it is visited
  const evalRouter = (n: Node | null | undefined): Ref | undefined => {
    if (!n) return undefined;
    if (n.type === 'call_expression') {
      if (!evaluated.has(n.startIndex)) evaluated.set(n.startIndex, evalCall(n));
      return evaluated.get(n.startIndex);
    }
    if (n.type === 'identifier') {
      for (let fn = fnOf(n); ; fn = fn ? fnOf(fn) : undefined) {
        const v = vars.get(`${fnLabel(fn)}.${n.text}`);
        if (v) return v;
        if (fn) {
          const i = paramIndex(fn, n.text);
          if (i >= 0) {
            const ref = `${file}#${fnLabel(fn)}(${i})`;
            d.routers.add(ref);
            return ref;
          }
        }
        if (!fn) break;
      }
      return undefined;
    }
    if (n.type === 'unary_expression') return evalRouter(n.namedChildren[0]);
    return undefined;
  };
  const evalCall = (n: Node): Ref | undefined => {
    const callee = n.childForFieldName('function');
    if (!callee) return undefined;
    if (CREATORS.test(callee.text)) {
      const ref = `${file}#<router@${n.startIndex}>`;
      d.routers.add(ref);
      return ref;
    }
    if (callee.type !== 'selector_expression') return undefined;
    const field = callee.childForFieldName('field')?.text ?? '';
    const operand = callee.childForFieldName('operand');
    const args = callArgs(n);
    if (field === 'Group' || field === 'PathPrefix' || field === 'Subrouter' || field === 'With' || field === 'Route' || field === 'Party') {
      if (field === 'Subrouter') return evalRouter(operand);
      const parent = evalRouter(operand);
      if (!parent) return undefined;
      const ref = `${file}#<router@${n.startIndex}>`;
      d.routers.add(ref);
      const prefix = field === 'With' || (field === 'Group' && args[0]?.type === 'func_literal') ? '' : stringValue(args[0]);
      const rest = field === 'With' ? args : args.slice(1);
      const children = [ref];
      const fl = rest.find((a) => a.type === 'func_literal');
      if (fl || (field === 'Group' && args[0]?.type === 'func_literal')) children.push(`${file}#<fn@${(fl ?? args[0]).startIndex}>(0)`);
      d.uses.push({ parent, prefix: prefix ?? '', dynamic: prefix === undefined ? args[0]?.text : undefined, args: candidates(rest.filter((a) => a.type !== 'func_literal'), `${callee.text.slice(0, 40)} middleware`), children, file, line: line(n), order: n.startIndex });
      return ref;
    }
    return undefined;
  };
  function candidates(nodes: Node[], via: string): GuardCandidate[] {
    return nodes.map((n) => ({ text: n.text.replace(/\s+/g, ' ').slice(0, 160), line: line(n), via }));
  }

  // Bindings in document order so later uses see them.
  for (const n of all(root, ['short_var_declaration', 'assignment_statement', 'var_spec'])) {
    const left = n.type === 'var_spec' ? n.childForFieldName('name') : n.childForFieldName('left')?.namedChildren[0];
    const right = n.type === 'var_spec' ? n.childForFieldName('value')?.namedChildren[0] : n.childForFieldName('right')?.namedChildren[0];
    if (left?.type !== 'identifier' || !right) continue;
    const ref = evalRouter(right);
    if (ref) vars.set(`${fnLabel(fnOf(n))}.${left.text}`, ref);
  }

  const refOf = (n: Node): Ref | undefined => {
    if (n.type === 'identifier') return pkgRef(dir, n.text);
    if (n.type === 'selector_expression') {
      const op = n.childForFieldName('operand')?.text ?? '';
      const pd = pkgDirs.get(op);
      if (pd !== undefined) return pkgRef(pd, n.childForFieldName('field')?.text ?? '');
    }
    return undefined;
  };

  for (const call of all(root, 'call_expression')) {
    const callee = call.childForFieldName('function');
    if (!callee) continue;
    const args = callArgs(call);
    if (callee.type === 'selector_expression') {
      const field = callee.childForFieldName('field')?.text ?? '';
      const operand = callee.childForFieldName('operand')!;
      const isHttpPkg = operand.text === 'http' && (field === 'HandleFunc' || field === 'Handle');
      const recv = isHttpPkg ? 'go#http.DefaultServeMux' : evalRouter(operand);
      if (isHttpPkg) d.routers.add(recv!);
      if (recv && (UPPER.has(field) || CHI.has(field))) {
        if (args.length < 2) continue;
        const [handler, mw] = usesEcho ? [args[1], args.slice(2)] : [args[args.length - 1], args.slice(1, -1)];
        addRoute(call, recv, field === 'Any' ? 'ANY' : field.toUpperCase(), args[0], handler, mw, `${operand.text}.${field}`);
        continue;
      }
      if (recv && (field === 'HandleFunc' || field === 'Handle' || field === 'HandlerFunc' || field === 'Handler' || field === 'Add')) {
        let pathNode = args[0];
        let methods = ['ANY'];
        if ((field === 'Handle' || field === 'Handler' || field === 'Add') && args.length >= 3 && stringValue(args[0]) && /^[A-Z]+$/.test(stringValue(args[0])!)) {
          methods = [stringValue(args[0])!];
          pathNode = args[1];
        }
        const raw = stringValue(pathNode);
        let path = raw;
        const m = raw ? /^([A-Z]+)\s+(\S+)$/.exec(raw) : null; // Go 1.22: "GET /users/{id}"
        if (m) {
          methods = [m[1]];
          path = m[2].replace(/^[^/]+(?=\/)/, '');
        }
        // gorilla: r.HandleFunc("/x", h).Methods("GET", "POST")
        const sel = call.parent;
        if (sel?.type === 'selector_expression' && sel.childForFieldName('field')?.text === 'Methods' && sel.parent?.type === 'call_expression') {
          const ms = callArgs(sel.parent).map((a) => stringValue(a) ?? (/Method(\w+)$/.exec(a.text)?.[1] ?? '').toUpperCase()).filter(Boolean);
          if (ms.length) methods = ms;
        }
        for (const method of methods) addRoute(call, recv, method, pathNode, args[args.length - 1], [], `${operand.text}.${field}`, path);
        continue;
      }
      if (recv && field === 'Use') {
        d.uses.push({ parent: recv, prefix: '', args: candidates(args, `${operand.text}.Use`), file, line: line(call), order: call.startIndex });
        continue;
      }
      if (recv && field === 'Mount' && args.length >= 2) {
        const child = evalRouter(args[1]) ?? refOf(args[1]);
        if (child) d.uses.push({ parent: recv, prefix: stringValue(args[0]) ?? '', args: [], children: [child], file, line: line(call), order: call.startIndex });
        continue;
      }
      if (recv && (field === 'Route' || field === 'Group')) {
        evalRouter(call);
        continue;
      }
    }
    // A helper that receives a router: users.Register(v1.Group("/users")), setupRoutes(r)
    const target = refOf(callee);
    if (!target) continue;
    args.forEach((a, i) => {
      const r = evalRouter(a);
      if (r) d.uses.push({ parent: r, prefix: '', args: [], children: [`${target}(${i})`], file, line: line(call), order: call.startIndex });
    });
  }

  function addRoute(call: Node, recv: Ref, method: string, pathNode: Node | undefined, handler: Node | undefined, mw: Node[], via: string, pathOverride?: string): void {
    if (!pathNode || !handler) return;
    const path = pathOverride ?? stringValue(pathNode);
    // requireAuth(http.HandlerFunc(createItem)): the wrappers are middleware, the innermost function the handler.
    const wrappers: Node[] = [];
    let inner = handler;
    while (inner.type === 'call_expression' && callArgs(inner).length > 0) {
      const callee = inner.childForFieldName('function')!;
      if (!/^http\.(HandlerFunc|StripPrefix|TimeoutHandler|MaxBytesHandler)$/.test(callee.text)) wrappers.push(callee);
      inner = callArgs(inner)[callArgs(inner).length - 1];
    }
    d.routes.push({
      router: recv,
      method,
      path: path ?? '',
      dynamic: path === undefined ? pathNode.text : undefined,
      handler: handler.type === 'func_literal' ? '<inline>' : handler.text.replace(/\s+/g, ' ').slice(0, 120),
      inlineRange: handler.type === 'func_literal' ? rangeOf(handler) : undefined,
      handlerRef: refOf(inner),
      guards: [...candidates(mw, `middleware argument of ${via}`), ...candidates(wrappers, `wrapper around the handler of ${via}`)],
      file,
      line: line(call),
      order: call.startIndex,
      framework: 'go',
    });
  }
  return d;
}
