// NestJS `ServeStaticModule.forRoot({ rootPath, serveRoot })` (@nestjs/serve-static): the files
// under `serveRoot` (every path when there is none: the module answers an unknown path with the
// client's index.html) are served there, so the mount is one route of its own, `GET <serveRoot>/*`,
// as Express's `use(prefix, express.static(dir))` is. Outside the global prefix, and not behind
// Nest's guards, which apply to controllers only.
import type { Node } from 'web-tree-sitter';
import type { RouteDecl } from './types';
import { all, callArgs, kids, line, rangeOf, stringValue } from './treeUtil';
import { joinPaths } from './routePath';

export function detectNestStatic(root: Node, file: string, text: string): RouteDecl[] {
  if (!text.includes('ServeStaticModule')) return [];
  const out: RouteDecl[] = [];
  for (const call of all(root, 'call_expression')) {
    if (!/(^|\.)ServeStaticModule\.forRoot$/.test(call.childForFieldName('function')?.text ?? '')) continue;
    for (const opts of callArgs(call).filter((a) => a.type === 'object')) {
      const root = kids(opts).find((p) => p.type === 'pair' && p.childForFieldName('key')?.text === 'serveRoot')?.childForFieldName('value');
      const prefix = root ? stringValue(root) : '';
      out.push({
        method: 'GET',
        path: joinPaths(prefix ?? '', '*'),
        dynamic: prefix === undefined ? `${root!.text}/*` : undefined,
        handler: 'ServeStaticModule',
        handlerSymbol: undefined,
        inlineRange: rangeOf(opts),
        guards: [],
        file,
        line: line(call),
        order: call.startIndex,
        framework: 'nest-static',
      });
    }
  }
  return out;
}
