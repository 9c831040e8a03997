// FastAPI's own documentation routes, registered by the application itself (FastAPI.setup): the
// OpenAPI schema at `openapi_url` (default /openapi.json), and when it is on, Swagger UI at
// `docs_url` (/docs) with its OAuth2 redirect page (`swagger_ui_oauth2_redirect_url`,
// /docs/oauth2-redirect) and ReDoc at `redoc_url` (/redoc). `None` or "" turns one off; a value we
// cannot evaluate (a setting) keeps the route with the expression as its dynamic path.
import type { Node } from 'web-tree-sitter';
import type { Ref, RouteDecl } from '../types';
import { line } from '../treeUtil';
import { evalStr, type StrEnv } from './pyEval';

type Kw = (call: Node, name: string) => Node | undefined;

export function fastapiDocsRoutes(call: Node, app: Ref, file: string, env: StrEnv, kw: Kw): RouteDecl[] {
  /** The URL an argument gives: a string, `false` when turned off, or the expression when unread. */
  const url = (name: string, byDefault: string): { path: string; at: Node } | { dynamic: string; at: Node } | false => {
    const v = kw(call, name);
    if (!v) return { path: byDefault, at: call };
    if (v.type === 'none') return false;
    const s = evalStr(v, env);
    if (s === undefined) return { dynamic: v.text, at: v };
    return s === '' ? false : { path: s, at: v };
  };
  const out: RouteDecl[] = [];
  const add = (u: ReturnType<typeof url>, handler: string): void => {
    if (!u) return;
    out.push({ router: app, method: 'GET', path: 'path' in u ? u.path : '', ...('dynamic' in u ? { dynamic: u.dynamic } : {}), handler, guards: [], file, line: line(u.at), order: call.startIndex, framework: 'fastapi' });
  };
  const openapi = url('openapi_url', '/openapi.json');
  if (!openapi) return out;
  add(openapi, 'FastAPI openapi');
  const docs = url('docs_url', '/docs');
  add(docs, 'FastAPI swagger_ui_html');
  if (docs) add(url('swagger_ui_oauth2_redirect_url', '/docs/oauth2-redirect'), 'FastAPI swagger_ui_redirect');
  add(url('redoc_url', '/redoc'), 'FastAPI redoc_html');
  return out;
}
