// Spring MVC HandlerInterceptors registered in a WebMvcConfigurer:
//   public void addInterceptors(InterceptorRegistry registry) {
//       registry.addInterceptor(new XxlSsoWebInterceptor(excluded, "/login")).addPathPatterns("/**").excludePathPatterns("/open/**");
// Spring runs an interceptor's preHandle before every handler its path patterns take (every path
// when it names none), so one that refuses is the route's guard, Spring Security or not. Read:
//  * an interceptor class of the service's own (`implements HandlerInterceptor`, `extends
//    HandlerInterceptorAdapter`) whose name speaks of auth and whose preHandle refuses (a `return
//    false`, a 401/403, a throw, a redirect) — unless it lets requests without credentials through
//    first (`if (token == null) return true;`), or refuses only under a condition that needs one
//    (credentialGatedRefusals.ts). One that reads the handler's own annotation to
//    decide (`getMethodAnnotation(Open.class)`) decides per handler by code not read: `unknown` —
//    unless every refusal sits under `if (ann != null) { … }` (or after `if (ann == null) return true;`):
//    then it refuses the handlers whose method carries the annotation and passes the others
//    (interceptorOptIn.ts). An interceptor registered by an interface of ours (`interface
//    AuthorizationInterceptor extends HandlerInterceptor`, a bean a factory makes) is judged by its one
//    implementation; with several, by none (`unknown`);
//  * xxl-sso's XxlSsoWebInterceptor/XxlSsoNativeInterceptor (a library): login required unless the
//    handler method carries `@XxlSso(login = false)`;
//  * any other interceptor class not in the service whose name speaks of auth: its code is not
//    here, so the routes it takes that nothing else guards are `unknown`, never "none refuses".
//  * Sa-Token's SaInterceptor (a library): `new SaInterceptor(handle -> StpUtil.checkLogin())` needs
//    a login everywhere it runs; `new SaInterceptor()` enforces the handler's @SaCheck… annotations
//    (a handler without one on its method: `unknown`, its class's are not read); a lambda of
//    `SaRouter.match(…).check(() -> StpUtil.checkLogin())` chains refuses the paths they take
//    (saTokenRouter.ts); any other lambda: `unknown`. A handler or class with @SaIgnore is skipped.
// An interceptor whose name says nothing of auth (locale, repeat-submit, logging) changes nothing.
import type { EntryPoint, Guard } from './types';
import { everyRefusalNeedsCredential } from './credentialGatedRefusals';
import { annotationGate } from './springAnnotationGate';
import type { ClassSource, ComposedPreHandle } from './springInterceptorBases';
import { composedPreHandle } from './springInterceptorBases';
import { closeOf, closingAt } from './javaBrackets';
import { constantsOf, UNREAD } from './springRuleSources';
import type { SaRouterChain } from './saTokenRouter';
import { chainsTake, classAnnotations, everyRouteArgs, optionalLogin, readSaRouterLambda } from './saTokenRouter';
import { ownImplementation, refusalsUnderAnnotation } from './interceptorOptIn';

export interface InterceptorReg {
  file: string;
  line: number;
  /** The interceptor's class, when the registration's expression resolved to one. */
  cls?: string;
  expr: string;
  /** addPathPatterns: [] when none (every path); undefined when not all literal. */
  include: string[] | undefined;
  /** excludePathPatterns: undefined when not all literal. */
  exclude: string[] | undefined;
}

/** An interceptor class of the service's own; `composed` when it overrides a template of its own base's preHandle. */
export type OwnInterceptor = ClassSource | (ClassSource & { composed: ComposedPreHandle | { unread: string } });

export type InterceptorJudgement =
  /** `chains`: refuses only the paths one of these Sa-Token router chains takes. */
  | { kind: 'refuses'; file: string; line: number; text: string; chains?: SaRouterChain[] }
  | { kind: 'annotationOptOut'; annotation: string; optOut: RegExp }
  /** Refuses the handlers that carry one of these annotations; of the others nothing is known. */
  | { kind: 'annotationOptIn'; optIn: RegExp; why: string }
  /** Lets every handler without @A (any of / all of `annotations`) through first; refuses the others at `refusal`, or by code not read. */
  | { kind: 'annotationGate'; annotations: string[]; all: boolean; onClass: boolean; refusal?: { file: string; line: number; text: string } }
  /** Our own: refuses the handlers whose method carries the annotation, passes the others. */
  | { kind: 'ownOptIn'; annotation: string; file: string; line: number; text: string }
  | { kind: 'unread'; why: string };

