// Documented operations against routes found: matched, undocumented routes, documented operations
// no route serves, and paths both know but with other methods. Paths compare with their parameters
// blanked (`/users/{id}` = `/users/:userId` = `/users/<int:id>`), and a document's server prefix is
// tried with and without (a proxy often adds it).
import type { EntryPoint } from '../entry/types';
import type { ApiDocument, ApiOperation, ApiRouteRef, ApiSpecCheck } from './types';

export function normalizePath(p: string): string {
  const out = p
    .replace(/\{[^}/]*\}/g, '{}')
    .replace(/<[^>/]*>/g, '{}')
    .replace(/\[\[?\.{0,3}[^\]/]*\]?\]/g, '{}')
    .replace(/:[A-Za-z_][\w-]*(\([^)]*\))?\??/g, '{}')
    .replace(/\/\*+$|\/\*\w*(?=\/|$)/g, '/{}')
    .replace(/\/{2,}/g, '/');
  return out.length > 1 ? out.replace(/\/+$/, '') : out || '/';
}

const ANY = new Set(['ANY', 'ALL', 'USE', '*']);

function methodServes(route: string, documented: string): boolean {
  if (ANY.has(route) || route === documented) return true;
  // Frameworks answer HEAD with the GET handler.
  return documented === 'HEAD' && route === 'GET';
}

function ref(e: EntryPoint): ApiRouteRef {
  return { id: e.id, method: e.method, path: e.path, file: e.file, line: e.line };
}

export function compareSpec(documents: ApiDocument[], operations: ApiOperation[], entries: readonly EntryPoint[], unreadable: ApiSpecCheck['unreadable'] = []): ApiSpecCheck {
  const http = entries.filter((e) => e.kind === 'http');
  const routes = http.filter((e) => !e.dynamic);
  const byPath = new Map<string, EntryPoint[]>();
  for (const r of routes) {
    const k = normalizePath(r.path);
    byPath.set(k, [...(byPath.get(k) ?? []), r]);
  }
  const bases = documents.map((d) => d.basePath).filter(Boolean);
  const used = new Set<EntryPoint>();
  const unmatchedOps = new Map<string, ApiOperation[]>();
  const notFound: ApiOperation[] = [];
  let matched = 0;
  for (const op of operations) {
    const full = normalizePath(op.path);
    const candidates = [full, ...bases.filter((b) => full.startsWith(`${normalizePath(b)}/`)).map((b) => full.slice(normalizePath(b).length))];
    const key = candidates.find((c) => byPath.has(c));
    if (key === undefined) {
      notFound.push(op);
      continue;
    }
    const serving = byPath.get(key)!.filter((r) => methodServes(r.method, op.method));
    if (serving.length) {
      matched++;
      for (const r of serving) used.add(r);
    } else unmatchedOps.set(key, [...(unmatchedOps.get(key) ?? []), op]);
  }
  const methodMismatches: ApiSpecCheck['methodMismatches'] = [];
  const inMismatch = new Set<EntryPoint>();
  for (const [key, ops] of unmatchedOps) {
    const others = byPath.get(key)!.filter((r) => !used.has(r));
    if (!others.length) {
      // The path is served, just not this method, and every route there is documented: missing.
      notFound.push(...ops);
      continue;
    }
    for (const r of others) inMismatch.add(r);
    methodMismatches.push({
      path: ops[0].path,
      documented: [...new Set(ops.map((o) => o.method))].sort(),
      found: [...new Set(others.map((r) => r.method))].sort(),
      routes: others.map(ref),
      operations: ops,
    });
  }
  const undocumented = routes.filter((r) => !used.has(r) && !inMismatch.has(r)).map(ref);
  return { documents, unreadable, undocumented, notFound, methodMismatches, matched, dynamic: http.length - routes.length };
}
