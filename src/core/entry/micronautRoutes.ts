// Micronaut HTTP routes in Java: a `@Controller("/base")` class (io.micronaut.http.annotation) and
// its `@Get/@Post/@Put/@Delete/@Patch/@Head/@Options/@Trace(uri)` methods, the two URIs joined
// (`@Controller` alone is `/`; a method annotation with no URI answers at the controller's). What
// the per-file pass cannot decide is kept on the route for micronautSecurity.ts, which reads the
// application's configuration: the security annotations that decide for the method (its own
// `@Secured` / `@RolesAllowed` / `@PermitAll` / `@DenyAll`, else its class's: micronaut-security's
// SecuredAnnotationRule reads the method's first), every annotation name the method and class carry
// (a security rule of the service's own may read one) and the class's `@Requires` conditions (a
// controller whose condition the default configuration does not meet is no bean, so no route).
import type { Node, Tree } from 'web-tree-sitter';
import type { RouteDecl } from './types';
import { all, kids, line, rangeOf, stringValue } from './treeUtil';
import { annotations, constantsOf, importsMicronautHttp, pathValue, type Ann } from './javaRoutes';
import { principalCheck } from './javaHandlerChecks';

export const HTTP_METHOD = /^(Get|Post|Put|Delete|Patch|Head|Options|Trace)$/;
export const SECURITY = /^(Secured|RolesAllowed|PermitAll|DenyAll)$/;
/** A class that is a security rule: it implements SecurityRule or extends one of micronaut-security's. */
export const RULE_TYPE = /\b(SecurityRule|AbstractSecurityRule|SecuredAnnotationRule|InterceptUrlMapRule|ConfigurationInterceptUrlMapRule)\b/;
/** micronaut-security's `SecurityRule` constants, as the strings SecuredAnnotationRule compares. */
export const RULE_CONSTANTS = new Map([
  ['IS_ANONYMOUS', 'isAnonymous()'],
  ['IS_AUTHENTICATED', 'isAuthenticated()'],
  ['DENY_ALL', 'denyAll()'],
]);

/** A security annotation as micronaut-security reads it: the values it compares (`?NAME`: a constant we do not know). */
export interface MicronautSecurity {
  name: string;
  text: string;
  line: number;
  where: 'method' | 'class';
  values: string[];
}

/** One `@Requires` of a controller class, as written (only the members that decide by configuration or environment). */
export interface MicronautRequires {
  line: number;
  property?: string;
  value?: string;
  notEquals?: string;
  pattern?: string;
  defaultValue?: string;
  missingProperty?: string;
  env?: string[];
}

export interface MicronautRouteFacts {
  cls: string;
  security: MicronautSecurity[];
  annotations: string[];
  requires: MicronautRequires[];
}

/** What a file tells of the application's security besides its routes. */
export interface MicronautFileFacts {
  /** The file imports micronaut-security (`io.micronaut.security.…`): the module is on the classpath. */
  securityImport?: true;
  /** Security rules of the service's own (a class implementing `SecurityRule` or extending one of micronaut-security's) and the `X.class` annotations they read. */
  rules: { name: string; file: string; line: number; reads: string[] }[];
  /** HTTP server filters of the service's own whose code can answer 401/403 (a refusal micronaut-security does not make). */
  filters?: MicronautFilter[];
}

/** `@Filter("/api/**")` / `@ServerFilter(…)` class that may refuse: its patterns, methods and where it refuses. */
export interface MicronautFilter {
  name: string;
  file: string;
  line: number;
  patterns: string[];
  methods?: string[];
  refusal: { text: string; line: number };
  requires: MicronautRequires[];
}

/** A 401/403 answer written in Micronaut's API. */
const REFUSAL = /HttpResponse\s*\.\s*(?:unauthorized|forbidden)\s*\(|HttpStatus\s*\.\s*(?:UNAUTHORIZED|FORBIDDEN)\b/;

const text = (n: Node | undefined, consts: Map<string, string>): string | undefined => (n ? pathValue(n, consts) : undefined);

/** The strings a security annotation compares: literals, `SecurityRule.X`, the file's constants; `?NAME` otherwise. */
function securityValues(a: Ann, consts: Map<string, string>): string[] {
  if (a.name === 'PermitAll') return ['isAnonymous()'];
  if (a.name === 'DenyAll') return ['denyAll()'];
  return (a.values.value ?? []).map((n) => {
    const s = stringValue(n) ?? (n.type === 'identifier' ? consts.get(n.text) : undefined);
    if (s !== undefined) return s;
    const field = n.type === 'field_access' ? n.childForFieldName('field')?.text : n.text;
    return RULE_CONSTANTS.get(field ?? '') ?? `?${n.text}`;
  });
}

function requiresOf(a: Ann, consts: Map<string, string>): MicronautRequires {
  const one = (k: string): string | undefined => text(a.values[k]?.[0], consts);
  const env = (a.values.env ?? []).map((n) => text(n, consts) ?? n.text);
  const r: MicronautRequires = { line: line(a.node) };
  for (const k of ['property', 'value', 'notEquals', 'pattern', 'defaultValue', 'missingProperty'] as const) {
    const v = one(k);
    if (v !== undefined) r[k] = v;
  }
  if (env.length) r.env = env;
  return r;
}

/** The URIs of a route annotation: `value`, `uri` or `uris`; `/` when none is written. */
function urisOf(a: Ann | undefined, consts: Map<string, string>): (string | undefined)[] {
  if (!a) return ['/'];
  const nodes = a.values.value ?? a.values.uri ?? a.values.uris ?? [];
  return nodes.length ? nodes.map((n) => pathValue(n, consts)) : ['/'];
}

/**
 * A URI template as a route path: RFC 6570 query parts (`{?max,offset}`, `{&x}`) are no part of the
 * path; an optional segment (`{/tenant}`) is an optional parameter, `/:tenant?`; a reserved
 * expansion (`{+path}`) a parameter like any other.
 */
export function templatePath(uri: string): string {
  return uri
    .replace(/\{[?&][^}]*\}/g, '')
    .replace(/\{\/([A-Za-z_]\w*)\}/g, '/:$1?')
    .replace(/\{\+([A-Za-z_]\w*)\}/g, '{$1}');
}

