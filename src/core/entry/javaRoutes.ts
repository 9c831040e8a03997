// Spring MVC (class + method mappings) and JAX-RS (@Path) routes in Java, with method-level and
// class-level security annotations as guards. Spring Security URL rules are applied afterwards
// (springSecurity.ts) because they live in another file.
import type { Node, Tree } from 'web-tree-sitter';
import type { RouteDecl, GuardCandidate } from './types';
import { all, kids, line, rangeOf, stringValue } from './treeUtil';
import { makeGuard } from './guards';
import { authParameter, principalCheck, signatureCheck } from './javaHandlerChecks';
import { credentialHeaderCheck } from './javaCredentialChecks';
import { dict, table } from '../ownKeys';
import { pathOf } from './springResourceHandlers';
import { implementedTypes, interfaceConstants, paramTypes, superclassOf } from './springInterfaceMappings';
import { staticImports } from './javaConstantExprs';
import { declaredClassNames, FileConstants } from './javaConstantScopes';

const SPRING_METHOD: Record<string, string> = table({ GetMapping: 'GET', PostMapping: 'POST', PutMapping: 'PUT', DeleteMapping: 'DELETE', PatchMapping: 'PATCH' });
const JAXRS_METHOD = new Set(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS']);
/**
 * Annotations of a handler method that are never a composed mapping: Java's own, Spring's, the
 * documentation and validation ones. Anything else on an unmapped controller method is a candidate.
 */
const NOT_COMPOSED = /^(Override|Deprecated|SuppressWarnings|SafeVarargs|Bean|ExceptionHandler|InitBinder|ModelAttribute|ResponseBody|ResponseStatus|CrossOrigin|Transactional|Async|Scheduled|EventListener|Cacheable|CacheEvict|CachePut|Validated|Valid|Nullable|NonNull|Api\w*|Operation|Parameters?|Hidden|Tag|Schema)$/;
/** Class annotations that are never a controller stereotype of the application's: Spring's other stereotypes, Lombok's, JPA's. */
const NOT_STEREOTYPE = /^(Service|Component|Repository|Configuration|AutoConfiguration|Slf4j|Log4j2?|CommonsLog|Data|Getter|Setter|\w*ArgsConstructor|Builder|ToString|EqualsAndHashCode|Value|Entity|Table|Mapper|Primary|Lazy|Order|Scope|Profile|Conditional\w*|Enable\w+|Import|Documented|FunctionalInterface|Accessors|SuperBuilder)$/;
const SECURITY_ANN = /^(PreAuthorize|PostAuthorize|Secured|RolesAllowed|PermitAll|DenyAll|Authenticated|RequiresAuthentication|RequiresRoles|RequiresPermissions)$/;

export interface Ann {
  name: string;
  node: Node;
  /** Element values by name; a single unnamed value is `value`. */
  values: Record<string, Node[]>;
}

export function annotations(modifiers: Node | undefined): Ann[] {
  return kids(modifiers)
    .filter((k) => k.type === 'annotation' || k.type === 'marker_annotation')
    .map((a) => {
      const name = (a.childForFieldName('name')?.text ?? '').split('.').pop() ?? '';
      const values: Record<string, Node[]> = dict();
      for (const arg of kids(a.childForFieldName('arguments'))) {
        if (arg.type === 'element_value_pair') {
          const v = arg.childForFieldName('value');
          values[arg.childForFieldName('key')?.text ?? ''] = v ? (v.type === 'element_value_array_initializer' ? kids(v) : [v]) : [];
        } else values.value = arg.type === 'element_value_array_initializer' ? kids(arg) : [arg];
      }
      return { name, node: a, values };
    });
}

/** `static final String IMAGE_URL = "/api/images/{type}/{key}"` in the file: paths written as constants. */
export function constantsOf(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/\bfinal\s+(?:(?:public|protected|private|static)\s+)*String\s+(\w+)\s*=\s*"((?:[^"\\\n]|\\.)*)"\s*;/g)) out.set(m[1], m[2]);
  // `Type.NAME` is read from the class of this file it names (`Constants.Auth.API`), never by NAME alone.
  return new FileConstants(text, out, (v) => v);
}

