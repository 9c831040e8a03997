// Two JAX-RS wirings that decide which resource methods a filter guards and where a resource is served,
// read per file beside jaxrsFacts.ts:
// - a `DynamicFeature` registers request filters per resource method in its `configure`: under
//   `if (!resourceInfo.getResourceMethod().isAnnotationPresent(NoAuth.class)) context.register(AuthFilter.class)`
//   the filter runs for every method but those carrying @NoAuth (a library's opt-out mark, Alpine's
//   @AuthenticationNotRequired), under `isAnnotationPresent(X.class)` only for those carrying it;
// - the packages a Jersey container scans (`config.packages("a.b", …)`, a ResourceConfig subclass's own
//   `packages(…)` or `property(PROVIDER_PACKAGES, getClass().getPackageName())`): with two containers at two
//   servlet paths, a resource is served under the one whose packages hold its class.
import type { Node, Tree } from 'web-tree-sitter';
import { all, kids, stringValue } from './treeUtil';

export interface FeatureRegistration {
  /** The filter class registered. */
  filter: string;
  /** Annotations of the resource method that keep the filter away. */
  exempt: string[];
  /** Annotations the resource method must carry for the filter to run. */
  requires: string[];
  /** The decision also reads the resource class's annotations. */
  readsClass: boolean;
  /** A condition we do not read: which methods get the filter is unknown. */
  doubt?: string;
}

export interface JaxrsFeature {
  name: string;
  annotations: string[];
  registers: FeatureRegistration[];
}

/** The DynamicFeature classes of a file, with the filters their `configure` registers and when. */
export function dynamicFeatures(tree: Tree, annotationsOf: (cls: Node) => string[]): JaxrsFeature[] {
  const out: JaxrsFeature[] = [];
  for (const cls of all(tree.rootNode, 'class_declaration')) {
    if (!/\bDynamicFeature\b/.test(cls.childForFieldName('interfaces')?.text ?? '')) continue;
    const configure = kids(cls.childForFieldName('body')).find((k) => k.type === 'method_declaration' && k.childForFieldName('name')?.text === 'configure');
    const body = configure?.childForFieldName('body');
    if (!body) continue;
    const registers: FeatureRegistration[] = [];
    for (const call of all(body, 'method_invocation')) {
      if (call.childForFieldName('name')?.text !== 'register') continue;
      const filter = /^\s*\(\s*([A-Z]\w*)\s*\.\s*class\b/.exec(call.childForFieldName('arguments')?.text ?? '')?.[1];
      if (filter) registers.push({ filter, ...conditionsAround(call, body) });
    }
    out.push({ name: cls.childForFieldName('name')?.text ?? '', annotations: annotationsOf(cls), registers });
  }
  return out;
}

/** The `if` conditions between a registration and the `configure` body: annotation tests read, anything else a doubt. */
function conditionsAround(call: Node, body: Node): Omit<FeatureRegistration, 'filter'> {
  const exempt: string[] = [];
  const requires: string[] = [];
  let readsClass = false;
  let doubt: string | undefined;
  for (let n: Node | null = call.parent; n && n.id !== body.id; n = n.parent) {
    if (n.type !== 'if_statement') continue;
    const cond = n.childForFieldName('condition')?.text ?? '';
    const inElse = !!n.childForFieldName('alternative') && isWithin(call, n.childForFieldName('alternative')!);
    const tests = [...cond.matchAll(/(!?)\s*[\w.()]*?\b(getResourceMethod|getResourceClass)\s*\(\s*\)\s*\.\s*(?:isAnnotationPresent|getAnnotation)\s*\(\s*(\w+)\s*\.\s*class\s*\)(\s*[!=]=\s*null)?/g)];
    // Only a single test (or a chain of one kind) reads plainly; `&&`/`||` mixes are left to doubt.
    if (!tests.length || (tests.length > 1 && /&&/.test(cond) && /\|\|/.test(cond))) {
      doubt ??= `registers ${call.text.slice(0, 60)} under a condition not read (${cond.slice(0, 60)})`;
      continue;
    }
    for (const t of tests) {
      const absent = (t[1] === '!') !== (t[4] !== undefined && /==/.test(t[4]));
      if (t[2] === 'getResourceClass') readsClass = true;
      if (absent !== inElse) exempt.push(t[3]);
      else requires.push(t[3]);
    }
  }
  return { exempt, requires, readsClass, ...(doubt ? { doubt } : {}) };
}

function isWithin(n: Node, outer: Node): boolean {
  return n.startIndex >= outer.startIndex && n.endIndex <= outer.endIndex;
}

/** The package a file declares. */
export function packageOf(tree: Tree): string | undefined {
  const decl = kids(tree.rootNode).find((k) => k.type === 'package_declaration');
  return decl?.text.replace(/^package\s+|;\s*$/g, '').replace(/\s+/g, '').replace(/^@\w+/, '') || undefined;
}

/** Packages a ResourceConfig subclass scans in its own code (`packages("a", "b")`, its own package by `getClass().getPackageName()`). */
export function configPackages(body: Node | null, ownPackage: string | undefined): string[] {
  if (!body) return [];
  const out: string[] = [];
  for (const call of all(body, 'method_invocation')) {
    const name = call.childForFieldName('name')?.text;
    const args = kids(call.childForFieldName('arguments')).filter((a) => a.type !== '(' && a.type !== ')' && a.type !== ',');
    if (name === 'packages' && !call.childForFieldName('object')) out.push(...args.map((a) => stringValue(a)).filter((s): s is string => !!s));
    if (name === 'property' && /PROVIDER_PACKAGES|provider\.packages/.test(args[0]?.text ?? '')) {
      const v = stringValue(args[1]);
      if (v) out.push(...v.split(/[\s,;]+/).filter(Boolean));
      else if (ownPackage && /getClass\s*\(\s*\)\s*\.\s*getPackageName\s*\(|getPackage\s*\(\s*\)\s*\.\s*getName\s*\(/.test(args[1]?.text ?? '')) out.push(ownPackage);
    }
  }
  return out;
}

/**
 * What a mounted container serves: `new ServletContainer(config)` with `config.packages("a", …)` in the
 * same file → those packages; `new ServletContainer(new pkg.AppConfig())` → the class, whose own
 * packages jaxrsResources.ts looks up.
 */
export function containerServes(containerText: string, fileText: string): { packages?: string[]; configClass?: string } {
  const created = /\bServletContainer\s*\(\s*new\s+([\w.]+)\s*\(\s*\)/.exec(containerText)?.[1];
  if (created) return { configClass: created.split('.').pop() };
  const arg = /\bServletContainer\s*\(\s*(\w+)\s*\)/.exec(containerText)?.[1];
  if (!arg) return {};
  const packages = [...fileText.matchAll(new RegExp(`\\b${arg}\\s*\\.\\s*packages\\s*\\(([^)]*)\\)`, 'g'))].flatMap((m) => [...m[1].matchAll(/"([^"]+)"/g)].map((s) => s[1]));
  return packages.length ? { packages } : {};
}
