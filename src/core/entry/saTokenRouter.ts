// Sa-Token's SaInterceptor with a router lambda (the style of RuoYi-Vue-Plus and many admin systems):
//   registry.addInterceptor(new SaInterceptor(handler -> {
//       AllUrlHandler allUrlHandler = SpringUtils.getBean(AllUrlHandler.class);
//       SaRouter.match(allUrlHandler.getUrls()).notMatch("/auth/**").check(() -> { StpUtil.checkLogin(); … });
//   })).addPathPatterns("/**");
// Each `SaRouter.match(…)…check(…)` chain refuses the requests its patterns take when its check
// calls StpUtil.checkLogin/checkRole/checkPermission. A match argument is read when it is string
// literals, or a getter of a class that collects the urls of every handler method
// (`RequestMappingHandlerMapping.getHandlerMethods()` with no annotation filter: every route).
// Anything else in the lambda (other calls, a match by method, stop/back, an unread argument)
// makes the whole reading fail, so the caller says `unknown`.
// The handlers (or their classes) annotated @SaIgnore are skipped by SaInterceptor altogether.

import { closingAt } from './javaBrackets';
import { splitTop } from './springRuleConstants';
export interface SaRouterChain {
  /** The patterns the chain takes: 'all' when every handler's url. */
  match: string[] | 'all';
  notMatch: string[];
  /** The refusing call, e.g. `StpUtil.checkLogin()`. */
  check: string;
}