/** A literal, a constant of the file, or `+` of those (`IMAGE_URL + "/info"`). */
export function pathValue(n: Node, consts: Map<string, string>): string | undefined {
  if (n.type === 'identifier') return unescape(consts.get(n.text));
  // The constant of the class written (constantsOf's qualified keys); another class's is resolved later (pathOf).
  if (n.type === 'field_access') return unescape(consts.get(n.text.replace(/\s+/g, '')));
  if (n.type === 'binary_expression' && n.childForFieldName('operator')?.text === '+') {
    const l = pathValue(n.childForFieldName('left')!, consts);
    const r = pathValue(n.childForFieldName('right')!, consts);
    return l === undefined || r === undefined ? undefined : l + r;
  }
  if (n.type === 'parenthesized_expression' && n.namedChildren[0]) return pathValue(n.namedChildren[0], consts);
  return unescape(stringValue(n));
}

/** The string Java reads from the literal: `"[^\\.]*"` is the pattern `[^\.]*` (a path variable's regex). */
function unescape(s: string | undefined): string | undefined {
  return s?.replace(/\\(["'\\])/g, '$1');
}

type Part = { path?: string; other?: NonNullable<RouteDecl['javaConst']> };

/** Each path of a mapping, or the one constant of another class it names (`RequestMappings.API + "/config"`), resolved later. */
const partsOf = (a: Ann | undefined, consts: Map<string, string>, inline?: Map<string, Node>, statics?: Map<string, string>, own?: { has(name: string): boolean }): Part[] => {
  const nodes = a ? a.values.value ?? a.values.path ?? [] : [];
  if (!nodes.length) return [{ path: '' }];
  return nodes.map((n) => {
    const path = pathValue(n, consts);
    if (path !== undefined) return { path };
    const read = pathOf(n, consts, inline, statics, undefined, own);
    return read.path !== undefined ? { path: read.path } : { other: read.other };
  });
};

/** The class and method paths of a route joined around the one constant of another class they name. */
function joinedConst(c: Part, m: Part): RouteDecl['javaConst'] {
  if (c.other && m.path !== undefined) return { ...c.other, after: `${c.other.after}/${m.path}` };
  if (m.other && c.path !== undefined) return { ...m.other, before: `${c.path}/${m.other.before}` };
  return undefined;
}

/** The file imports Micronaut's HTTP annotations (`io.micronaut.http.annotation.Controller`, or the package), in Java or Kotlin. */
export function importsMicronautHttp(text: string): boolean {
  return /^\s*import\s+io\.micronaut\.http\.annotation\.(?:Controller|\*)\s*;?\s*$/m.test(text);
}

export function detectJavaRoutes(tree: Tree, file: string): RouteDecl[] {
  const out: RouteDecl[] = [];
  const consts = constantsOf(tree.rootNode.text);
  // Dropwizard's @Auth is known by its import: an application may declare an `@Auth` of its own.
  const dropwizardAuth = /^\s*import\s+io\.dropwizard\.auth\.(?:Auth|\*)\s*;/m.test(tree.rootNode.text);
  // Micronaut's @Controller is not Spring's: micronautRoutes.ts reads those classes.
  const micronaut = importsMicronautHttp(tree.rootNode.text);
  const inline = interfaceConstants(tree);
  const statics = staticImports(tree.rootNode.text);
  // The file's own class names: `Own.X` is never looked up in another file (javaConstantScopes.ts).
  const own = declaredClassNames(tree.rootNode.text);
  const ctx: ClassContext = { file, consts, inline, statics, dropwizardAuth, own };
  for (const cls of all(tree.rootNode, ['class_declaration', 'interface_declaration'])) {
    const clsAnns = annotations(kids(cls).find((k) => k.type === 'modifiers'));
    if (micronaut && clsAnns.some((a) => a.name === 'Controller')) continue;
    const isSpring = clsAnns.some((a) => /^(RestController|Controller|RequestMapping)$/.test(a.name));
    const clsPath = clsAnns.find((a) => a.name === 'RequestMapping' || a.name === 'Path');
    // A class under an annotation of the application's own that may be a controller stereotype
    // (`@RestApi("/plugin")`, meta-annotated @RestController @RequestMapping): read both ways, as such
    // a controller with that annotation's value as its path and as a plain class; springComposedControllers.ts
    // keeps one reading once the annotation's declaration is known.
    const stereotypes = cls.type === 'class_declaration' && !isSpring && !clsPath ? clsAnns.filter((a) => !NOT_COMPOSED.test(a.name) && !SECURITY_ANN.test(a.name) && !NOT_STEREOTYPE.test(a.name)) : [];
    const start = out.length;
    readClass(out, cls, clsAnns, isSpring, clsPath, ctx);
    if (!stereotypes.length) continue;
    for (const r of out.slice(start)) r.stereotype = { names: stereotypes.map((a) => a.name), controller: false };
    for (const a of stereotypes) {
      const from = out.length;
      readClass(out, cls, clsAnns, true, a, ctx);
      const bare = !(a.values.value ?? a.values.path)?.length;
      for (const r of out.slice(from)) r.stereotype = { names: [a.name], controller: true, ...(bare ? { bare: true as const } : {}) };
    }
  }
  return out;
}

interface ClassContext {
  file: string;
  consts: Map<string, string>;
  inline: Map<string, Node>;
  statics: Map<string, string>;
  dropwizardAuth: boolean;
  own: { has(name: string): boolean };
}

/** The routes of one class, read as a Spring controller when `isSpring`, with `clsPath` its type-level mapping. */
function readClass(out: RouteDecl[], cls: Node, clsAnns: Ann[], isSpring: boolean, clsPath: Ann | undefined, ctx: ClassContext): void {
  const { file, consts, inline, statics, dropwizardAuth, own } = ctx;
  {
    const className = cls.childForFieldName('name')?.text ?? '';
    // An interface with no controller annotation of its own: its mappings serve only through a
    // controller that implements it (springInterfaceMappings.ts); a controller's unmapped methods may be those.
    // A plain class (a controllers' base, annotated with nothing of Spring's) is read as such an interface too.
    const plainIface = !isSpring && !clsPath;
    const implemented = isSpring && cls.type === 'class_declaration' ? [...implementedTypes(cls), ...superclassOf(cls)] : [];
    // The class itself: an interface's default methods it does not override serve through it too.
    if (implemented.length) {
      const base = partsOf(clsPath, consts, inline, statics, own)[0]?.path;
      const nameNode = cls.childForFieldName('name') ?? cls;
      out.push({ method: 'ANY', path: base ?? '', ...(base === undefined ? { dynamic: clsPath?.node.text ?? '' } : {}), javaImpl: { types: implemented, method: '', arity: -1, params: '' }, handler: className, guards: springSecurityGuards(clsAnns.map(written), [], file, className, ''), file, line: line(nameNode), order: cls.startIndex, framework: 'spring' });
    }
    for (const m of kids(cls.childForFieldName('body')).filter((k) => k.type === 'method_declaration')) {
      const anns = annotations(kids(m).find((k) => k.type === 'modifiers'));
      const methodName = m.childForFieldName('name')?.text ?? '';
      let methods: string[] = [];
      let mapping: Ann | undefined;
      let framework = 'spring';
      let lineNode: Node = m.childForFieldName('name') ?? m;
      for (const a of anns) {
        if (SPRING_METHOD[a.name]) {
          methods = [SPRING_METHOD[a.name]];
          mapping = a;
          lineNode = a.node;
        } else if (a.name === 'RequestMapping') {
          mapping = a;
          lineNode = a.node;
          methods = (a.values.method ?? []).map((n) => n.text.split('.').pop()!.toUpperCase());
          if (!methods.length) methods = ['ANY'];
        } else if (JAXRS_METHOD.has(a.name)) {
          methods = [a.name];
          framework = 'jaxrs';
          lineNode = a.node;
        }
      }
      // An annotation the application declares may itself be a mapping (`@AnonymousGetMapping`,
      // meta-annotated `@RequestMapping(method = GET)`): its declaration is in another file, so each
      // unknown annotation of an unmapped controller method is kept as a candidate for
      // springComposedMappings.ts to resolve or drop once every file's annotation types are known.
      const candidates = !methods.length && (isSpring || clsPath) ? anns.filter((a) => !NOT_COMPOSED.test(a.name) && !SECURITY_ANN.test(a.name)) : [];
      const arity = kids(m.childForFieldName('parameters')).filter((p) => p.type === 'formal_parameter' || p.type === 'spread_parameter').length;
      const implCandidate = !methods.length && implemented.length > 0 && !/\bstatic\b/.test(kids(m).find((k) => k.type === 'modifiers')?.text ?? '');
      if (!methods.length && !candidates.length && !implCandidate) continue;
      const ifaceMapped = framework === 'spring' && plainIface && methods.length > 0;
      if (framework === 'spring' && !isSpring && !clsPath && !ifaceMapped) continue;
      const methodPath = framework === 'jaxrs' ? anns.find((a) => a.name === 'Path') : mapping;
      // A method-level security annotation replaces the class-level one of its family
      // (@PermitAll on a method of a @RolesAllowed class makes that method public).
      const guards = springSecurityGuards(clsAnns.map(written), anns.map(written), file, className, methodName);
      // A null check of the caller's identity in the handler refuses anonymous callers itself.
      const checked = principalCheck(m, file, `${className}.${methodName}`);
      if (checked) guards.push({ text: checked.name, line: checked.line, via: 'check in the handler', guard: checked });
      // So does a handler that refuses every request whose signature does not verify (a provider's callback).
      const signed = signatureCheck(m, file, `${className}.${methodName}`);
      if (signed) guards.push({ text: signed.name, line: signed.line, via: 'check in the handler', guard: signed });
      // And one that compares a credential header with the stored one (an open API for machines).
      const keyed = framework === 'spring' ? credentialHeaderCheck(m, file, `${className}.${methodName}`) : undefined;
      if (keyed) guards.push({ text: keyed.name, line: keyed.line, via: 'check in the handler', guard: keyed });
      // A Dropwizard @Auth parameter: the caller is resolved (or refused) before the method runs.
      const authed = authParameter(m, file, `${className}.${methodName}`, dropwizardAuth);
      if (authed) guards.push({ text: authed.name, line: authed.line, via: 'parameter', guard: authed });
      // Parameters such as @AuthenticationPrincipal say who is calling, not that a caller is required.
      // A candidate takes any method until its type is known; with no path of its own, the type's
      // path (if it fixes one) follows the class path (`base`).
      if (implCandidate) {
        const base = partsOf(clsPath, consts)[0]?.path;
        out.push({ method: 'ANY', path: base ?? '', ...(base === undefined ? { dynamic: clsPath?.node.text ?? '' } : {}), javaImpl: { types: implemented, method: methodName, arity, params: paramTypes(m) }, handler: `${className}.${methodName}`, handlerSymbol: `${className}.${methodName}`, inlineRange: rangeOf(m), guards, file, line: line(lineNode), order: m.startIndex, framework });
        // Its other annotations may still be a composed mapping of the application's (resolved or dropped later).
        if (!candidates.length) continue;
      }
      const ways = candidates.length
        ? candidates.map((a) => ({ mapping: a as Ann | undefined, methods: ['ANY'], lineNode: a.node, composed: { name: a.name, given: !!(a.values.value ?? a.values.path)?.length } }))
        : [{ mapping: methodPath, methods, lineNode, composed: undefined }];
      for (const way of ways) {
        // A path held in another class's constant (`@RequestMapping(RequestMappings.API)`) is read
        // once every file is known, from that class's file (resolveJavaConstants).
        const byConst = framework === 'spring' && !way.composed;
        const declared = partsOf(clsPath, consts, inline, statics, own).flatMap((c) => partsOf(way.mapping, consts, inline, statics, own).map((m) => ({ cp: c.path, mp: m.path, path: [c.path ?? '', m.path ?? ''].join('/'), javaConst: byConst ? joinedConst(c, m) : undefined })));
        const slashKept = keepsTrailingSlash(declared.map((d) => d.path));
        for (const { cp, mp, path, javaConst } of declared) {
          const slashed = slashKept(path);
          for (const method of way.methods) {
            out.push({
              method,
              path,
              ...(way.composed ? { composed: { name: way.composed.name, ...(way.composed.given ? {} : { base: cp ?? '' }) } } : {}),
              ...(slashed ? { trailingSlash: true as const } : {}),
              dynamic: cp === undefined || mp === undefined ? (clsPath?.node.text ?? '') + ' ' + (way.mapping?.node.text ?? '') : undefined,
              ...(javaConst ? { javaConst } : {}),
              // No class path of its own: the superclass's may hold one (springInheritedClassPaths.ts).
              ...(framework === 'spring' && isSpring && !clsPath && !way.composed && superclassOf(cls).length ? { springBase: superclassOf(cls)[0] } : {}),
              ...(ifaceMapped ? { javaIface: { type: className, method: methodName, arity, params: paramTypes(m), ...(m.childForFieldName('body') ? { defaulted: true as const } : {}) } } : {}),
              handler: `${className}.${methodName}`,
              handlerSymbol: `${className}.${methodName}`,
              inlineRange: rangeOf(m),
              guards,
              file,
              line: line(way.lineNode),
              order: m.startIndex,
              framework,
              ...(framework === 'jaxrs' ? { jaxrs: { cls: className, rooted: !!clsPath, method: methodName, arity, ...(mp !== undefined ? { path: mp } : {}), annotations: anns.map((a) => a.name), security: anns.filter((a) => SECURITY_ANN.test(a.name)).map(written) } } : {}),
            });
          }
        }
      }
    }
  }
}

/**
 * Which of a mapping's paths keep their trailing slash: those it also declares without one
 * (`{"/assets", "/assets/"}`). Route paths drop the slash, which would make the two one route;
 * Spring 6 matches them apart (no trailing-slash match by default), and either way both answer.
 */
export function keepsTrailingSlash(paths: readonly string[]): (path: string) => boolean {
  const spelled = new Set(paths.map((p) => p.replace(/\/+/g, '/')));
  return (path) => /[^/]\/+$/.test(path) && spelled.has(path.replace(/\/+/g, '/').replace(/\/$/, ''));
}

/** An annotation as the guard logic needs it, whatever the language it was written in. */
export interface WrittenAnnotation {
  name: string;
  text: string;
  line: number;
}

const written = (a: Ann): WrittenAnnotation => ({ name: a.name, text: a.node.text, line: line(a.node) });

/**
 * Guards of a handler method from the security annotations on it and on its class. A method-level
 * annotation replaces the class-level one of its family (@PermitAll on a method of a
 * @RolesAllowed class makes that method public).
 */
export function springSecurityGuards(cls: WrittenAnnotation[], method: WrittenAnnotation[], file: string, className: string, methodName: string): GuardCandidate[] {
  const families = new Set(method.map((a) => familyOf(a.name)).filter(Boolean));
  return [...guardsOf(cls.filter((a) => !families.has(familyOf(a.name))), file, `class ${className}`), ...guardsOf(method, file, `method ${className}.${methodName}`)];
}

/** Security annotations that override each other between class and method. */
function familyOf(name: string): string | undefined {
  if (/^(RolesAllowed|PermitAll|DenyAll)$/.test(name)) return 'jsr250';
  if (/^(PreAuthorize|Secured|PostAuthorize)$/.test(name)) return name;
  return undefined;
}

function guardsOf(anns: WrittenAnnotation[], file: string, where: string): GuardCandidate[] {
  const out: GuardCandidate[] = [];
  for (const a of anns) {
    if (!SECURITY_ANN.test(a.name) && !/auth|role|permission|secur/i.test(a.name)) continue;
    // A parameter or helper annotation named like auth is not a check: only known ones and @...Authorize/@...Secured forms.
    if (!SECURITY_ANN.test(a.name) && /Principal|AuthenticationPrincipal|CurrentSecurityContext/.test(a.name)) continue;
    // OpenAPI documentation (io.swagger @SecurityRequirements, @SecurityScheme) describes, it does not check.
    if (/^Security(Requirements?|Schemes?)$/.test(a.name)) continue;
    // So does an OpenAPI grouping tag, often a meta-annotation of the service's (`@AuthenticationTag`
    // declared with io.swagger's `@Tag(name = "Authentication")`): a tag names, it never checks.
    if (/Tags?$/.test(a.name)) continue;
    // A mark that a method needs no check (Alpine's `@AuthenticationNotRequired`, `@SkipAuth`,
    // `@AllowAnonymous`) is what a filter reads to let it through, never a check of its own.
    if (/NotRequired$|Exempt|^(Skip|Ignore|No|Without)(Auth|Login|Security|Token)|Anonymous|Unauthenticated|Unsecured/.test(a.name)) continue;
    const text = a.text;
    const kind = a.name === 'PermitAll' ? undefined : /Authenticated|RequiresAuthentication/.test(a.name) && !/has|Role|Authority/.test(text) ? 'authentication' : 'authorization';
    if (!kind) continue;
    // @PreAuthorize("permitAll()") / ("isAnonymous()") lets every caller in.
    const optional = /^(PreAuthorize|PostAuthorize)$/.test(a.name) && /^@?\w+\(\s*(value\s*=\s*)?"\s*(permitAll|isAnonymous)\(\)\s*"\s*\)$/.test(text) ? true : undefined;
    const g = makeGuard(text, file, a.line, `annotation on ${where}`, { kind, matched: a.name, optional });
    if (g) out.push({ text, line: a.line, via: 'annotation', guard: g });
  }
  return out;
}
