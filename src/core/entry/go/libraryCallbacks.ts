// A library's handler that runs a function of the service given in its configuration: gin-jwt's
// `mw.LoginHandler` calls the `Authenticator` set in `jwt.GinJWTMiddleware{Authenticator: j.Authenticator}`.
// The route's handler is the library's; the first code of the service a login request reaches
// is that callback, so the flow starts there. Only a callback set once in the repository counts.
import type { GoNode as Node } from './goNode';
import type { Callee, GoFileFacts } from './types';
import { all, kids, line } from '../treeUtil';

/** Library handler (`importPath#Type.Method`) → the field of its configuration struct it calls. */
const CALLBACKS: { handler: RegExp; type: string; field: string }[] = [
  { handler: /appleboy\/gin-jwt(\/v\d+)?#(GinJWTMiddleware\.)?LoginHandler$/, type: 'GinJWTMiddleware', field: 'Authenticator' },
];

export interface LibraryConfig {
  /** `importPath#Type` of the struct literal. */
  type: string;
  field: string;
  callee: Callee;
  file: string;
  line: number;
}

/** Function-valued fields of struct literals whose type comes from another module. */
export function libraryConfigs(root: Node, facts: GoFileFacts, callee: (n: Node) => Callee | undefined): LibraryConfig[] {
  const out: LibraryConfig[] = [];
  for (const lit of all(root, 'composite_literal')) {
    const t = lit.childForFieldName('type');
    if (t?.type !== 'qualified_type') continue;
    const pkg = t.childForFieldName('package')?.text ?? '';
    const imp = facts.imports[pkg];
    if (!imp || imp.dir !== undefined) continue;
    const type = `${imp.path}#${t.childForFieldName('name')?.text ?? ''}`;
    if (!CALLBACKS.some((c) => type.endsWith(`#${c.type}`))) continue;
    for (const ke of kids(lit.childForFieldName('body')).filter((k) => k.type === 'keyed_element')) {
      const [k, v] = kids(ke).map((x) => (x.type === 'literal_element' ? x.namedChildren[0] ?? x : x));
      if (!k || !v || (v.type !== 'selector_expression' && v.type !== 'identifier')) continue;
      const c = callee(v);
      if (c && !c.startsWith('meth:')) out.push({ type, field: k.text, callee: c, file: facts.file, line: line(ke) });
    }
  }
  return out;
}

/** The service's callback a library handler runs, when the repository configures exactly one. */
export function callbackOf(ext: string, name: string, files: readonly GoFileFacts[]): LibraryConfig | undefined {
  const id = `${ext}#${name}`;
  const cb = CALLBACKS.find((c) => c.handler.test(id));
  if (!cb) return undefined;
  const set = files.flatMap((f) => f.configs ?? []).filter((c) => c.type === `${ext}#${cb.type}` && c.field === cb.field);
  const distinct = new Set(set.map((c) => c.callee));
  return distinct.size === 1 ? set[0] : undefined;
}
