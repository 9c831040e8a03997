// What one Java file says about its JAX-RS (Jakarta REST) application beyond its own routes
// (javaRoutes.ts): the classes with their superclass and methods (resource methods a subclass
// inherits, helpers that read the caller), the application's path (`@ApplicationPath`, the
// servlet the Jersey/RESTEasy container is mounted at), the request filters with what they refuse,
// and the classes the code registers with the application. jaxrsResources.ts puts them together.
import type { Node, Tree } from 'web-tree-sitter';
import { all, kids, line, stringValue } from './treeUtil';
import type { WrittenAnnotation } from './javaRoutes';
import { configPackages, containerServes, dynamicFeatures, packageOf, type JaxrsFeature } from './jaxrsFeatures';

export interface JaxrsMethod {
  name: string;
  arity: number;
  /** Carries an HTTP method annotation or @Path: a resource method (or locator) of its own. */
  resource: boolean;
  /** Its body reads the caller: the request's SecurityContext, a session attribute. */
  reads: boolean;
  /** Methods it calls on itself (`getUserId()`, `this.x()`, `super.x()`), by name. */
  calls: string[];
  /** A sub-resource locator: @Path with no HTTP method, answering with the resource class it returns. */
  locator?: { path: string; returns: string };
}

export interface JaxrsClass {
  name: string;
  file: string;
  superclass?: string;
  /** The class's own @Path (a root resource); undefined when it has none. */
  path?: string;
  annotations: string[];
  /** Class-level security annotations (@RolesAllowed, @PermitAll, @DenyAll, …). */
  security: WrittenAnnotation[];
  methods: JaxrsMethod[];
  /** A ResourceConfig subclass: the packages its own code scans (jaxrsFeatures.ts). */
  packages?: string[];
}

export interface JaxrsFilter {
  name: string;
  file: string;
  line: number;
  /** Annotations on the filter class (@Provider, a @NameBinding annotation, @PreMatching). */
  annotations: string[];
  /** Where it refuses (401/403: abortWith, a thrown NotAuthorized/Forbidden/WebApplicationException). */
  refusal?: { text: string; line: number };
  /** Annotations of the resource method whose presence lets a request through (`!m.isAnnotationPresent(PermitAll.class)` around the refusal). */
  exempt: string[];
  /** Annotations whose presence is what makes it refuse (`if (m.isAnnotationPresent(Admin.class)) abort`). */
  requires: string[];
  /** It also looks at the class of the resource (`getResourceClass()`): annotations there count too. */
  readsClass: boolean;
  /** Its decision depends on something we do not follow (the request path, an annotation test we cannot read). */
  doubt?: string;
}

export interface JaxrsMount {
  prefix: string;
  file: string;
  line: number;
  how: string;
  /** What the container mounted there serves, when the code says (jaxrsFeatures.ts). */
  packages?: string[];
  configClass?: string;
}

export interface JaxrsFileFacts {
  classes: JaxrsClass[];
  filters: JaxrsFilter[];
  mounts: JaxrsMount[];
  /** Classes registered with the application in this file (`register(X.class)`, `registerClasses(…)`, `getClasses()`). */
  registered: string[];
  /** The file's package. */
  pkg?: string;
  /** DynamicFeatures: filters registered per resource method (jaxrsFeatures.ts). */
  features?: JaxrsFeature[];
}

