// Routes registered in a loop over a fixed list of strings: `for _, f := range filesRoot {
// r.GET("/"+f, h) }` with `var filesRoot = []string{"manifest.json", "robots.txt"}` at package
// level (in any file of the package), or `range []string{"", "why"}` written in place. The loop
// variable's string is a marker (`each:dir#name`) that link.ts replaces by each element, one route
// per element at the registration's line. A list that is not all literals stays a dynamic part.
import type { GoNode as Node } from './goNode';
import { kids, stringValue } from '../treeUtil';
import type { GoFileFacts, GoRoute, StrPart } from './types';
import { dict } from '../../ownKeys';

const EACH = /^each:(.+)$/;

/** The literals of a `[]string{…}` composite literal, or undefined unless every element is one. */
function literalList(n: Node | null | undefined): string[] | undefined {
  if (n?.type !== 'composite_literal' || n.childForFieldName('type')?.text !== '[]string') return undefined;
  const out: string[] = [];
  for (const el of kids(n.childForFieldName('body'))) {
    const v = stringValue(el.type === 'literal_element' ? el.namedChildren[0] : el);
    if (v === undefined) return undefined;
    out.push(v);
  }
  return out.length ? out : undefined;
}

/** Package-level `var name = []string{"…", …}` into facts.stringLists. */
export function readStringList(spec: Node, facts: GoFileFacts): void {
  const decl = spec.parent?.type === 'var_declaration' ? spec.parent : spec.parent?.parent;
  if (decl?.parent?.type !== 'source_file') return;
  const names = spec.childrenForFieldName('name');
  const values = kids(spec.childForFieldName('value'));
  if (names.length !== 1 || values.length !== 1 || !names[0]) return;
  const list = literalList(values[0]);
  if (list) (facts.stringLists ??= dict())[names[0].text] = list;
}

/**
 * The string a `for _, v := range list` loop gives its value variable: the marker of a package-level
 * name (`isLocal` false) or of a literal list written in place; undefined for anything else.
 */
export function rangeValue(over: Node | null | undefined, isLocal: (n: Node) => boolean, facts: GoFileFacts): StrPart | undefined {
  if (over?.type === 'identifier' && !isLocal(over)) return { dyn: `each:${facts.dir}#${over.text}` };
  const inPlace = literalList(over);
  if (!over || !inPlace) return undefined;
  const name = `@${facts.file}:${over.startIndex}`;
  (facts.stringLists ??= dict())[name] = inPlace;
  return { dyn: `each:${facts.dir}#${name}` };
}

/** Every package's lists by `dir#name`. */
export function stringListIndex(files: GoFileFacts[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of files) for (const [name, list] of Object.entries(f.stringLists ?? {})) out.set(`${f.dir}#${name}`, list);
  return out;
}

/** One route per element of the list its path ranges over; the route as it is when it ranges over none, or over a list we do not know. */
export function expandRanges(route: GoRoute, lists: Map<string, string[]>): GoRoute[] {
  const at = route.path.findIndex((p) => 'dyn' in p && EACH.test(p.dyn));
  if (at < 0) return [route];
  const key = EACH.exec((route.path[at] as { dyn: string }).dyn)![1];
  const list = lists.get(key);
  // Unknown list: the variable as a dynamic part named like the list.
  if (!list) return [{ ...route, path: route.path.map((p, i) => (i === at ? { dyn: key } : p)) }];
  return list.flatMap((v) => expandRanges({ ...route, path: route.path.map((p, i) => (i === at ? { lit: v } : p)) }, lists));
}
