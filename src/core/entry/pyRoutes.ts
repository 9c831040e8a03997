// FastAPI and Flask in Python: APIRouter/Blueprint prefixes, include_router/register_blueprint
// chains across modules, decorators, Depends()/Security() and auth decorators as guards.
import type { Node, Tree } from 'web-tree-sitter';
import type { ModuleIndex } from './resolveModule';
import { emptyDecls, type FileDecls, type GuardCandidate, type Ref } from './types';
import { all, callArgs, kids, line, rangeOf, stringValue } from './treeUtil';
import { classifyGuardText, makeGuard } from './guards';

const CREATORS: Record<string, 'fastapi' | 'flask'> = { APIRouter: 'fastapi', FastAPI: 'fastapi', Blueprint: 'flask', Flask: 'flask', 'fastapi.APIRouter': 'fastapi', 'fastapi.FastAPI': 'fastapi', 'flask.Blueprint': 'flask', 'flask.Flask': 'flask' };
const PY_METHODS = new Set(['get', 'post', 'put', 'delete', 'patch', 'options', 'head']);

export function detectPyRoutes(tree: Tree, file: string, modules: ModuleIndex): FileDecls {
  const d = emptyDecls(file);
  const root = tree.rootNode;
  const key = (name: string): Ref => `${file}#${name}`;
  const moduleAlias = new Map<string, string>(); // local name → module file

  for (const imp of all(root, 'import_from_statement')) {
    const modNode = imp.childForFieldName('module_name');
    if (!modNode) continue;
    const mod = modNode.text;
    const target = modules.resolvePy(file, mod);
    for (const n of imp.childrenForFieldName('name')) {
      if (!n) continue;
      const name = n.type === 'aliased_import' ? n.childForFieldName('name')!.text : n.text;
      const alias = n.type === 'aliased_import' ? n.childForFieldName('alias')!.text : n.text;
      const sub = modules.resolvePy(file, mod.endsWith('.') ? mod + name : `${mod}.${name}`);
      if (sub && sub !== target) moduleAlias.set(alias, sub);
      else if (target) d.aliases[key(alias)] = `import:${target}#${name}`;
    }
  }
  for (const imp of all(root, 'import_statement')) {
    for (const n of kids(imp)) {
      const name = n.type === 'aliased_import' ? n.childForFieldName('name')!.text : n.text;
      const alias = n.type === 'aliased_import' ? n.childForFieldName('alias')!.text : n.text;
      const target = modules.resolvePy(file, name);
      if (target) moduleAlias.set(alias, target);
    }
  }

  const refOf = (n: Node | undefined): Ref | undefined => {
    if (!n) return undefined;
    if (n.type === 'identifier') return key(n.text);
    if (n.type === 'attribute') {
      const obj = n.childForFieldName('object')?.text ?? '';
      const attr = n.childForFieldName('attribute')?.text ?? '';
      const mod = moduleAlias.get(obj);
      if (mod) return `import:${mod}#${attr}`;
      return key(n.text);
    }
    return undefined;
  };
  const kw = (call: Node, name: string): Node | undefined => {
    for (const a of callArgs(call)) if (a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name) return a.childForFieldName('value') ?? undefined;
    return undefined;
  };
  const depsOf = (list: Node | undefined, via: string): GuardCandidate[] => kids(list).map((n) => dependencyGuard(n, via)).filter((g): g is GuardCandidate => !!g);
  const dependencyGuard = (n: Node, via: string): GuardCandidate | undefined => {
    // Depends(get_current_user) / Security(auth, scopes=[...]): the guard is the dependency.
    if (n.type !== 'call') return undefined;
    const fn = n.childForFieldName('function')?.text ?? '';
    if (!/^(Depends|Security|fastapi\.Depends|fastapi\.Security)$/.test(fn)) return undefined;
    const dep = callArgs(n)[0];
    const text = dep ? dep.text : n.text;
    const cls = classifyGuardText(text) ?? (fn.endsWith('Security') ? { kind: 'authentication' as const, matched: 'Security' } : undefined);
    if (!cls) return undefined;
    return { text: n.text, line: line(n), via, guard: makeGuard(n.text, file, line(n), via, cls) };
  };

  d.constants = {};
  for (const asg of all(root, 'assignment')) {
    const left = asg.childForFieldName('left');
    const right = asg.childForFieldName('right');
    const sv = stringValue(right);
    if (left?.type === 'identifier' && sv !== undefined && (sv === '' || sv.startsWith('/'))) d.constants[left.text] = sv;
    if (left?.type === 'identifier' && right && asg.parent?.parent?.type === 'module') {
      const gs = (right.descendantsOfType('call').filter(Boolean) as Node[]).map((c) => dependencyGuard(c, `type alias ${left.text}`)).filter((g): g is GuardCandidate => !!g);
      if (gs.length) (d.guardAliases ??= {})[key(left.text)] = gs;
    }
    if (left?.type !== 'identifier' || right?.type !== 'call') continue;
    const fn = right.childForFieldName('function')?.text ?? '';
    if (!CREATORS[fn]) continue;
    const ref = key(left.text);
    d.routers.add(ref);
    const prefixNode = kw(right, 'prefix') ?? kw(right, 'url_prefix');
    const prefix = stringValue(prefixNode) ?? '';
    d.prefixes[ref] = { prefix, guards: depsOf(kw(right, 'dependencies'), `dependencies of ${left.text} = ${fn}()`) };
  }

  for (const call of all(root, 'call')) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'attribute') continue;
    const method = fn.childForFieldName('attribute')?.text ?? '';
    const obj = fn.childForFieldName('object')!;
    if (method === 'include_router' || method === 'register_blueprint' || method === 'mount') {
      const args = callArgs(call).filter((a) => a.type !== 'keyword_argument');
      const childNode = method === 'mount' ? args[1] : args[0];
      const child = refOf(childNode);
      const parent = refOf(obj);
      if (!child || !parent) continue;
      const prefixNode = kw(call, 'prefix') ?? kw(call, 'url_prefix') ?? (method === 'mount' ? args[0] : undefined);
      const prefix = stringValue(prefixNode);
      d.uses.push({
        parent,
        prefix: prefix ?? '',
        dynamic: prefixNode && prefix === undefined ? prefixNode.text : undefined,
        args: depsOf(kw(call, 'dependencies'), `dependencies of ${obj.text}.${method}`),
        children: [child],
        replacesOwnPrefix: method === 'register_blueprint' && prefix !== undefined ? true : undefined,
        file,
        line: line(call),
        order: call.startIndex,
      });
      d.routers.add(parent);
    } else if (method === 'add_api_route' || method === 'add_url_rule') {
      const args = callArgs(call).filter((a) => a.type !== 'keyword_argument');
      const pathNode = args[0];
      const view = kw(call, 'view_func') ?? kw(call, 'endpoint') ?? args[1];
      const parent = refOf(obj);
      if (!pathNode || !view || !parent) continue;
      const methods = (kids(kw(call, 'methods')).map((m) => stringValue(m)?.toUpperCase()).filter(Boolean) as string[]);
      for (const m of methods.length ? methods : [method === 'add_url_rule' ? 'GET' : 'ANY']) {
        d.routes.push({ router: parent, method: m, path: stringValue(pathNode) ?? '', dynamic: stringValue(pathNode) === undefined ? pathNode.text : undefined, handler: view.text, handlerRef: refOf(view), guards: [], file, line: line(call), order: call.startIndex, framework: 'python' });
      }
    }
  }

  for (const def of all(root, 'decorated_definition')) {
    const target = def.childForFieldName('definition');
    if (target?.type !== 'function_definition') continue;
    const decorators = kids(def).filter((k) => k.type === 'decorator');
    const fnName = target.childForFieldName('name')?.text ?? '<anonymous>';
    const routeDecs: { router: Ref; methods: string[]; pathNode?: Node; call: Node; framework: string }[] = [];
    const guards: GuardCandidate[] = [];
    for (const dec of decorators) {
      const expr = dec.namedChildren[0];
      if (!expr) continue;
      const call = expr.type === 'call' ? expr : undefined;
      const callee = call ? call.childForFieldName('function') : expr;
      if (callee?.type === 'attribute' && call) {
        const m = callee.childForFieldName('attribute')?.text ?? '';
        const obj = callee.childForFieldName('object')!;
        const positional = callArgs(call).filter((a) => a.type !== 'keyword_argument');
        const pathNode = kw(call, 'path') ?? kw(call, 'rule') ?? positional[0];
        if (PY_METHODS.has(m) || m === 'route' || m === 'api_route') {
          let methods = [m.toUpperCase()];
          if (m === 'route' || m === 'api_route') {
            const list = kids(kw(call, 'methods')).map((x) => stringValue(x)?.toUpperCase()).filter(Boolean) as string[];
            methods = list.length ? list : [m === 'route' ? 'GET' : 'ANY'];
          }
          const ref = refOf(obj);
          if (ref && (pathNode === undefined || stringValue(pathNode) !== undefined || pathNode.type !== 'keyword_argument')) {
            routeDecs.push({ router: ref, methods, pathNode, call, framework: m === 'route' ? 'flask' : 'fastapi' });
            guards.push(...depsOf(kw(call, 'dependencies'), `dependencies of @${obj.text}.${m}`));
            continue;
          }
        }
      }
      const g = makeGuard(expr.text, file, line(dec), `decorator @${expr.text.split('(')[0]}`);
      if (g) guards.push({ text: expr.text, line: line(dec), via: 'decorator', guard: g });
    }
    if (routeDecs.length === 0) continue;
    // Parameters: `user: User = Depends(get_current_user)`, `Annotated[User, Depends(...)]`.
    const dependencyRefs: Ref[] = [];
    for (const p of kids(target.childForFieldName('parameters'))) {
      const type = p.childForFieldName('type');
      const typeName = type?.namedChildren[0]?.type === 'identifier' && type.namedChildren.length === 1 ? type.namedChildren[0] : type?.type === 'identifier' ? type : undefined;
      if (typeName) guards.push({ text: typeName.text, line: line(p), via: `parameter type of ${fnName}`, aliasRef: key(typeName.text) });
      for (const c of p.descendantsOfType('call')) {
        const g = c && dependencyGuard(c, `parameter ${p.childForFieldName('name')?.text ?? p.namedChildren[0]?.text ?? ''} of ${fnName}`);
        if (g) guards.push(g);
        else if (c && /^(fastapi\.)?Depends$/.test(c.childForFieldName('function')?.text ?? '')) {
          const ref = refOf(callArgs(c)[0]);
          if (ref) dependencyRefs.push(ref);
        }
      }
    }
    for (const r of routeDecs) {
      const path = r.pathNode ? stringValue(r.pathNode) : '';
      for (const m of r.methods) {
        d.routes.push({
          router: r.router,
          method: m,
          path: path ?? '',
          dynamic: path === undefined ? r.pathNode!.text : undefined,
          handler: fnName,
          handlerSymbol: fnName,
          inlineRange: rangeOf(def),
          dependencyRefs: dependencyRefs.length ? dependencyRefs : undefined,
          guards,
          file,
          line: line(r.call),
          order: def.startIndex,
          framework: r.framework,
        });
      }
    }
  }
  return d;
}