const HTTP = /^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)$/;
const SECURITY = /^(RolesAllowed|PermitAll|DenyAll|Authenticated|PreAuthorize|Secured)$/;
/** Reads who is calling: the SecurityContext, or the user a session holds. */
const READS = /\b(getUserPrincipal|isUserInRole|getAuthenticationScheme)\s*\(|\bgetSession\s*\([^)]*\)[\s\S]{0,200}?\bgetAttribute\s*\(/;
const CONTAINER = /\b(ServletContainer|HttpServletDispatcher|HttpServlet30Dispatcher|CXFNonSpringJaxrsServlet)\b/;
const STATUS = /\b(?:Status\.)?(UNAUTHORIZED|FORBIDDEN)\b|\bstatus\s*\(\s*(401|403)\s*\)/;

/** Whether a Java file may say anything JAX-RS: cheap, before any tree walk. */
export function mayHoldJaxrs(text: string): boolean {
  return /\b(javax|jakarta)\.ws\.rs\b|\bServletContainer\b|\bsetUrlPattern\b|\bResourceConfig\b/.test(text);
}

const annNames = (mods: Node | undefined): Node[] => kids(mods).filter((k) => k.type === 'annotation' || k.type === 'marker_annotation');
const nameOf = (a: Node): string => (a.childForFieldName('name')?.text ?? '').split('.').pop() ?? '';

export function jaxrsFacts(tree: Tree, file: string, text: string): JaxrsFileFacts | undefined {
  if (!mayHoldJaxrs(text)) return undefined;
  const out: JaxrsFileFacts = { classes: [], filters: [], mounts: [], registered: [] };
  const pkg = packageOf(tree);
  if (pkg) out.pkg = pkg;
  const features = dynamicFeatures(tree, (c) => annNames(kids(c).find((k) => k.type === 'modifiers')).map(nameOf));
  if (features.length) out.features = features;
  // A feature's registrations are per resource method: not the application's registrations.
  const featureRanges = all(tree.rootNode, 'class_declaration').filter((c) => /\bDynamicFeature\b/.test(c.childForFieldName('interfaces')?.text ?? ''));
  for (const cls of all(tree.rootNode, ['class_declaration', 'interface_declaration'])) {
    const name = cls.childForFieldName('name')?.text ?? '';
    const anns = annNames(kids(cls).find((k) => k.type === 'modifiers'));
    const names = anns.map(nameOf);
    const superType = cls.childForFieldName('superclass')?.namedChildren[0];
    const superclass = superType?.text.replace(/<[\s\S]*$/, '').split('.').pop();
    const pathAnn = anns.find((a) => nameOf(a) === 'Path');
    const appPath = anns.find((a) => nameOf(a) === 'ApplicationPath');
    if (appPath) {
      const v = stringValue(appPath.childForFieldName('arguments')?.namedChildren[0]);
      if (v !== undefined) out.mounts.push({ prefix: v, file, line: line(appPath), how: `@ApplicationPath on ${name}` });
    }
    const methods: JaxrsMethod[] = [];
    for (const m of kids(cls.childForFieldName('body')).filter((k) => k.type === 'method_declaration')) {
      const mNames = annNames(kids(m).find((k) => k.type === 'modifiers')).map(nameOf);
      const body = m.childForFieldName('body');
      const mName = m.childForFieldName('name')?.text ?? '';
      const locator = !mNames.some((n) => HTTP.test(n)) ? locatorOf(m) : undefined;
      methods.push({
        name: mName,
        arity: kids(m.childForFieldName('parameters')).filter((p) => p.type === 'formal_parameter' || p.type === 'spread_parameter').length,
        resource: mNames.some((n) => HTTP.test(n) || n === 'Path'),
        reads: !!body && READS.test(body.text),
        calls: body ? ownCalls(body) : [],
        ...(locator ? { locator } : {}),
      });
      if (/^(getClasses|getSingletons)$/.test(mName) && body) out.registered.push(...classLiterals(body.text));
    }
    const ifaces = cls.childForFieldName('interfaces')?.text ?? '';
    if (cls.type === 'class_declaration' && /\bContainerRequestFilter\b/.test(ifaces)) {
      const filter = methodsNamed(cls, 'filter')[0];
      out.filters.push({ name, file, line: line(cls), annotations: names, ...filterDecision(filter) });
    }
    out.classes.push({
      name,
      file,
      ...(superclass ? { superclass } : {}),
      ...(pathAnn ? { path: stringValue(pathAnn.childForFieldName('arguments')?.namedChildren[0]) ?? '' } : {}),
      annotations: names,
      security: anns.filter((a) => SECURITY.test(nameOf(a))).map((a) => ({ name: nameOf(a), text: a.text, line: line(a) })),
      methods,
      ...(/ResourceConfig$/.test(superclass ?? '') ? { packages: configPackages(cls.childForFieldName('body'), pkg) } : {}),
    });
  }
  for (const call of all(tree.rootNode, 'method_invocation')) {
    const callee = call.childForFieldName('name')?.text ?? '';
    const args = kids(call.childForFieldName('arguments')).filter((a) => a.type !== '(' && a.type !== ')' && a.type !== ',');
    const inFeature = featureRanges.some((c) => call.startIndex >= c.startIndex && call.endIndex <= c.endIndex);
    if (!inFeature && /^(register|registerClasses|registerInstances)$/.test(callee)) out.registered.push(...classLiterals(args.map((a) => a.text).join(',')));
    const mount = mountOf(call, callee, args, text);
    if (mount !== undefined) out.mounts.push({ prefix: mount.prefix, file, line: line(call), how: `${callee}(…) at ${file}:${line(call)}`, ...containerServes(mount.container, text) });
  }
  return out.classes.length || out.mounts.length || out.registered.length || features.length ? out : undefined;
}

/** `@Path("items") public ItemResource items()` (or `Class<ItemResource>`): the path and the class it hands the request to. */
function locatorOf(m: Node): JaxrsMethod['locator'] {
  const path = annNames(kids(m).find((k) => k.type === 'modifiers')).find((a) => nameOf(a) === 'Path');
  const value = path ? stringValue(path.childForFieldName('arguments')?.namedChildren[0]) : undefined;
  if (value === undefined) return undefined;
  const type = (m.childForFieldName('type')?.text ?? '').replace(/^Class\s*<\s*(?:\?\s*extends\s*)?([\w.]+)[\s\S]*$/, '$1').replace(/<[\s\S]*$/, '').split('.').pop() ?? '';
  return /^[A-Z]\w*$/.test(type) ? { path: value, returns: type } : undefined;
}

/** `X.class` and `new X(` in a registration's arguments. */
function classLiterals(text: string): string[] {
  return [...text.matchAll(/\b([A-Z]\w*)\s*\.\s*class\b|\bnew\s+([A-Z]\w*)\s*\(/g)].map((m) => m[1] ?? m[2]);
}

/** Calls of the object's own methods: `name(…)`, `this.name(…)`, `super.name(…)`. */
function ownCalls(body: Node): string[] {
  const out = new Set<string>();
  for (const c of all(body, 'method_invocation')) {
    const obj = c.childForFieldName('object');
    if (!obj || obj.type === 'this' || obj.type === 'super') out.add(c.childForFieldName('name')?.text ?? '');
  }
  return [...out];
}

function methodsNamed(cls: Node, name: string): Node[] {
  return kids(cls.childForFieldName('body')).filter((k) => k.type === 'method_declaration' && k.childForFieldName('name')?.text === name);
}

/**
 * The servlet path of a JAX-RS container mounted in code: `addServlet(new ServletHolder(new
 * ServletContainer(config)), "/api/*")` (a holder variable initialised with one, in the same file,
 * too), Dropwizard's `jersey().setUrlPattern("/api/*")`. The prefix without its `/*`.
 */
function mountOf(call: Node, callee: string, args: Node[], text: string): { prefix: string; container: string } | undefined {
  const pattern = args.map((a) => stringValue(a)).find((s) => s !== undefined && /^\/[^*]*\*?$/.test(s));
  if (pattern === undefined) return undefined;
  if (callee === 'setUrlPattern' && /\bjersey\s*\(\s*\)/.test(call.childForFieldName('object')?.text ?? '')) return { prefix: pattern.replace(/\/?\*$/, ''), container: '' };
  if (!/^(addServlet|addServletWithMapping)$/.test(callee)) return undefined;
  for (const a of args) {
    if (CONTAINER.test(a.text)) return { prefix: pattern.replace(/\/?\*$/, ''), container: a.text };
    if (a.type !== 'identifier') continue;
    const decl = new RegExp(`\\b${a.text}\\s*=\\s*([^;]*);`).exec(text);
    if (decl && CONTAINER.test(decl[1])) return { prefix: pattern.replace(/\/?\*$/, ''), container: decl[1] };
  }
  return undefined;
}

/**
 * What a filter's `filter` method decides: where it refuses (401/403) and which annotations of the
 * resource method let a request through (the refusal sits under `!…isAnnotationPresent(X.class)`,
 * or a plain `if (…isAnnotationPresent(X.class)) return;` comes first) or make it refuse (the
 * refusal sits under `…isAnnotationPresent(X.class)`).
 */
function filterDecision(filter: Node | undefined): Omit<JaxrsFilter, 'name' | 'file' | 'line' | 'annotations'> {
  const none = { exempt: [], requires: [], readsClass: false };
  const body = filter?.childForFieldName('body');
  if (!body) return none;
  const refusals = [...all(body, 'method_invocation').filter((c) => c.childForFieldName('name')?.text === 'abortWith' && STATUS.test(c.text)), ...all(body, 'throw_statement').filter((t) => /\bnew\s+(NotAuthorizedException|ForbiddenException)\b/.test(t.text) || (/\bnew\s+WebApplicationException\b/.test(t.text) && STATUS.test(refusalStatusText(t, body))))];
  if (!refusals.length) return none;
  const first = refusals[0];
  const status = STATUS.exec(body.text);
  const refusal = { text: status ? status[0] : first.text.trim().slice(0, 80), line: line(first) };
  const exempt = new Set<string>();
  const requires = new Set<string>();
  let doubt: string | undefined;
  for (const st of all(body, 'if_statement')) {
    const cond = st.childForFieldName('condition')?.text ?? '';
    const tested = [...cond.matchAll(/(!?)\s*[\w.()]*?\b(?:isAnnotationPresent|getAnnotation)\s*\(\s*(\w+)\s*\.\s*class\s*\)(\s*[!=]=\s*null)?/g)];
    if (!tested.length) continue;
    const then = st.childForFieldName('consequence');
    const refusesInside = !!then && refusals.some((r) => r.startIndex >= then.startIndex && r.endIndex <= then.endIndex);
    const returnsOnly = !!then && !refusesInside && /^\{?\s*return\s*;\s*\}?$/.test(then.text.trim());
    for (const t of tested) {
      // `getAnnotation(X.class) == null` reads as "not present", `!= null` as present.
      const absent = (t[1] === '!') !== (t[3] !== undefined && /==/.test(t[3]));
      if (refusesInside && absent) exempt.add(t[2]);
      else if (refusesInside) requires.add(t[2]);
      else if (returnsOnly && !absent) exempt.add(t[2]);
      else doubt = `decides by the annotation ${t[2]} in a way not read (${line(st)})`;
    }
  }
  // A filter that looks at the request path first (`@PreMatching`, `getUriInfo().getPath()`) may spare some routes we cannot tell.
  if (/\bgetUriInfo\s*\(\s*\)\s*\.\s*(getPath|getRequestUri|getAbsolutePath)\b|\bgetRequestURI\s*\(/.test(body.text)) doubt ??= 'looks at the request path';
  return { refusal, exempt: [...exempt], requires: [...requires], readsClass: /\bgetResourceClass\s*\(/.test(body.text), ...(doubt ? { doubt } : {}) };
}

/** A `throw new WebApplicationException(x)`'s status: its own text, or the builder variable it is handed, as the method sets it. */
function refusalStatusText(t: Node, body: Node): string {
  const arg = /WebApplicationException\s*\(\s*(\w+)/.exec(t.text)?.[1];
  if (STATUS.test(t.text) || !arg) return t.text;
  const set = new RegExp(`\\b${arg}\\s*=\\s*([^;]*);`).exec(body.text);
  return set ? set[1] : '';
}
