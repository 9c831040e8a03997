// Spring Security permit lists the application builds from an annotation at startup:
//   permitAllUrl.getUrls().forEach(url -> requests.requestMatchers(url).permitAll());
// where `PermitAllUrlProperties` walks `RequestMappingHandlerMapping.getHandlerMethods()` and adds
// the path patterns of every handler method (or of every method of a class) carrying `@Anonymous`
// (or, the same list by another road, scans the classpath for `@Controller` classes and adds the
// `@RequestMapping` values of the methods where `type.isAnnotationPresent(Anonymous.class)` or
// `method.isAnnotationPresent(Anonymous.class)`).
// Such a list cannot be read from configuration, but it can be read from the code: it is "the
// routes annotated X", which the route detector sees. With no route annotated X the list is empty
// and the chain's later rules decide. A collecting class whose shape is not recognised here (a
// check we cannot place on the method or the class, a list also filled from elsewhere) is not
// recorded, so its rule stays unread and its routes `unknown`: never guessed.
import type { Node, Tree } from 'web-tree-sitter';
import { all, kids } from './treeUtil';
import { CONFIG_LIST } from './springConfigLists';
import { closeOf } from './javaBrackets';
import { typeMappingOf, type TypeMapping } from './springComposedMappings';

/**
 * A bean class whose `field` list holds the paths of the handlers annotated `annotation`; or, with
 * `keyed`, a method of the class (`field`) that returns those paths in a map keyed by HTTP method
 * (each handler under its mapping's method; ALL for a mapping without one).
 */
export interface AnnotationList {
  type: string;
  field: string;
  keyed?: true;
  annotation: string;
  /** Where the annotation is looked for: on the handler method, on its class, or both. */
  on: ('method' | 'class')[];
}

/** The annotation names on a class and on each of its handler methods (those with a mapping). */
export interface HandlerAnnotations {
  cls: string;
  names: string[];
  methods: { name: string; names: string[] }[];
}

/** An annotation type declared in the repository and the annotations on it (composed annotations). */
export interface AnnotationType {
  name: string;
  names: string[];
  /** The @RequestMapping/@GetMapping… it is meta-annotated with (a composed mapping). */
  mapping?: TypeMapping;
}

