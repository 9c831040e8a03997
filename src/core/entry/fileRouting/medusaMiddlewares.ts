// Medusa's guards. Two sources, both applied by the framework's RoutesLoader:
// 1. per route prefix: every /admin route file gets authenticate("user", [bearer, session,
//    api-key]) (401 without a user or secret key) unless it exports `AUTHENTICATE = false`; every
//    /store route gets authenticate("customer", …, { allowUnauthenticated: true }), which reads
//    the caller when present and refuses nobody;
// 2. `src/api/middlewares.ts`: `defineMiddlewares([{ method, matcher, middlewares }…])` (arrays
//    spread from other files are followed through its imports), each entry registered as
//    `router[method](matcher, ...middlewares)`, an exact Express path match (`*` matches the rest).
// `authenticate(…)` is the framework's guard; another middleware whose name looks like auth is not
// trusted by its name: the route is `unknown` unless a known guard applies.
import type { Node, Tree } from 'web-tree-sitter';
import type { EntryPoint, Guard } from '../types';
import { all, kids, line, stringValue } from '../treeUtil';
import { classifyGuardText, oneLine } from '../guards';
import type { MedusaRouteFacts } from './medusa';

export const MEDUSA_MIDDLEWARES_FILE = /^(.*?\/)?src\/api\/(.*\/)?middlewares\.[cm]?[jt]s$/;
const ROOT_MIDDLEWARES = /^(.*?\/)?src\/api\/middlewares\.[cm]?[jt]s$/;

export interface MedusaMiddlewareEntry {
  methods: string[];
  matcher: string;
  /** The matcher is a RegExp literal. */
  regex?: boolean;
  middlewares: { text: string; line: number }[];
  file: string;
  line: number;
}

export interface MedusaMiddlewareFile {
  file: string;
  /** Relative import specifiers, resolved against the file's folder when applying. */
  imports: string[];
  entries: MedusaMiddlewareEntry[];
}

