// Spring MVC routes written in Kotlin: `@RestController`/`@Controller` classes, class-level
// `@RequestMapping` prefixes, `@GetMapping`… on member functions, with the same security
// annotations as Java (@PreAuthorize, @Secured, @RolesAllowed). Paths may be string literals,
// arrays (`["a", "b"]`) or `const val` names declared in the file. Read from the text by
// kotlinScan.ts (see there why not from the tree). Spring Security URL rules are applied
// afterwards (springSecurity.ts), as for Java.
import type { GuardCandidate, RouteDecl } from './types';
import { keepsTrailingSlash, springSecurityGuards } from './javaRoutes';
import { kotlinConstants, kotlinString, scanKotlin, type KtAnnotation, type KtFunction } from './kotlinScan';
import { table } from '../ownKeys';
import { superclassOf } from './springInterceptorBases';

const SPRING_METHOD: Record<string, string> = table({ GetMapping: 'GET', PostMapping: 'POST', PutMapping: 'PUT', DeleteMapping: 'DELETE', PatchMapping: 'PATCH' });

type Part = { path?: string; other?: NonNullable<RouteDecl['javaConst']> };

function pathsOf(a: KtAnnotation | undefined, consts: Map<string, string>): Part[] {
  if (!a) return [{ path: '' }];
  const values = a.args.value ?? a.args.path ?? [];
  return values.length ? values.map((v) => ({ path: kotlinString(v, consts), other: foreignTemplate(v) })) : [{ path: '' }];
}

/**
 * `"/${FileStoragePath.SCREENSHOTS}/**"`: a template naming one constant of another object (its own
 * file, read later as Java's `Type.NAME` is: springResourceHandlers.ts), the rest literal or known.
 */
function foreignTemplate(v: string): Part['other'] {
  const s = /^"((?:[^"\\]|\\.)*)"$/.exec(v.trim())?.[1];
  if (s === undefined || !s.includes('$')) return undefined;
  const refs = [...s.matchAll(/\$\{\s*([A-Z]\w*)\.([A-Za-z_]\w*)\s*\}/g)];
  if (refs.length !== 1) return undefined;
  const m = refs[0]!;
  const own = (t: string) => (t.includes('$') ? undefined : t.replace(/\\(.)/g, '$1'));
  const before = own(s.slice(0, m.index));
  const after = own(s.slice(m.index! + m[0].length));
  if (before === undefined || after === undefined) return undefined;
  return { type: m[1]!, name: m[2]!, before, after };
}

export function detectKotlinRoutes(text: string, file: string): RouteDecl[] {
  if (!/Mapping\b/.test(text)) return [];
  const out: RouteDecl[] = [];
  const consts = kotlinConstants(text);
  const lines = text.split('\n');
  for (const cls of scanKotlin(text)) {
    if (!cls.annotations.some((a) => /^(RestController|Controller|RequestMapping)$/.test(a.name))) continue;
    const clsPath = cls.annotations.find((a) => a.name === 'RequestMapping');
    // No class path of its own: the superclass's may hold one (springInheritedClassPaths.ts).
    const springBase = clsPath ? undefined : superclassOf(text, cls.name);
    for (const fn of cls.functions) {
      let methods: string[] = [];
      let mapping: KtAnnotation | undefined;
      for (const a of fn.annotations) {
        if (SPRING_METHOD[a.name]) {
          methods = [SPRING_METHOD[a.name]];
          mapping = a;
        } else if (a.name === 'RequestMapping') {
          mapping = a;
          methods = (a.args.method ?? []).map((v) => v.split('.').pop()!.toUpperCase());
          if (!methods.length) methods = ['ANY'];
        }
      }
      if (!mapping) continue;
      const guards = [...springSecurityGuards(cls.annotations, fn.annotations, file, cls.name, fn.name), ...nullablePrincipal(lines, fn, file, `${cls.name}.${fn.name}`)];
      const declared = pathsOf(clsPath, consts).flatMap((c) =>
        pathsOf(mapping, consts).map((m) => ({
          cp: c.path,
          mp: m.path,
          path: [c.path ?? '', m.path ?? ''].join('/'),
          // One side another object's constant, the other read: made whole once that object's file is read.
          javaConst: m.other && c.path !== undefined ? { ...m.other, before: `${c.path}/${m.other.before}` } : c.other && m.path !== undefined ? { ...c.other, after: `${c.other.after}/${m.path}` } : undefined,
        })),
      );
      const slashKept = keepsTrailingSlash(declared.map((d) => d.path));
      for (const { cp, mp, path, javaConst } of declared) {
        for (const method of methods) {
          out.push({
            method,
            path,
            ...(slashKept(path) ? { trailingSlash: true as const } : {}),
            dynamic: cp === undefined || mp === undefined ? `${clsPath?.text ?? ''} ${mapping.text}`.trim() : undefined,
            ...(javaConst ? { javaConst } : {}),
            ...(springBase ? { springBase } : {}),
            handler: `${cls.name}.${fn.name}`,
            handlerSymbol: `${cls.name}.${fn.name}`,
            inlineRange: { start: fn.line, end: Math.max(fn.line, fn.endLine) },
            guards,
            file,
            line: mapping.line,
            order: fn.line,
            framework: 'spring',
          });
        }
      }
    }
  }
  return out;
}

/**
 * `@AuthenticationPrincipal principal: KomgaPrincipal?`: Spring hands the handler the caller, or
 * null for an anonymous one, and the type says the handler takes both. The handler uses the
 * identity when there is one and serves anonymous callers too: anonymous allowed, wherever no
 * rule refuses them first. (A non-null type is no such statement; Java's types never are.)
 */
function nullablePrincipal(lines: string[], fn: KtFunction, file: string, handler: string): GuardCandidate[] {
  const body = lines.slice(fn.line - 1, fn.endLine).join('\n');
  const start = new RegExp(`\\bfun\\s+(?:<[^>]*>\\s*)?${fn.name.replace(/[$]/g, '\\$&')}\\s*\\(`).exec(body);
  if (!start) return [];
  let depth = 1;
  let i = start.index + start[0].length;
  for (; i < body.length && depth > 0; i++) {
    if (body[i] === '(') depth++;
    else if (body[i] === ')') depth--;
  }
  const params = body.slice(start.index + start[0].length, i - 1);
  const m = /@AuthenticationPrincipal(?:\([^)]*\))?\s+(?:@\w+(?:\([^)]*\))?\s+)*(\w+)\s*:\s*[\w.]+(?:<[^>]*>)?\?/.exec(params);
  if (!m) return [];
  const ln = fn.line + body.slice(0, start.index + start[0].length + m.index).split('\n').length - 1;
  const text = `@AuthenticationPrincipal ${m[1]}: nullable`;
  return [{ text, line: ln, via: 'parameter', guard: { name: text, kind: 'authentication', optional: true, reason: `parameter of ${handler}: the caller if there is one, null for an anonymous one (the handler takes both)`, file, line: ln } }];
}