const securityOf = (anns: Ann[], where: MicronautSecurity['where'], consts: Map<string, string>): MicronautSecurity[] =>
  anns.filter((a) => SECURITY.test(a.name)).map((a) => ({ name: a.name, text: a.node.text, line: line(a.node), where, values: securityValues(a, consts) }));

export function detectMicronautRoutes(tree: Tree, file: string): RouteDecl[] {
  const source = tree.rootNode.text;
  if (!importsMicronautHttp(source)) return [];
  const out: RouteDecl[] = [];
  const consts = constantsOf(source);
  for (const cls of all(tree.rootNode, 'class_declaration')) {
    const clsAnns = annotations(kids(cls).find((k) => k.type === 'modifiers'));
    const controller = clsAnns.find((a) => a.name === 'Controller');
    if (!controller) continue;
    const className = cls.childForFieldName('name')?.text ?? '';
    const clsSecurity = securityOf(clsAnns, 'class', consts);
    const requires = clsAnns.filter((a) => a.name === 'Requires').map((a) => requiresOf(a, consts));
    for (const m of kids(cls.childForFieldName('body')).filter((k) => k.type === 'method_declaration')) {
      const anns = annotations(kids(m).find((k) => k.type === 'modifiers'));
      const methodName = m.childForFieldName('name')?.text ?? '';
      const own = securityOf(anns, 'method', consts);
      const facts: MicronautRouteFacts = {
        cls: className,
        security: own.length ? own : clsSecurity,
        annotations: [...new Set([...anns, ...clsAnns].map((a) => a.name))],
        requires,
      };
      // A null check of the caller's identity in the handler refuses anonymous callers itself.
      const checked = principalCheck(m, file, `${className}.${methodName}`);
      const guards = checked ? [{ text: checked.name, line: checked.line, via: 'check in the handler', guard: checked }] : [];
      for (const a of anns.filter((x) => HTTP_METHOD.test(x.name))) {
        for (const cp of urisOf(controller, consts)) {
          for (const mp of urisOf(a, consts)) {
            out.push({
              method: a.name.toUpperCase(),
              path: [templatePath(cp ?? ''), templatePath(mp ?? '')].join('/'),
              dynamic: cp === undefined || mp === undefined ? `${controller.node.text} ${a.node.text}` : undefined,
              handler: `${className}.${methodName}`,
              handlerSymbol: `${className}.${methodName}`,
              inlineRange: rangeOf(m),
              guards,
              file,
              line: line(a.node),
              order: m.startIndex,
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

/** The filters of a file that may refuse (`@Filter` / `@ServerFilter` classes whose code answers 401/403). */
function filtersOf(tree: Tree, file: string): MicronautFilter[] {
  const out: MicronautFilter[] = [];
  const consts = constantsOf(tree.rootNode.text);
  for (const cls of all(tree.rootNode, 'class_declaration')) {
    const anns = annotations(kids(cls).find((k) => k.type === 'modifiers'));
    const filter = anns.find((a) => a.name === 'Filter' || a.name === 'ServerFilter');
    if (!filter) continue;
    const at = REFUSAL.exec(cls.text);
    if (!at) continue;
    const patterns = (filter.values.value ?? filter.values.patterns ?? []).map((n) => pathValue(n, consts) ?? '/**');
    const methods = (filter.values.methods ?? []).map((n) => n.text.split('.').pop()!.toUpperCase());
    out.push({
      name: cls.childForFieldName('name')?.text ?? '',
      file,
      line: line(cls),
      patterns: patterns.length ? patterns : ['/**'],
      ...(methods.length ? { methods } : {}),
      refusal: { text: at[0].replace(/\s+/g, ''), line: line(cls) + cls.text.slice(0, at.index).split('\n').length - 1 },
      requires: anns.filter((a) => a.name === 'Requires').map((a) => requiresOf(a, consts)),
    });
  }
  return out;
}

/** The rule classes and refusing filters a file declares and whether it imports micronaut-security; undefined when it has none of them. */
export function micronautFileFacts(tree: Tree, file: string): MicronautFileFacts | undefined {
  const source = tree.rootNode.text;
  const filters = /\bio\.micronaut\.http\.(?:annotation|filter)\b/.test(source) ? filtersOf(tree, file) : [];
  if (!/\bio\.micronaut\.security\b/.test(source)) return filters.length ? { rules: [], filters } : undefined;
  const rules: MicronautFileFacts['rules'] = [];
  for (const cls of all(tree.rootNode, 'class_declaration')) {
    const heads = [cls.childForFieldName('superclass')?.text ?? '', cls.childForFieldName('interfaces')?.text ?? ''].join(' ');
    if (!RULE_TYPE.test(heads)) continue;
    const reads = [...new Set([...cls.text.matchAll(/\b([A-Z]\w*)\.class\b/g)].map((x) => x[1]))];
    rules.push({ name: cls.childForFieldName('name')?.text ?? '', file, line: line(cls), reads });
  }
  return { securityImport: true, rules, ...(filters.length ? { filters } : {}) };
}