export function parseMedusaMiddlewares(tree: Tree, file: string): MedusaMiddlewareFile {
  const imports = all(tree.rootNode, 'import_statement')
    .map((i) => stringValue(i.childForFieldName('source')))
    .filter((s): s is string => !!s && s.startsWith('.'));
  const entries: MedusaMiddlewareEntry[] = [];
  for (const obj of all(tree.rootNode, 'object')) {
    const pairs = new Map(kids(obj).filter((p) => p.type === 'pair').map((p) => [p.childForFieldName('key')?.text.replace(/['"]/g, '') ?? '', p.childForFieldName('value')]));
    const matcherNode = pairs.get('matcher');
    const list = pairs.get('middlewares');
    if (!matcherNode || !list || list.type !== 'array') continue;
    const matcher = matcherNode.type === 'regex' ? matcherNode.text : stringValue(matcherNode);
    if (matcher === undefined) continue;
    const m = pairs.get('method');
    const methods = !m ? ['ALL'] : m.type === 'array' ? kids(m).map((n) => stringValue(n) ?? '').filter(Boolean) : [stringValue(m) ?? ''];
    entries.push({ methods: methods.map((x) => x.toUpperCase()), matcher, regex: matcherNode.type === 'regex', middlewares: kids(list).map((n: Node) => ({ text: n.text, line: line(n) })), file, line: line(obj) });
  }
  return { file, imports, entries };
}

/** The middleware files the root `src/api/middlewares.ts` loads: itself and what it imports, transitively. */
export function loadedMiddlewareFiles(files: Map<string, MedusaMiddlewareFile>): MedusaMiddlewareFile[] {
  const out: MedusaMiddlewareFile[] = [];
  const seen = new Set<string>();
  const visit = (f: MedusaMiddlewareFile) => {
    if (seen.has(f.file)) return;
    seen.add(f.file);
    out.push(f);
    const dir = f.file.slice(0, f.file.lastIndexOf('/') + 1);
    for (const spec of f.imports) {
      const base = normalize(dir + spec);
      const target = [base, base + '.ts', base + '.js', base + '.mts', base + '/index.ts', base + '/index.js'].map((c) => files.get(c)).find(Boolean);
      if (target) visit(target);
    }
  };
  for (const f of files.values()) if (ROOT_MIDDLEWARES.test(f.file)) visit(f);
  return out;
}

function normalize(p: string): string {
  const out: string[] = [];
  for (const s of p.split('/')) {
    if (s === '.' || s === '') continue;
    if (s === '..') out.pop();
    else out.push(s);
  }
  return out.join('/');
}

/** Express 4 `router[method](path)`: exact match, `:name` one segment, `*` anything, trailing slash optional. */
export function expressMatcher(matcher: string, regex = false): RegExp | undefined {
  try {
    if (regex) {
      const m = /^\/(.*)\/([a-z]*)$/.exec(matcher);
      return m ? new RegExp(m[1], m[2]) : undefined;
    }
    let src = '';
    for (let i = 0; i < matcher.length; i++) {
      const rest = matcher.slice(i);
      const param = /^:(\w+)(\?)?/.exec(rest);
      if (param) {
        src += param[2] ? '[^/]*' : '[^/]+';
        i += param[0].length - 1;
      } else if (matcher[i] === '*') src += '.*';
      else src += matcher[i].replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    }
    return new RegExp(`^${src.replace(/\/$/, '')}/?$`, 'i');
  } catch {
    return undefined;
  }
}

const ADMIN_AUTH = 'authenticate("user", ["bearer", "session", "api-key"])';
const STORE_AUTH = 'authenticate("customer", ["bearer", "session"], { allowUnauthenticated: true })';

/** Adds the framework's and middlewares.ts's guards to Medusa routes and settles what names alone cannot. */
export function applyMedusa(entries: EntryPoint[], facts: MedusaRouteFacts, files: Map<string, MedusaMiddlewareFile>): void {
  const loaded = loadedMiddlewareFiles(files).flatMap((f) => f.entries);
  const compiled = loaded.map((e) => ({ e, re: expressMatcher(e.matcher, e.regex) }));
  for (const route of entries) {
    if (route.framework !== 'medusa' || route.kind !== 'http') continue;
    const unresolved: string[] = [];
    const root = route.path.split('/')[1];
    if (root === 'admin' && !facts.authenticateOff.has(route.file)) {
      route.guards.push({ name: ADMIN_AUTH, kind: 'authentication', file: route.file, line: 1, reason: 'Medusa RoutesLoader applies it to every /admin route file that does not export AUTHENTICATE = false', evidence: { how: 'framework guard', text: 'authenticate() answers 401 without an authenticated user or a secret API key', file: route.file, line: 1 } });
    } else if (root === 'store' && !facts.authenticateOff.has(route.file)) {
      route.guards.push({ name: STORE_AUTH, kind: 'authentication', optional: true, file: route.file, line: 1, reason: 'Medusa RoutesLoader applies it to every /store route file: it reads the customer when present and lets anonymous requests through' });
    }
    const concrete = route.path.replace(/:(\w+)\*?/g, 'x');
    for (const { e, re } of compiled) {
      if (!re || !re.test(concrete) || !(e.methods.includes('ALL') || e.methods.includes(route.method))) continue;
      for (const mw of e.middlewares) {
        const g = middlewareGuard(mw.text, e, mw.line);
        if (g) route.guards.push(g);
        else {
          const cls = classifyGuardText(mw.text);
          if (cls && cls.kind !== 'other' && !cls.optional) unresolved.push(`${oneLine(mw.text, 60)} (${e.file}:${mw.line})`);
        }
      }
    }
    const required = route.guards.some((g) => g.kind !== 'other' && !g.optional);
    if (required) continue;
    if (unresolved.length) {
      route.guardState = 'unknown';
      route.guardReason = `middleware named like auth that is not Medusa's authenticate(): ${unresolved.join(', ')}; whether it refuses requests is not known`;
    } else if (route.guards.some((g) => g.optional) && !facts.readsIdentity.has(`${route.file}:${route.line}`)) {
      route.guardState = 'unguarded';
      route.guardReason = 'optional authentication runs but the handler never reads req.auth_context: nothing is refused and no identity is used';
    }
  }
}

function middlewareGuard(text: string, e: MedusaMiddlewareEntry, at: number): Guard | undefined {
  const call = /^(?:[\w$]+\.)*authenticate\s*\(/.exec(text.trim());
  if (!call) return undefined;
  const optional = /allowUnauthenticated\s*:\s*true/.test(text);
  const g: Guard = {
    name: oneLine(text),
    kind: 'authentication',
    file: e.file,
    line: at,
    reason: `middlewares.ts entry ${e.methods.join('|')} '${e.matcher}' (${e.file}:${e.line})`,
  };
  if (optional) g.optional = true;
  else g.evidence = { how: 'framework guard', text: "Medusa's authenticate() answers 401 without an authenticated actor", file: e.file, line: at };
  return g;
}

