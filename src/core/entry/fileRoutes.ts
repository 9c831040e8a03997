// File-system routing: the path comes from where the file is. Next.js app router (route.ts with
// exported GET/POST…), Next.js pages/api, Nitro/Nuxt server/api and server/routes (`[id].get.ts`),
// SvelteKit +server.ts.
import type { Tree } from 'web-tree-sitter';
import type { RouteDecl } from './types';
import { all, line, rangeOf } from './treeUtil';
import { normalizeRoutePath } from './routePath';
import { handlerGuards } from './handlerGuards';

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'];

export function fileRouteFor(file: string, tree: Tree, _text: string): RouteDecl[] {
  const base = (segments: string) =>
    segments
      .split('/')
      .filter((s) => !/^\(.*\)$/.test(s) && !s.startsWith('@')) // (group) folders and @slots are not in the URL
      .join('/');
  const route = (method: string, path: string, handler: string, ln: number, range?: { start: number; end: number }, framework = 'next', guards: RouteDecl['guards'] = []): RouteDecl => ({
    method,
    path: normalizeRoutePath(path),
    handler,
    handlerSymbol: range ? handler : undefined,
    inlineRange: range,
    guards,
    file,
    line: ln,
    order: 0,
    framework,
  });

  let m = /(?:^|\/)(?:src\/)?app\/(.*?)\/?route\.[cm]?[jt]sx?$/.exec(file) ?? /(?:^|\/)src\/routes\/(.*?)\/?\+server\.[jt]s$/.exec(file);
  if (m) {
    const path = '/' + base(m[1]);
    const out: RouteDecl[] = [];
    for (const ex of all(tree.rootNode, 'export_statement')) {
      const decl = ex.childForFieldName('declaration');
      const names = decl?.type === 'function_declaration' ? [decl.childForFieldName('name')?.text] : decl ? decl.descendantsOfType('variable_declarator').map((v) => v?.childForFieldName('name')?.text) : [];
      for (const n of names) if (n && METHODS.includes(n)) out.push(route(n, path, n, line(ex), rangeOf(ex), file.includes('+server') ? 'sveltekit' : 'next', handlerGuards(ex, file)));
      for (const spec of ex.descendantsOfType('export_specifier')) {
        const alias = spec?.childForFieldName('alias')?.text ?? spec?.childForFieldName('name')?.text;
        if (alias && METHODS.includes(alias)) out.push(route(alias, path, alias, line(ex)));
      }
    }
    return out;
  }
  m = /(?:^|\/)(?:src\/)?pages\/(api\/.*?)(?:\/index)?\.[cm]?[jt]sx?$/.exec(file);
  if (m) {
    const def = all(tree.rootNode, 'export_statement').find((e) => e.children.some((c) => c?.type === 'default'));
    if (!def) return [];
    return [route('ANY', '/' + m[1], 'default', line(def), rangeOf(def), 'next', handlerGuards(def, file))];
  }
  m = /(?:^|\/)server\/(api|routes)\/(.*?)(?:\.(get|post|put|delete|patch|head|options))?\.[cm]?[jt]s$/.exec(file);
  if (m) {
    const path = (m[1] === 'api' ? '/api/' : '/') + m[2].replace(/(^|\/)index$/, '');
    const def = all(tree.rootNode, 'export_statement').find((e) => e.children.some((c) => c?.type === 'default'));
    if (!def) return [];
    return [route(m[3] ? m[3].toUpperCase() : 'ANY', path, 'default', line(def), rangeOf(def), 'nitro', handlerGuards(def, file))];
  }
  return [];
}
