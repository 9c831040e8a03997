// Where a handler that routes by itself (dispatchChain.ts) is mounted, its branches sit: the
// mounted handler, or a function of ours it hands the request to (`s.handle` calling
// `s.handleInternal(w, r, v)`), holds the chain. net/http hands it the full path, so the
// branches' paths are kept as they are (a mount that keeps the path), and the wrappers of the
// mounted handler are on the way to each. When nothing but a not-found answer follows the chain,
// the mount is no route of its own. A chain no mount reaches is nobody's router: its branches
// are dropped (a middleware testing paths is not a router). The routers it hands on under a cut
// prefix (`http.StripPrefix("/api", h.AuthHandler)`, dispatchChain.ts) stay mounted on it, so a
// dispatch the server is given through its wrappers (Portainer's) is their root at `/`.
import type { GoIndex } from './resolve';
import type { GoEdge, GoFileFacts, GoFunc, GoRef, GoRoute } from './types';
import { REGEX_REF } from './dispatchChain';
import { regexPaths } from './regexPaths';

const DEPTH = 2;

export function dispatchMounts(ix: GoIndex, files: GoFileFacts[], routes: GoRoute[], edges: GoEdge[], canon: (r: GoRef) => GoRef): void {
  if (!routes.some((r) => r.router.startsWith('D:'))) return;
  for (const e of edges) if (e.parent.startsWith('D:')) e.child = heldRouter(ix, e.child, canon);
  for (const r of routes) if (r.router.startsWith('D:') && r.mount) r.mount = heldRouter(ix, r.mount, canon);
  settleRegexPaths(files, routes);
  const linked = new Set<string>();
  for (const r of routes) {
    if (r.router.startsWith('D:')) continue;
    const d = dispatcherOf(ix, ix.fnOf(r.handlerCallee));
    if (!d) continue;
    const child = `D:${d.key}`;
    linked.add(child);
    edges.push({ parent: r.router, child, prefix: [], guards: r.guards, file: r.file, line: r.line, order: r.order, mount: true, keepsPath: true });
    if (d.dispatch!.exhaustive) r.mount = child;
  }
  for (let i = routes.length - 1; i >= 0; i--) if (routes[i].router.startsWith('D:') && !linked.has(routes[i].router)) routes.splice(i, 1);
}

/**
 * A field of the dispatch's own type holding a struct of ours that embeds a router (Portainer's
 * `AuthHandler *auth.Handler`, whose `*mux.Router` NewHandler fills): that router, which every
 * value of the type is (GoIndex.canon of `V:`), rather than the field nothing else assigns.
 */
function heldRouter(ix: GoIndex, r: GoRef, canon: (r: GoRef) => GoRef): GoRef {
  const [t, field] = r.startsWith('F:') ? r.slice(2).split('|') : [];
  const type = field && !field.includes('.') ? ix.fieldType(t, field)?.replace(/^\*/, '') : undefined;
  if (!type || type.startsWith('ext:')) return r;
  const held = canon(`V:${type}`);
  return held === `V:${type}` ? r : held;
}

function dispatcherOf(ix: GoIndex, fn: GoFunc | undefined, depth = 0): GoFunc | undefined {
  if (!fn || depth > DEPTH) return undefined;
  if (fn.dispatch) return fn;
  for (const c of fn.handsRequestTo ?? []) {
    const d = dispatcherOf(ix, ix.fnOf(c), depth + 1);
    if (d) return d;
  }
  return undefined;
}

/** A branch testing a regex declared in another file: its readable paths, or the pattern as its dynamic part. */
function settleRegexPaths(files: GoFileFacts[], routes: GoRoute[]): void {
  const patterns = new Map<string, string>();
  for (const f of files) for (const [name, re] of Object.entries(f.regexes ?? {})) patterns.set(`${f.dir}#${name}`, re);
  for (let i = routes.length - 1; i >= 0; i--) {
    const r = routes[i];
    const part = r.router.startsWith('D:') && r.path.length === 1 ? r.path[0] : undefined;
    const ref = part && 'dyn' in part ? REGEX_REF.exec(part.dyn)?.[1] : undefined;
    if (!ref) continue;
    const re = patterns.get(ref);
    const lits = re === undefined ? undefined : regexPaths(re);
    if (lits) routes.splice(i, 1, ...lits.map((lit) => ({ ...r, path: [{ lit }] })));
    else r.path = [{ dyn: `regex ${re ?? ref.replace(/^.*#/, '')}` }];
  }
}
