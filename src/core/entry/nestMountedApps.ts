// Nest modules that serve a whole application of a package under a prefix, configured in the
// `imports` of a @Module: `ServeStaticModule.forRoot({ rootPath, serveRoot })` (@nestjs/serve-static)
// serves files under `serveRoot` (every path when there is none: the module answers an unknown
// path with the client's index.html); `BullBoardModule.forRoot({ route, middleware })`
// (@bull-board/nestjs) serves the queue dashboard under `route`. Each mount is one route of its
// own (`GET <serveRoot>/*`, `ANY <route>/*`), as Express's `use(prefix, express.static(dir))` and
// the bundled applications of frameworks/bundledApps.ts are. Outside the global prefix, and not
// behind Nest's guards, which apply to controllers only; a `middleware` option runs before the
// application and is judged by its code (applyNestFacts).
//
// The prefix is often a constant imported from a shared config file (`route: BULL_BOARD_ROUTE`):
// a name is kept as `pathConst`, which the JavaScript interpreter evaluates once the program ran
// (findEntryPoints.ts); until then, or when it cannot, the path is dynamic with the name.
import type { Node } from 'web-tree-sitter';
import type { GuardCandidate, RouteDecl } from './types';
import { all, callArgs, kids, line, rangeOf, stringValue } from './treeUtil';
import { joinPaths } from './routePath';
import { classifyGuardText, makeGuard } from './guards';

interface MountedApp {
  /** The call, as written (`ServeStaticModule.forRoot`, `Nest.ServeStaticModule.forRoot`). */
  call: RegExp;
  /** The option holding the prefix. */
  prefix: string;
  method: string;
  handler: string;
  /** The option naming a middleware class run before the application, if the module has one. */
  middleware?: string;
}

const MOUNTED: readonly MountedApp[] = [
  { call: /(^|\.)ServeStaticModule\.forRoot$/, prefix: 'serveRoot', method: 'GET', handler: 'ServeStaticModule' },
  { call: /(^|\.)BullBoardModule\.forRoot$/, prefix: 'route', method: 'ANY', handler: 'BullBoardModule (Bull Board queue dashboard)', middleware: 'middleware' },
];

/** A name or a dotted member chain (`BULL_BOARD_ROUTE`, `config.routes.queues`): what the interpreter can evaluate. */
export const CONSTANT_NAME = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;

export function detectNestMountedApps(root: Node, file: string, text: string): RouteDecl[] {
  if (!text.includes('Module.forRoot')) return [];
  const out: RouteDecl[] = [];
  for (const call of all(root, 'call_expression')) {
    const fn = call.childForFieldName('function')?.text ?? '';
    const app = MOUNTED.find((m) => m.call.test(fn));
    if (!app) continue;
    for (const opts of callArgs(call).filter((a) => a.type === 'object')) {
      const option = (key: string) => kids(opts).find((p) => p.type === 'pair' && p.childForFieldName('key')?.text === key)?.childForFieldName('value');
      const root = option(app.prefix);
      const prefix = root ? stringValue(root) : '';
      const name = prefix === undefined && CONSTANT_NAME.test(root!.text) ? root!.text : undefined;
      const mw = app.middleware ? option(app.middleware) : undefined;
      out.push({
        method: app.method,
        path: joinPaths(prefix ?? '', '*'),
        dynamic: prefix === undefined ? `${root!.text}/*` : undefined,
        ...(name ? { pathConst: { expr: name, before: '', after: '*' } } : {}),
        handler: app.handler,
        handlerSymbol: undefined,
        inlineRange: rangeOf(opts),
        guards: mw ? [middlewareCandidate(mw.text, file, line(mw), `middleware of ${fn} at ${file}:${line(mw)}`)] : [],
        file,
        line: line(call),
        order: call.startIndex,
        framework: 'nest-static',
      });
    }
  }
  return out;
}

function middlewareCandidate(text: string, file: string, ln: number, via: string): GuardCandidate {
  return { text, line: ln, via, guard: makeGuard(text, file, ln, via, classifyGuardText(text) ?? { kind: 'other', matched: 'middleware' }) };
}