const AUTH_NAME = /auth|login|logon|token|jwt|sso|session|permission|security|signature|credential|api_?key|privilege/i;
const OWN_CLASS = /\bclass\s+(\w+)[^{]*?\b(?:implements\s+(?:[\w.<>]+\s*,\s*)*(?:[\w.]+\.)?(?:HandlerInterceptor|AsyncHandlerInterceptor)\b|extends\s+(?:[\w.]+\.)?HandlerInterceptorAdapter\b)|\bclass\s+(\w+)[^{]*?:\s*(?:[\w.]+\.)?(?:HandlerInterceptor|AsyncHandlerInterceptor)\b/g;
const REFUSAL = /return\s+false\b|sendError\s*\(|sendRedirect\s*\(|setStatus\s*\(\s*(?:HttpServletResponse\.)?(?:SC_UNAUTHORIZED|SC_FORBIDDEN|40[13]\b)|HttpStatus\.(?:UNAUTHORIZED|FORBIDDEN)|\bthrow\s+(?:new\s+)?\w+/;
/** `if (token == null) return true;`: requests without credentials go on. */
const PASSES_WITHOUT = /if\s*\([^)]*(?:==\s*null|isEmpty\(\)|isBlank\(|!\s*StringUtils\.hasText)[^)]*\)\s*\{?\s*return\s+true\b/;
/** What a preHandle reads of who is calling: a token, a session, a principal, a login. */
const CALLER_READ = /token|authoriz|getSession\s*\(|session|principal|jwt|credential|api_?key|getRemoteUser|login|current_?user|getUser\w*\(/i;
// `handlerMethod.getMethodAnnotation(Open.class)`, or the utilities' form with the method first:
// `AnnotationUtils.getAnnotation(handler.method, AllowApiAccess::class.java)`.
const READS_ANNOTATION = /\b(?:getMethodAnnotation|hasMethodAnnotation|isAnnotationPresent|findAnnotation|getAnnotation|findMergedAnnotation|hasAnnotation)\s*\(\s*(?:[\w.]+\s*,\s*)?(\w+)(?:::|\.)class/;

/** The registrations a Java or Kotlin file makes in its addInterceptors. */
export function interceptorRegistrations(file: string, text: string): InterceptorReg[] {
  if (!text.includes('addInterceptor')) return [];
  const out: InterceptorReg[] = [];
  const re = /\.addInterceptor\s*\(/g;
  // `.addPathPatterns(*ORGANIZATION_ENDPOINTS)`: a constant array of the file (a companion object's).
  const consts = /[(,]\s*\*?[A-Z][A-Z0-9_]*\s*[),]/.test(text) ? constantsOf(text) : new Map<string, string[]>();
  for (let m: RegExpExecArray | null; (m = re.exec(text)); ) {
    const open = m.index + m[0].length;
    const close = closingAt(text, open);
    if (close < 0) continue;
    const expr = text.slice(open, close).trim();
    let include: string[] | undefined = [];
    let exclude: string[] | undefined = [];
    // The chained calls up to the statement's end.
    let at = close + 1;
    for (let c: RegExpExecArray | null; (c = /^\s*\.\s*(\w+)\s*\(/.exec(text.slice(at))); ) {
      const argsAt = at + c[0].length;
      const end = closingAt(text, argsAt);
      if (end < 0) break;
      const lits = literals(text.slice(argsAt, end), consts);
      if (c[1] === 'addPathPatterns') include = include && lits ? [...include, ...lits] : undefined;
      else if (c[1] === 'excludePathPatterns') exclude = exclude && lits ? [...exclude, ...lits] : undefined;
      at = end + 1;
    }
    out.push({ file, line: text.slice(0, m.index).split('\n').length, expr, cls: classOf(expr, text), include, exclude });
  }
  return out;
}

/** How an interceptor class decides: its own code when the service declares it, else by its name. */
export function judgeInterceptor(cls: string, own: OwnInterceptor | undefined, expr = '', everyRoute: ReadonlySet<string> = new Set()): InterceptorJudgement | undefined {
  if (cls === 'SaInterceptor' && !own) {
    // `new SaInterceptor(handle -> StpUtil.checkLogin())`: every request it takes needs a login.
    const login = /->\s*\{?\s*(StpUtil\s*\.\s*checkLogin\s*\(\s*\))\s*;?\s*\}?\s*\)\s*$/.exec(expr);
    if (login) return { kind: 'refuses', file: '', line: 0, text: login[1]! };
    const chains = readSaRouterLambda(expr, everyRoute);
    if (chains) return { kind: 'refuses', file: '', line: 0, text: [...new Set(chains.map((c) => c.check))].join(', '), chains };
    // `new SaInterceptor()`: the annotation mode, @SaCheckLogin/@SaCheckRole/@SaCheckPermission… on the handler.
    if (/\(\s*\)\s*$/.test(expr)) return { kind: 'annotationOptIn', optIn: /@SaCheck(?:Login|Role|Permission|Safe|Disable|BasicAuth|HttpBasic|HttpDigest|Or)\b/, why: "Sa-Token's SaInterceptor in annotation mode refuses only handlers with @SaCheck…; this one's (or its class's) was not read" };
  }
  if (/^XxlSso(?:Web|Native)Interceptor$/.test(cls) && !own) {
    return { kind: 'annotationOptOut', annotation: 'XxlSso', optOut: /@XxlSso\s*\([^)]*\blogin\s*=\s*false\b/ };
  }
  // A subclass of the service's own interceptor base: the base's preHandle, the template inlined.
  const composed = own && 'composed' in own ? own.composed : undefined;
  if (composed && 'unread' in composed) return AUTH_NAME.test(cls) ? { kind: 'unread', why: `the interceptor ${cls} (${own!.file}): ${composed.unread}` } : undefined;
  const pre = composed ? { index: 0 } : own ? /\bpreHandle\s*\(/.exec(own.text) : null;
  const body = composed ? composed.body : own && pre ? own.text.slice(pre.index, bodyEnd(own.text, pre.index)) : '';
  const where = (offset: number) => (composed ? composed.at(offset) : { file: own!.file, line: own!.text.slice(0, pre!.index + offset).split('\n').length });
  // A name is not enough either way: one of our own named for nothing (`AdminInterceptor`,
  // `GlobalInterceptor`) whose preHandle reads the caller's credentials is read as an auth one.
  if (!AUTH_NAME.test(cls) && !(cls === 'SaInterceptor' && !own) && !CALLER_READ.test(body)) return undefined;
  if (!own) return { kind: 'unread', why: `the interceptor ${cls} is not the service's own code` };
  if (!pre) return undefined;
  // Refusing only callers with credentials (an API key without its annotation): no guard for the anonymous.
  if (everyRefusalNeedsCredential(body, REFUSAL, composed ? composed.text : own.text)) return undefined;
  // `if (getAnnotation(…A…) == null) return true` first: it refuses only handlers with @A.
  const gate = annotationGate(body, REFUSAL);
  if (gate) {
    const rest = body.slice(gate.rest);
    const r = REFUSAL.exec(rest);
    // Nothing after the gate but `return true`: it never refuses anyone.
    if (!r && /^[\s}]*return\s+true\b;?[\s}]*$/.test(rest.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, ''))) return undefined;
    return { kind: 'annotationGate', annotations: gate.annotations, all: gate.all, onClass: gate.onClass, ...(r ? { refusal: { ...where(gate.rest + r.index), text: r[0] } } : {}) };
  }
  const ann = READS_ANNOTATION.exec(body);
  const optIn = ann ? refusalsUnderAnnotation(body, ann[1]!, REFUSAL) : undefined;
  if (optIn !== undefined) {
    const line = own.text.slice(0, pre.index + optIn.at).split('\n').length;
    return { kind: 'ownOptIn', annotation: ann![1]!, file: own.file, line, text: optIn.text };
  }
  if (ann) return { kind: 'unread', why: `the interceptor ${cls} (${own.file}) decides by the handler's @${ann[1]}, which is not read` };
  if (PASSES_WITHOUT.test(body)) return undefined;
  const r = REFUSAL.exec(body);
  if (!r) return undefined;
  return { kind: 'refuses', ...where(r.index), text: r[0] };
}

/** Adds each auth interceptor to the Spring routes its patterns take. */
export async function applyInterceptors(entries: EntryPoint[], javaFiles: string[], read: (rel: string) => Promise<string | undefined>): Promise<void> {
  // Registrations live in configuration classes; an interceptor class in a file of its own name.
  const regs: InterceptorReg[] = [];
  const everyRoute = new Map<InterceptorReg, Set<string>>();
  const base = (f: string) => f.slice(f.lastIndexOf('/') + 1);
  for (const rel of javaFiles.filter((f) => /config|mvc|web|interceptor|app/i.test(base(f)))) {
    const text = await read(rel);
    if (!text) continue;
    for (const r of interceptorRegistrations(rel, text)) {
      regs.push(r);
      if (r.cls === 'SaInterceptor' && /\bSaRouter\b/.test(r.expr)) everyRoute.set(r, await everyRouteArgs(r.expr, text, javaFiles, read));
    }
  }
  const classes = new Map<string, OwnInterceptor>();
  const findClass = async (cls: string): Promise<ClassSource | undefined> => {
    for (const rel of javaFiles.filter((f) => base(f) === `${cls}.java` || base(f) === `${cls}.kt`)) {
      const text = await read(rel);
      if (text && new RegExp(`\\bclass\\s+${cls}\\b`).test(text)) return { file: rel, text };
    }
    return undefined;
  };
  const annotationDecl = async (name: string): Promise<ClassSource | undefined> => {
    for (const rel of javaFiles.filter((f) => base(f) === `${name}.java` || base(f) === `${name}.kt`)) {
      const text = await read(rel);
      if (text && new RegExp(`(?:annotation\\s+class|@interface)\\s+${name}\\b`).test(text)) return { file: rel, text };
    }
    return undefined;
  };
  const isInterceptor = (src: ClassSource, cls: string) => [...src.text.matchAll(OWN_CLASS)].some((m) => (m[1] ?? m[2]) === cls);
  for (const cls of new Set(regs.map((r) => r.cls).filter((c): c is string => !!c))) {
    const src = await findClass(cls);
    if (src && isInterceptor(src, cls)) classes.set(cls, src);
    else if (src) {
      // `class X(…) : AbstractAuthorizationInterceptor(…)`: a subclass of the service's own base.
      const composed = await composedPreHandle(cls, src, findClass, isInterceptor);
      if (composed) classes.set(cls, { ...src, composed });
    }
    if (!classes.has(cls)) {
      const impl = await ownImplementation(cls, /(?:[\w.]+\.)?(?:HandlerInterceptor|AsyncHandlerInterceptor)\b/, /interceptor/i, javaFiles, read);
      if (impl) classes.set(cls, impl);
    }
  }
  const judged = regs
    .map((r) => ({ r, j: r.cls ? judgeInterceptor(r.cls, classes.get(r.cls), r.expr, everyRoute.get(r)) : AUTH_NAME.test(r.expr) ? ({ kind: 'unread', why: `the interceptor ${r.expr} did not resolve to a class` } as const) : undefined }))
    .filter((x): x is { r: InterceptorReg; j: InterceptorJudgement } => !!x.j);
  if (!judged.length) return;
  // AnnotationUtils finds @A meta-present too: an annotation of the service's own declared with @A on it.
  const carries = async (carried: string, a: string): Promise<boolean> => {
    if (new RegExp(`@(?:[\\w.]+\\.)?${a}\\b`).test(carried)) return true;
    for (const [, name] of carried.matchAll(/@(?:[\w.]+\.)?([A-Z]\w*)/g)) {
      const decl = await annotationDecl(name!);
      if (decl && new RegExp(`@(?:[\\w.]+\\.)?${a}\\b[\\s\\S]*(?:annotation\\s+class|@interface)\\s+${name}\\b`).test(decl.text)) return true;
    }
    return false;
  };
  const texts = new Map<string, string[]>();
  const linesOf = async (f: string): Promise<string[]> => {
    if (!texts.has(f)) texts.set(f, (await read(f))?.split('\n') ?? []);
    return texts.get(f)!;
  };
  for (const e of entries) {
    if (e.kind !== 'http' || e.framework !== 'spring' || e.guardState === 'guarded') continue;
    if (e.guards.some((g) => g.kind !== 'other' && !g.optional)) continue;
    const concrete = e.path.replace(/:(\w+)/g, 'x');
    for (const { r, j } of judged) {
      if (r.include === undefined || r.exclude === undefined) {
        e.guardState = 'unknown';
        e.guardReason = `the interceptor ${r.cls ?? r.expr} (${r.file}:${r.line}) is registered for path patterns that could not be read`;
        break;
      }
      if ((r.include.length && !r.include.some((p) => antMatch(p, concrete))) || r.exclude.some((p) => antMatch(p, concrete))) continue;
      // Sa-Token's SaInterceptor lets a handler (or class) annotated @SaIgnore through, checks and all.
      if (r.cls === 'SaInterceptor' && !classes.has(r.cls)) {
        const lines = await linesOf(e.file);
        if (/@SaIgnore\b/.test(handlerAnnotations(lines, e.line)) || /@SaIgnore\b/.test(classAnnotations(lines, e.line))) {
          // An ignored handler that reads the login when there is one: optional identity.
          const opt = optionalLogin(lines, e.line);
          if (opt) {
            e.guards.push({ name: 'Sa-Token login, if any', kind: 'authentication', optional: true, reason: `@SaIgnore lets every caller in; the handler uses the login when present (${opt})`, file: e.file, line: e.line });
            e.guardState = 'optional';
            e.guardReason = `@SaIgnore (SaInterceptor at ${r.file}:${r.line} skips it); the handler uses the login if present: ${opt}`;
          }
          continue;
        }
      }
      if (j.kind === 'refuses' && j.chains && !chainsTake(j.chains, concrete, antMatch)) continue;
      if (j.kind === 'unread') {
        e.guardState = 'unknown';
        e.guardReason = `${j.why}; it runs before this handler (${r.file}:${r.line})`;
        break;
      }
      if (j.kind === 'annotationOptOut' && j.optOut.test(handlerAnnotations(await linesOf(e.file), e.line))) continue;
      if (j.kind === 'annotationGate') {
        const lines = await linesOf(e.file);
        const carried = j.onClass ? classAnnotations(lines, e.line) : handlerAnnotations(lines, e.line);
        const has = await Promise.all(j.annotations.map((a) => carries(carried, a)));
        // Without @A (any of them; every one for an `||` gate) the handler goes through: no guard here.
        if (j.all ? !has.every(Boolean) : !has.some(Boolean)) continue;
        if (!j.refusal) {
          e.guardState = 'unknown';
          e.guardReason = `the interceptor ${r.cls} (${r.file}:${r.line}) acts on handlers with @${j.annotations.join(' / @')} by code not read`;
          break;
        }
      }
      if (j.kind === 'ownOptIn' && !new RegExp(`@${j.annotation}\\b`).test(handlerAnnotations(await linesOf(e.file), e.line))) continue;
      if (j.kind === 'annotationOptIn' && !j.optIn.test(handlerAnnotations(await linesOf(e.file), e.line))) {
        e.guardState = 'unknown';
        e.guardReason = `${j.why} (${r.file}:${r.line})`;
        break;
      }
      const refusal = j.kind === 'refuses' || j.kind === 'ownOptIn' ? j : j.kind === 'annotationGate' ? j.refusal : undefined;
      const g: Guard = {
        name: `${r.cls} (HandlerInterceptor)`,
        kind: 'authentication',
        reason: j.kind === 'annotationGate'
          ? `Spring MVC interceptor ${r.cls} registered at ${r.file}:${r.line} refuses handlers with @${j.annotations.join(' / @')} (${refusal!.file}:${refusal!.line})`
          : j.kind === 'refuses'
          ? `Spring MVC interceptor ${r.cls} registered at ${r.file}:${r.line} for ${r.include.join(', ') || 'every path'}; ${j.file ? `its preHandle refuses (${j.file}:${j.line})` : `it runs ${j.text}${j.chains ? ' (SaRouter.match chain)' : ''}`}`
          : j.kind === 'ownOptIn'
            ? `Spring MVC interceptor ${r.cls} registered at ${r.file}:${r.line}: its preHandle refuses handlers annotated @${j.annotation} (${j.file}:${j.line})`
          : j.kind === 'annotationOptIn'
            ? `Spring MVC interceptor ${r.cls} registered at ${r.file}:${r.line}: the handler's @SaCheck… annotation is enforced`
            : `Spring MVC interceptor ${r.cls} registered at ${r.file}:${r.line} for ${r.include.join(', ') || 'every path'}: login required unless the handler says @${j.annotation}(login = false)`,
        file: r.file,
        line: r.line,
        ...(refusal ? { evidence: { how: 'preHandle refuses', text: refusal.text, file: refusal.file || r.file, line: refusal.line || r.line } } : {}),
      };
      e.guards.push(g);
      e.public = false;
      if (e.guardState === 'unguarded') {
        delete e.guardState;
        delete e.guardReason;
      }
      break;
    }
  }
}

/** The annotations over the handler whose mapping annotation is at `line` (1-based): up to the method's name. */
export function handlerAnnotations(lines: string[], line: number): string {
  let start = line - 1;
  while (start > 0 && /^\s*(@|\/\/|\/?\*|$)/.test(lines[start - 1] ?? '') && !/[;{}]\s*$/.test(lines[start - 1] ?? '')) start--;
  let end = line - 1;
  while (end < lines.length - 1 && end - line < 20 && !/^\s*(?:public|protected|private|fun|suspend|[\w<>,\s[\]]+\s+\w+\s*\()/.test(lines[end + 1] ?? '')) end++;
  return lines.slice(start, end + 2).join('\n');
}

export function antMatch(pattern: string, path: string): boolean {
  let re = '';
  const p = pattern.replace(/\{[^}]+\}/g, '*');
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '*' && p[i + 1] === '*') {
      re += '.*';
      i++;
    } else if (p[i] === '*') re += '[^/]*';
    else if (p[i] === '?') re += '[^/]';
    else re += p[i]!.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re.replace(/\/\.\*$/, '(/.*)?')}/?$`).test(path);
}

/** String literals of an argument list (a constant array of the file spread in), or undefined when any argument is something else. */
function literals(args: string, consts: Map<string, string[]>): string[] | undefined {
  const inner = args.trim().replace(/^(?:new\s+String\s*\[\s*\]\s*\{|Arrays\.asList\s*\(|List\.of\s*\(|listOf\s*\(|arrayOf\s*\()([\s\S]*)[})]$/, '$1');
  const parts = inner.split(',').map((s) => s.trim()).filter(Boolean);
  const out: string[] = [];
  for (const s of parts) {
    const m = /^"([^"]*)"$/.exec(s);
    const c = m ? undefined : /^\*?([A-Z][A-Z0-9_]*)$/.exec(s);
    const values = c ? consts.get(c[1]!) : undefined;
    if (m) out.push(m[1]!);
    else if (values && !values.includes(UNREAD)) out.push(...values);
    else return undefined;
  }
  return out;
}

/** The class of the registered expression: `new X(…)`, a field or local `X name`, a bean method `X name()`. */
function classOf(expr: string, text: string): string | undefined {
  const n = /^new\s+([\w.]+)\s*[(<]/.exec(expr) ?? /^([A-Z]\w*)\s*\(/.exec(expr);
  if (n) return n[1]!.split('.').pop();
  const id = /^(?:this\.)?(\w+)(\s*\(\s*\))?$/.exec(expr);
  if (!id) return undefined;
  const name = id[1]!;
  const decl = id[2]
    ? new RegExp(`\\b([A-Z]\\w*)\\s+${name}\\s*\\(\\s*\\)|fun\\s+${name}\\s*\\(\\s*\\)\\s*:\\s*([A-Z]\\w*)`).exec(text)
    : new RegExp(`\\b([A-Z]\\w*)(?:<[^>]*>)?\\s+${name}\\s*[;=]|\\b(?:val|var)\\s+${name}\\s*:\\s*([A-Z]\\w*)|\\b(?:val|var)\\s+${name}\\s*=\\s*([A-Z]\\w*)\\s*\\(`).exec(text);
  return decl ? (decl[1] ?? decl[2] ?? decl[3]) : undefined;
}

/** The end of the method body that starts after `from` (its closing brace), or the text's end. */
function bodyEnd(text: string, from: number): number {
  const open = text.indexOf('{', from);
  return open < 0 ? text.length : closeOf(text, open);
}