const CHECK = /\b(?:AnnotationUtils\s*\.\s*|AnnotatedElementUtils\s*\.\s*)?(findAnnotation|getAnnotation|findMergedAnnotation|hasAnnotation|isAnnotated|getMethodAnnotation|hasMethodAnnotation|isAnnotationPresent)\s*\(/g;


/**
 * Where one annotation check looks, from its call: `getMethodAnnotation(X.class)` and
 * `findAnnotation(handlerMethod.getMethod(), X.class)` on the method; `findAnnotation(
 * handlerMethod.getBeanType(), X.class)` on the class; anything else is not placed.
 */
function placeOf(fn: string, args: string, before: string, text: string): 'method' | 'class' | undefined {
  if (/^(getMethodAnnotation|hasMethodAnnotation)$/.test(fn)) return 'method';
  // `handlerMethod.getMethod().isAnnotationPresent(X.class)`: the receiver says where.
  const target = /^(isAnnotationPresent|getAnnotation)$/.test(fn) && !args.includes(',') ? before : args.slice(0, args.lastIndexOf(','));
  const t = target.trim();
  if (/\.\s*getMethod\s*\(\s*\)\s*\.?$/.test(t)) return 'method';
  if (/\.\s*(getBeanType|getDeclaringClass)\s*\(\s*\)\s*\.?$/.test(t)) return 'class';
  // A variable of the scan (`beanClass.isAnnotationPresent(X.class)`, `method.isAnnotationPresent(…)`): its declared type says where.
  const v = /(?:^|[^\w.])(\w+)\s*\.?$/.exec(t)?.[1];
  if (v && new RegExp(`\\bClass\\s*<[^>]*>\\s+${v}\\b`).test(text)) return 'class';
  if (v && new RegExp(`\\bMethod\\s+${v}\\b`).test(text)) return 'method';
  return undefined;
}

/**
 * The class walks handler methods: those of the handler mapping (`getHandlerMethods()` and their
 * patterns), or the @Controller classes a classpath scan finds and their declared methods, with
 * each method's @RequestMapping value joined to its class's.
 */
const walksHandlers = (text: string): boolean =>
  (/\bgetHandlerMethods\s*\(/.test(text) && /\bget(PatternValues|Patterns|DirectPaths)\s*\(/.test(text)) ||
  (/\bfindCandidateComponents\s*\(/.test(text) && /\bgetDeclaredMethods\s*\(/.test(text) && /\bRequestMapping\b/.test(text) && /\bController\s*\.\s*class\b/.test(text));

/**
 * The annotation-collected lists a Java file declares: a class that iterates the handler
 * mapping's handler methods, tests each for an annotation `X.class` on the method and/or its
 * class, and adds the mapping's path patterns to one of its `List<String>` fields, filled from
 * nowhere else.
 */
export function parseAnnotationLists(text: string): AnnotationList[] {
  if (!walksHandlers(text)) return [];
  const cls = /\bclass\s+(\w+)/.exec(text);
  if (!cls) return [];
  // A properties class configuration also binds: the list is not the code's alone.
  if (/@ConfigurationProperties\b/.test(text)) return [];
  const found = new Map<string, Set<'method' | 'class'>>();
  for (const m of text.matchAll(CHECK)) {
    const open = m.index! + m[0].length - 1;
    const args = text.slice(open + 1, closeOf(text, open) - 1);
    const ann = /(\w+)\s*\.\s*class\s*$/.exec(args.trim())?.[1];
    if (!ann) return [];
    // The scan's own filter (`new AnnotationTypeFilter(Controller.class)`) picks the classes, not the list.
    if (ann === 'Controller' || ann === 'RestController' || ann === 'RequestMapping') continue;
    const place = placeOf(m[1]!, args, text.slice(Math.max(0, m.index! - 80), m.index!), text);
    if (!place) return [];
    found.set(ann, (found.get(ann) ?? new Set()).add(place));
  }
  if (found.size !== 1) return [];
  const [[annotation, on]] = [...found];
  const keyed = keyedCollector(text);
  if (keyed) return [{ type: cls[1]!, field: keyed, keyed: true, annotation: annotation!, on: [...on!].sort() }];
  // The class's fields (declared with a modifier); a local list of a helper that builds the paths
  // (`List<String> out = …; out.add(prefix + v)`) is not where the class keeps them.
  const declared = (re: RegExp) => [...new Set([...text.matchAll(re)].map((m) => m[1]!))];
  const members = declared(/\b(?:private|protected|public|static|final)\s+List\s*<\s*String\s*>\s+(\w+)\s*[=;]/g);
  const fields = members.length ? members : declared(/\bList\s*<\s*String\s*>\s+(\w+)\s*[=;]/g);
  const filled = fields.filter((f) => new RegExp(`\\b${f}\\s*\\.\\s*add(All)?\\s*\\(`).test(text));
  if (filled.length !== 1) return [];
  const field = filled[0]!;
  // Every add takes a computed pattern; a literal added beside them is a list we do not read here.
  for (const m of text.matchAll(new RegExp(`\\b${field}\\s*\\.\\s*(add|addAll)\\s*\\(`, 'g'))) {
    const open = m.index! + m[0].length - 1;
    const arg = text.slice(open + 1, closeOf(text, open) - 1);
    // `addAll` only of what the mapping gives (`rebuildUrl(base, mapping.value())`), not of another list.
    if ((m[1] === 'addAll' && !/\.\s*(value|path)\s*\(\s*\)|\bget(PatternValues|Patterns|DirectPaths)\s*\(/.test(arg)) || /^\s*"/.test(arg)) return [];
  }
  return [{ type: cls[1]!, field, annotation: annotation!, on: [...on!].sort() }];
}

/**
 * The method that returns the collected paths keyed by HTTP method:
 *   Set<String> get = new HashSet<>(); … case GET: get.addAll(info.getPatternsCondition().getPatterns()); …
 *   anonymousUrls.put(RequestMethodEnum.GET.getType(), get); … return anonymousUrls;
 * Every key names a method (GET … DELETE, ALL) and every value is a set filled only with the
 * mapping's patterns. One such method in the class, or none is read.
 */
function keyedCollector(text: string): string | undefined {
  const methods = [...text.matchAll(/\bMap\s*<\s*String\s*,\s*(?:Set|List)\s*<\s*String\s*>\s*>\s+(\w+)\s*\([^)]*\)\s*\{/g)];
  const collecting = methods.filter((m) => {
    const open = m.index! + m[0].length - 1;
    return /\bgetHandlerMethods\s*\(/.test(text.slice(open, closeOf(text, open)));
  });
  if (collecting.length !== 1) return undefined;
  const m = collecting[0]!;
  const open = m.index! + m[0].length - 1;
  const body = text.slice(open, closeOf(text, open));
  const puts = [...body.matchAll(/\b\w+\s*\.\s*put\s*\(([^;]*)\)\s*;/g)];
  if (!puts.length) return undefined;
  for (const p of puts) {
    const comma = p[1]!.lastIndexOf(',');
    const key = p[1]!.slice(0, comma);
    const value = p[1]!.slice(comma + 1).trim();
    if ([...key.matchAll(/\b(GET|POST|PUT|PATCH|DELETE|ALL)\b/g)].length !== 1 || !/^\w+$/.test(value)) return undefined;
    for (const add of body.matchAll(new RegExp(`\\b${value}\\s*\\.\\s*(add|addAll)\\s*\\(`, 'g'))) {
      const at = add.index! + add[0].length - 1;
      if (!/\bget(PatternValues|Patterns|DirectPaths)\s*\(/.test(body.slice(at, closeOf(body, at)))) return undefined;
    }
  }
  return m[1];
}

const annotationNames = (mods: Node | undefined): string[] =>
  kids(mods)
    .filter((k) => k.type === 'annotation' || k.type === 'marker_annotation')
    .map((a) => (a.childForFieldName('name')?.text ?? '').split('.').pop() ?? '');

const MAPPING = /Mapping$|^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS|Path)$/;

/** Annotation names of each class with handler methods, and of those methods; annotation types declared. */
export function handlerAnnotationsOf(tree: Tree): { handlers: HandlerAnnotations[]; types: AnnotationType[] } {
  const handlers: HandlerAnnotations[] = [];
  const types: AnnotationType[] = [];
  for (const cls of all(tree.rootNode, ['class_declaration', 'interface_declaration', 'annotation_type_declaration'])) {
    const names = annotationNames(kids(cls).find((k) => k.type === 'modifiers'));
    const name = cls.childForFieldName('name')?.text ?? '';
    if (cls.type === 'annotation_type_declaration') {
      const mapping = typeMappingOf(kids(cls).find((k) => k.type === 'modifiers'));
      types.push({ name, names, ...(mapping ? { mapping } : {}) });
      continue;
    }
    const methods: HandlerAnnotations['methods'] = [];
    for (const m of kids(cls.childForFieldName('body')).filter((k) => k.type === 'method_declaration')) {
      const own = annotationNames(kids(m).find((k) => k.type === 'modifiers'));
      if (own.some((n) => MAPPING.test(n))) methods.push({ name: m.childForFieldName('name')?.text ?? '', names: own });
    }
    if (methods.length) handlers.push({ cls: name, names, methods });
  }
  return { handlers, types };
}

/** The annotations that carry `annotation`, itself included (Spring finds it through composed annotations). */
function carriers(annotation: string, types: AnnotationType[]): Set<string> {
  const out = new Set([annotation]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const t of types) {
      if (!out.has(t.name) && t.names.some((n) => out.has(n))) {
        out.add(t.name);
        grew = true;
      }
    }
  }
  return out;
}

/** A route as this file needs it: where its handler is declared and the path it answers. */
interface RouteLike {
  method?: string;
  file: string;
  handler: string;
  path: string;
  framework?: string;
}

/**
 * `rules` with each `<config>Type.field` pattern that names an annotation-collected list replaced
 * by the paths of the routes annotated as that list asks (`:x` → `*`, as the collector writes
 * `{x}`); an empty list matches nothing. Other patterns are left for springConfigLists.ts.
 * `handlers`: per file, the annotations its handler classes and methods carry.
 */
export function resolveAnnotationLists<R extends { patterns: string[] }>(
  rules: R[],
  lists: AnnotationList[],
  handlers: Map<string, HandlerAnnotations[]>,
  types: AnnotationType[],
  routes: RouteLike[],
): R[] {
  if (!lists.length || !rules.some((r) => r.patterns.some((p) => p.startsWith(CONFIG_LIST)))) return rules;
  const listOf = (p: string): AnnotationList | undefined => {
    const [type, member] = p.slice(CONFIG_LIST.length).split('.');
    const [field, key] = (member ?? '').split('#');
    const found = lists.filter((l) => l.type === type && l.field === field && !!l.keyed === !!key);
    // Two classes of that name: which one the rule reads is not told here.
    return found.length === 1 ? found[0] : undefined;
  };
  const pathsOf = (l: AnnotationList, p: string): string[] => {
    const marks = carriers(l.annotation, types);
    // A keyed list holds the handlers of one HTTP method (ALL: the mappings without one).
    const key = p.split('#')[1];
    const httpMethod = key === 'ALL' ? 'ANY' : key;
    const out = new Set<string>();
    for (const r of routes) {
      if (r.framework !== 'spring' || (httpMethod && r.method !== httpMethod)) continue;
      const dot = r.handler.lastIndexOf('.');
      const cls = handlers.get(r.file)?.find((h) => h.cls === r.handler.slice(0, dot));
      if (!cls) continue;
      const method = cls.methods.find((m) => m.name === r.handler.slice(dot + 1));
      const marked = (l.on.includes('method') && !!method?.names.some((n) => marks.has(n))) || (l.on.includes('class') && cls.names.some((n) => marks.has(n)));
      if (marked) out.add(r.path.replace(/:\w+/g, '*'));
    }
    return [...out].sort();
  };
  return rules.map((r) => {
    if (!r.patterns.some((p) => p.startsWith(CONFIG_LIST) && listOf(p))) return r;
    return { ...r, patterns: r.patterns.flatMap((p) => (p.startsWith(CONFIG_LIST) && listOf(p) ? pathsOf(listOf(p)!, p) : [p])) };
  });
}