const REFUSING = /\bStpUtil\s*\.\s*(?:checkLogin|checkRole\w*|checkPermission\w*|checkSafe|checkDisable)\s*\([^)]*\)/;
const READS_ANNOTATION = /\b(?:getMethodAnnotation|hasMethodAnnotation|isAnnotationPresent|findAnnotation|getAnnotation|findMergedAnnotation)\s*\(/;

/** Reads the lambda of `new SaInterceptor(h -> …)`: its refusing chains, or undefined when not readable. */
export function readSaRouterLambda(expr: string, everyRoute: ReadonlySet<string> = new Set()): SaRouterChain[] | undefined {
  const arrow = expr.indexOf('->');
  if (arrow < 0 || !/\bSaRouter\b/.test(expr)) return undefined;
  let rest = stripComments(expr.slice(arrow + 2));
  const chains: SaRouterChain[] = [];
  for (let at = rest.search(/\bSaRouter\b/); at >= 0; at = rest.search(/\bSaRouter\b/)) {
    let i = at + 'SaRouter'.length;
    const chain: { match?: string[] | 'all'; notMatch: string[]; check?: string } = { notMatch: [] };
    for (let c: RegExpExecArray | null; (c = /^\s*\.\s*(\w+)\s*\(/.exec(rest.slice(i))); ) {
      const argsAt = i + c[0].length;
      const end = closingAt(rest, argsAt);
      if (end < 0) return undefined;
      const args = splitTop(rest.slice(argsAt, end), ',').map((a) => a.trim()).filter(Boolean);
      if (c[1] === 'match') {
        const fn = args.length > 1 && args[args.length - 1]!.includes('->') ? args.pop()! : undefined;
        const pats = patterns(args, everyRoute);
        if (!pats) return undefined;
        chain.match = chain.match === 'all' || pats === 'all' ? 'all' : [...(chain.match ?? []), ...pats];
        if (fn) chain.check = REFUSING.exec(fn)?.[0] ?? '';
      } else if (c[1] === 'notMatch') {
        const pats = patterns(args, new Set());
        if (!pats || pats === 'all') return undefined;
        chain.notMatch.push(...pats);
      } else if (c[1] === 'check') chain.check = REFUSING.exec(args.join(','))?.[0] ?? '';
      else return undefined;
      i = end + 1;
    }
    if (!chain.match || !chain.check) return undefined;
    chains.push({ match: chain.match, notMatch: chain.notMatch, check: chain.check });
    rest = rest.slice(0, at) + rest.slice(i);
  }
  // What is left may only be local declarations and punctuation.
  const left = rest.replace(/\b[A-Z][\w.<>,\s]*\s+\w+\s*=[^;]*;/g, '').replace(/[\s{}();]/g, '');
  return left === '' && chains.length ? chains : undefined;
}

/** The getter arguments of `match(…)` that are a class's collection of every handler url (`x.getUrls()`). */
export async function everyRouteArgs(expr: string, fileText: string, javaFiles: string[], read: (rel: string) => Promise<string | undefined>): Promise<Set<string>> {
  const out = new Set<string>();
  for (const m of expr.matchAll(/\bmatch\s*\(\s*((\w+)\s*\.\s*get\w*\s*\(\s*\))\s*\)/g)) {
    const id = m[2]!;
    const decl = new RegExp(`\\b([A-Z]\\w*)\\s+${id}\\s*[=;]`).exec(expr) ?? new RegExp(`\\b([A-Z]\\w*)\\s+${id}\\s*[=;]`).exec(fileText);
    if (!decl) continue;
    for (const rel of javaFiles.filter((f) => f.endsWith(`/${decl[1]}.java`) || f === `${decl[1]}.java`)) {
      const text = await read(rel);
      if (text && /\bgetHandlerMethods\s*\(/.test(text) && !READS_ANNOTATION.test(text)) out.add(m[1]!);
    }
  }
  return out;
}

/** Whether one of the chains takes this (concrete) path. */
export function chainsTake(chains: SaRouterChain[], path: string, match: (pattern: string, path: string) => boolean): SaRouterChain | undefined {
  return chains.find((c) => (c.match === 'all' || c.match.some((p) => match(p, path))) && !c.notMatch.some((p) => match(p, path)));
}

/** The annotations over the class declared before `line` (1-based) in these lines. */
export function classAnnotations(lines: string[], line: number): string {
  let at = -1;
  for (let i = Math.min(line, lines.length) - 1; i >= 0; i--) {
    if (/^\s*(?:public\s+|abstract\s+|final\s+)*class\s+\w+/.test(lines[i] ?? '')) {
      at = i;
      break;
    }
  }
  if (at < 0) return '';
  let start = at;
  while (start > 0 && /^\s*(@|\/\/|\/?\*|$)/.test(lines[start - 1] ?? '')) start--;
  return lines.slice(start, at + 1).join('\n');
}

function patterns(args: string[], everyRoute: ReadonlySet<string>): string[] | 'all' | undefined {
  const out: string[] = [];
  for (const a of args) {
    const t = a.trim();
    const lit = /^"([^"]*)"$/.exec(t);
    if (lit) out.push(lit[1]!);
    else if (everyRoute.has(t.replace(/\s+/g, ''))) return 'all';
    else return undefined;
  }
  return out.length ? out : undefined;
}

function stripComments(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '"') {
      const from = i;
      for (i++; i < s.length && s[i] !== '"'; i++) if (s[i] === '\\') i++;
      out += s.slice(from, i + 1);
    } else if (s.startsWith('//', i)) i = (s.indexOf('\n', i) + 1 || s.length + 1) - 1;
    else if (s.startsWith('/*', i)) i = (s.indexOf('*/', i + 2) + 2 || s.length + 1) - 1;
    else out += s[i];
  }
  return out;
}

/**
 * The handler's own use of an optional Sa-Token login (`StpUtil.isLogin()`, or a call whose
 * NotLoginException it catches): the text that shows it, in the method that starts at `line`.
 */
export function optionalLogin(lines: string[], line: number): string | undefined {
  let from = line - 1;
  // Past the annotations (their `{…}` arrays are no body).
  while (from < lines.length - 1 && /^\s*(@|\/\/|\/?\*|$)/.test(lines[from] ?? '')) from++;
  let depth = 0;
  let opened = false;
  let end = from;
  for (; end < lines.length && end - from < 200; end++) {
    for (const c of lines[end] ?? '') {
      if (c === '{') {
        depth++;
        opened = true;
      } else if (c === '}') depth--;
    }
    if (opened && depth <= 0) break;
  }
  const body = lines.slice(from, end + 1).join('\n');
  return /\bStpUtil\s*\.\s*isLogin\s*\(\s*\)|\bcatch\s*\(\s*(?:final\s+)?(?:[\w.]+\.)?NotLoginException\b/.exec(body)?.[0];
}
