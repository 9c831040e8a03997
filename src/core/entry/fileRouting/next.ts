// Next.js: the app router (`app/**/route.ts` exporting GET/POST…) and pages/api (a default export
// per file). Route groups `(name)`, parallel slots `@name` are not in the URL; `_private` folders
// are not routable.
import type { Node, Tree } from 'web-tree-sitter';
import type { RouteDecl } from '../types';
import { branchGuards, handlerGuards } from '../handlerGuards';
import { methodBranches } from './nextPagesMethods';
import { defaultExport, fileRoute, HTTP_EXPORTS, namedExports, rangeOf } from './shared';
import { kids, line } from '../treeUtil';

export const APP_ROUTE = /(?:^|\/)(?:src\/)?app\/(.*?)\/?route\.[cm]?[jt]sx?$/;
export const PAGES_API = /(?:^|\/)(?:src\/)?pages\/(api\/.*?)(?:\/index)?\.[cm]?[jt]sx?$/;

export function nextAppRoutes(file: string, tree: Tree): RouteDecl[] | undefined {
  const m = APP_ROUTE.exec(file);
  if (!m) return undefined;
  const segments = m[1].split('/').filter((s) => s !== '');
  if (segments.some((s) => s.startsWith('_'))) return [];
  const path = '/' + segments.filter((s) => !/^\(.*\)$/.test(s) && !s.startsWith('@')).join('/');
  const out: RouteDecl[] = [];
  for (const ex of namedExports(tree)) {
    if (!HTTP_EXPORTS.includes(ex.name)) continue;
    out.push(ex.local === undefined ? fileRoute(file, 'next', ex.name, path, ex.name, ex.node, rangeOf(ex.node), handlerGuards(ex.node, file)) : fileRoute(file, 'next', ex.name, path, ex.name, ex.node, undefined));
  }
  // `export * from '../../links/route'` (an old URL kept for a moved route): the methods are the other
  // file's, known once every file is read (reexportedHandlers.ts); until then one route in doubt.
  for (const ex of kids(tree.rootNode)) {
    const from = ex.type === 'export_statement' && ex.children.some((c) => c?.type === '*') && !ex.children.some((c) => c?.type === 'namespace_export') ? ex.childForFieldName('source') : null;
    if (from) out.push({ ...fileRoute(file, 'next', 'ANY', path, '*', ex, undefined), reexportAll: from.text.slice(1, -1), doubt: `its handlers are re-exported from ${from.text}; their checks are not read here` });
  }
  return out;
}

export function nextPagesApi(file: string, tree: Tree): RouteDecl[] | undefined {
  const m = PAGES_API.exec(file);
  if (!m) return undefined;
  const def = defaultExport(tree);
  if (!def) return [];
  const path = '/' + m[1];
  const guards = handlerGuards(def, file);
  const fn = defaultFunction(tree, def);
  const branches = fn ? methodBranches(fn) : [];
  if (!branches.length) {
    const route = fileRoute(file, 'next', 'ANY', path, 'default', def, rangeOf(def), guards);
    // `export default webhook` of an imported handler: its code, and so its checks, are another file's.
    const imported = !fn && importedDefault(tree, def);
    return [imported ? { ...route, doubt: `the handler is imported from ${imported}; its checks are not read here`, reexportOf: imported } : route];
  }
  // One route per method the handler branches on, at the line of its test; each has the handler's
  // leading guards and those at the start of its own branch, and its flow is its branch's lines.
  return branches.map((b) => ({ ...fileRoute(file, 'next', b.method, path, 'default', def, b.range ?? rangeOf(def), [...guards, ...branchGuards(fn!, b.stmts, file)]), line: line(b.at) }));
}

const FUNCTIONS = new Set(['arrow_function', 'function_expression', 'function_declaration', 'function']);

/** The function a default export is: written there, or a function of this file it names (`export default handler`). */
function defaultFunction(tree: Tree, def: Node): Node | undefined {
  const value = def.childForFieldName('declaration') ?? def.childForFieldName('value') ?? kids(def).find((k) => FUNCTIONS.has(k.type) || k.type === 'identifier');
  if (!value) return undefined;
  if (FUNCTIONS.has(value.type)) return value;
  if (value.type !== 'identifier') return undefined;
  for (let st of kids(tree.rootNode)) {
    if (st.type === 'export_statement') st = st.childForFieldName('declaration') ?? st;
    if (st.type === 'function_declaration' && st.childForFieldName('name')?.text === value.text) return st;
    if (st.type !== 'lexical_declaration' && st.type !== 'variable_declaration') continue;
    const v = kids(st).find((d) => d.type === 'variable_declarator' && d.childForFieldName('name')?.text === value.text)?.childForFieldName('value');
    if (v && FUNCTIONS.has(v.type)) return v;
  }
  return undefined;
}

/** `import webhook from '../webhooks/stripe'; export default webhook;` → '../webhooks/stripe'. */
function importedDefault(tree: Tree, def: Node): string | undefined {
  const name = kids(def).find((k) => k.type === 'identifier')?.text;
  const from = def.childForFieldName('source');
  if (from) return from.text.slice(1, -1);
  if (!name) return undefined;
  for (const imp of kids(tree.rootNode).filter((k) => k.type === 'import_statement')) {
    if (imp.descendantsOfType('identifier').some((i) => i?.text === name)) return imp.childForFieldName('source')?.text.slice(1, -1);
  }
  return undefined;
}
