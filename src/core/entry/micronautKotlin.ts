// Micronaut controllers written in Kotlin: the same routes and facts as micronautRoutes.ts reads
// from Java (see there), from the text by kotlinScan.ts, as Spring's Kotlin controllers are.
import type { RouteDecl } from './types';
import type { KtAnnotation } from './kotlinScan';
import { kotlinConstants, kotlinString, scanKotlin } from './kotlinScan';
import { importsMicronautHttp } from './javaRoutes';
import { HTTP_METHOD, RULE_CONSTANTS, RULE_TYPE, SECURITY, templatePath, type MicronautFileFacts, type MicronautRequires, type MicronautRouteFacts, type MicronautSecurity } from './micronautRoutes';

function urisOf(a: KtAnnotation, consts: Map<string, string>): (string | undefined)[] {
  const values = a.args.value ?? a.args.uri ?? a.args.uris ?? [];
  return values.length ? values.map((v) => kotlinString(v, consts)) : ['/'];
}

function securityValues(a: KtAnnotation, consts: Map<string, string>): string[] {
  if (a.name === 'PermitAll') return ['isAnonymous()'];
  if (a.name === 'DenyAll') return ['denyAll()'];
  return (a.args.value ?? []).map((v) => kotlinString(v, consts) ?? RULE_CONSTANTS.get(v.split('.').pop()!.trim()) ?? `?${v.trim()}`);
}

const securityOf = (anns: KtAnnotation[], where: MicronautSecurity['where'], consts: Map<string, string>): MicronautSecurity[] =>
  anns.filter((a) => SECURITY.test(a.name)).map((a) => ({ name: a.name, text: a.text, line: a.line, where, values: securityValues(a, consts) }));

function requiresOf(a: KtAnnotation, consts: Map<string, string>): MicronautRequires {
  const r: MicronautRequires = { line: a.line };
  for (const k of ['property', 'value', 'notEquals', 'pattern', 'defaultValue', 'missingProperty'] as const) {
    const v = a.args[k]?.[0];
    const s = v === undefined ? undefined : kotlinString(v, consts);
    if (s !== undefined) r[k] = s;
  }
  const env = (a.args.env ?? []).map((v) => kotlinString(v, consts) ?? v);
  if (env.length) r.env = env;
  return r;
}

export function detectKotlinMicronautRoutes(text: string, file: string): RouteDecl[] {
  if (!importsMicronautHttp(text)) return [];
  const out: RouteDecl[] = [];
  const consts = kotlinConstants(text);
  for (const cls of scanKotlin(text)) {
    const controller = cls.annotations.find((a) => a.name === 'Controller');
    if (!controller) continue;
    const clsSecurity = securityOf(cls.annotations, 'class', consts);
    const requires = cls.annotations.filter((a) => a.name === 'Requires').map((a) => requiresOf(a, consts));
    for (const fn of cls.functions) {
      const own = securityOf(fn.annotations, 'method', consts);
      const facts: MicronautRouteFacts = {
        cls: cls.name,
        security: own.length ? own : clsSecurity,
        annotations: [...new Set([...fn.annotations, ...cls.annotations].map((a) => a.name))],
        requires,
      };
      for (const a of fn.annotations.filter((x) => HTTP_METHOD.test(x.name))) {
        for (const cp of urisOf(controller, consts)) {
          for (const mp of urisOf(a, consts)) {
            out.push({
              method: a.name.toUpperCase(),
              path: [templatePath(cp ?? ''), templatePath(mp ?? '')].join('/'),
              dynamic: cp === undefined || mp === undefined ? `${controller.text} ${a.text}` : undefined,
              handler: `${cls.name}.${fn.name}`,
              handlerSymbol: `${cls.name}.${fn.name}`,
              inlineRange: { start: fn.line, end: Math.max(fn.line, fn.endLine) },
              guards: [],
              file,
              line: a.line,
              order: fn.line,
              framework: 'micronaut',
              micronaut: facts,
            });
          }
        }
      }
    }
  }
  return out;
}

/** The Kotlin file's security rules (`class X(...) : SecurityRule<…>`) and whether it imports micronaut-security. */
export function kotlinMicronautFileFacts(text: string, file: string): MicronautFileFacts | undefined {
  if (!/\bio\.micronaut\.security\b/.test(text)) return undefined;
  const rules: MicronautFileFacts['rules'] = [];
  for (const m of text.matchAll(/\bclass\s+(\w+)[^{:]*(?:\([^{]*?\))?\s*:\s*([^{]+)/g)) {
    if (!RULE_TYPE.test(m[2])) continue;
    const body = text.slice(m.index);
    const reads = [...new Set([...body.matchAll(/\b([A-Z]\w*)::class\b/g)].map((x) => x[1]))];
    rules.push({ name: m[1], file, line: text.slice(0, m.index).split('\n').length, reads });
  }
  return { securityImport: true, rules };
}
