// Calls through an interface of the service's own: Focalboard's `type RoutedService interface {
// RegisterRoutes(*mux.Router) }` and `func (ws *Server) AddRoutes(rs RoutedService) {
// rs.RegisterRoutes(ws.Router()) }`, with the API and the websocket server each handed in. The
// router passed goes to each type of ours whose methods cover the interface's, as Go dispatches it;
// an interface with no such type leaves the call as it was (a parameter nobody hands in).
import type { GoNode as Node } from './goNode';
import { all } from '../treeUtil';
import type { Callee, GoFileFacts } from './types';
import type { GoIndex } from './resolve';
import { dict } from '../../ownKeys';

/** `type T interface { A(…); B(…) }` declared in the file: T → its own method names (embedded interfaces are not followed). */
export function readInterfaces(root: Node, facts: GoFileFacts): void {
  for (const spec of all(root, 'type_spec')) {
    const t = spec.childForFieldName('type');
    if (t?.type !== 'interface_type') continue;
    const methods = all(t, ['method_elem', 'method_spec']).map((m) => m.childForFieldName('name')?.text).filter((n): n is string => !!n);
    if (methods.length) (facts.interfaces ??= dict())[spec.childForFieldName('name')!.text] = methods;
  }
}

const cache = new WeakMap<GoIndex, { ifaces: Map<string, string[]>; methodsOf: Map<string, Set<string>> }>();

/** For `fn:dir#Iface.M` with Iface an interface of ours: `fn:dir2#T.M` for each type of ours declaring all its methods; undefined otherwise. */
export function implementationsOf(ix: GoIndex, c: Callee): Callee[] | undefined {
  const m = /^fn:([^@|]*#\w+)\.(\w+)$/.exec(c);
  if (!m) return undefined;
  let idx = cache.get(ix);
  if (!idx) {
    idx = { ifaces: new Map(), methodsOf: new Map() };
    for (const f of ix.files) for (const [name, ms] of Object.entries(f.interfaces ?? {})) idx.ifaces.set(`${f.dir}#${name}`, ms);
    for (const key of ix.funcs.keys()) {
      const k = /^([^@|]*#\w+)\.(\w+)$/.exec(key);
      if (k) idx.methodsOf.set(k[1], (idx.methodsOf.get(k[1]) ?? new Set()).add(k[2]));
    }
    cache.set(ix, idx);
  }
  const ms = idx.ifaces.get(m[1]);
  if (!ms?.includes(m[2])) return undefined;
  const out: Callee[] = [];
  for (const [t, own] of idx.methodsOf) if (t !== m[1] && ms.every((x) => own.has(x)) && ix.funcs.get(`${t}.${m[2]}`) && !/_test\.go$/.test(ix.funcs.get(`${t}.${m[2]}`)!.file)) out.push(`fn:${t}.${m[2]}`);
  return out.length ? out : undefined;
}
