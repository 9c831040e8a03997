// Next.js `middleware.ts` (at the root or in src/): it runs before every route its
// `config.matcher` selects, so an auth check there guards those routes.
import type { Tree } from 'web-tree-sitter';
import type { EntryPoint } from './types';
import { all, kids, line, stringValue } from './treeUtil';
import { handlerGuards } from './handlerGuards';
import { isPublic, makeGuard } from './guards';
import type { GuardCandidate } from './types';

export interface NextMiddleware {
  file: string;
  /** Matcher patterns; undefined means every path. */
  matchers?: string[];
  guards: GuardCandidate[];
}

export const NEXT_MIDDLEWARE_FILE = /^(src\/)?middleware\.[cm]?[jt]s$/;

export function parseNextMiddleware(tree: Tree, file: string): NextMiddleware {
  const guards: GuardCandidate[] = [];
  let matchers: string[] | undefined;
  for (const ex of all(tree.rootNode, 'export_statement')) {
    const source = stringValue(ex.childForFieldName('source'));
    // export { default } from 'next-auth/middleware'
    if (source !== undefined) {
      const g = makeGuard(source, file, line(ex), `middleware re-exported from '${source}'`);
      if (g && g.kind !== 'other') guards.push({ text: source, line: line(ex), via: 'next middleware', guard: g });
      continue;
    }
    const decl = ex.childForFieldName('declaration');
    const names = decl ? kids(decl).map((v) => v.childForFieldName('name')?.text) : [];
    if (decl && names.includes('config')) {
      const value = kids(decl).find((v) => v.childForFieldName('name')?.text === 'config')?.childForFieldName('value');
      const pair = kids(value).find((p) => p.type === 'pair' && p.childForFieldName('key')?.text.replace(/['"]/g, '') === 'matcher');
      const m = pair?.childForFieldName('value');
      if (m) matchers = (m.type === 'array' ? kids(m) : [m]).map((n) => stringValue(n) ?? stringValue(kids(n).find((p) => p.childForFieldName('key')?.text === 'source')?.childForFieldName('value')) ?? '');
      continue;
    }
    const isDefault = ex.children.some((c) => c?.type === 'default');
    if (isDefault || names.includes('middleware') || decl?.childForFieldName('name')?.text === 'middleware') guards.push(...handlerGuards(ex, file));
  }
  return { file, matchers, guards };
}

/** Adds the middleware's guards to the Next.js routes its matcher selects. */
export function applyNextMiddleware(entries: EntryPoint[], mw: NextMiddleware): void {
  if (mw.guards.length === 0) return;
  const res = mw.matchers?.map(matcherRegex);
  for (const e of entries) {
    if (e.framework !== 'next') continue;
    const which = res ? mw.matchers![res.findIndex((r) => r?.test(e.path))] : '(no matcher: every path)';
    if (which === undefined) continue;
    for (const c of mw.guards) {
      if (!c.guard) continue;
      e.guards.push({ ...c.guard, reason: `${mw.file} runs for this path (matcher '${which}'); ${c.guard.reason}` });
    }
    e.public = isPublic(e.guards);
  }
}

/** path-to-regexp as Next uses it: `/admin/:path*`, `/api/:id`, or a regex group `/((?!_next).*)`. */
function matcherRegex(m: string): RegExp | undefined {
  if (!m.startsWith('/')) return undefined;
  let src = '';
  for (let i = 0; i < m.length; ) {
    const param = /^\/:(\w+)([*+?]?)/.exec(m.slice(i));
    if (param) {
      src += param[2] === '*' ? '(?:/.*)?' : param[2] === '+' ? '/.+' : param[2] === '?' ? '(?:/[^/]+)?' : '/[^/]+';
      i += param[0].length;
    } else if (m[i] === '(') {
      // A custom group is a regex: copy it through to its closing parenthesis.
      let depth = 0;
      let j = i;
      for (; j < m.length; j++) {
        if (m[j] === '(') depth++;
        else if (m[j] === ')' && --depth === 0) break;
      }
      src += m.slice(i, j + 1);
      i = j + 1;
    } else {
      src += m[i].replace(/[.+?^${}|[\]\\]/g, '\\$&');
      i++;
    }
  }
  try {
    return new RegExp(`^${src}$`);
  } catch {
    return undefined;
  }
}
