// The method argument of a registration that takes it first: gin's `Handle(httpMethod, path,
// handlers…)`, httprouter's `Handle`/`Handler`/`HandlerFunc(method, path, h)`, chi's `Method(method, pattern, h)`,
// echo's and fiber's `Add(method, path, h…)`. The path-first forms (net/http, gorilla, chi's
// `Handle(pattern, h)`) take two arguments, so three or more with a first argument that is no
// path literal means method first. The method may be a constant of another file or a parameter
// (`attach(r, http.MethodPost, "/upload", h)`): then it is kept as parts and computed when linked,
// per call site like the path; one that stays unknown is `ANY`, never a guess.
import type { GoNode as Node } from './goNode';
import type { StrPart } from './types';

const METHOD_FIRST = new Set(['Handle', 'Handler', 'HandleFunc', 'HandlerFunc', 'Method', 'MethodFunc', 'Add']);
const METHOD = /^[A-Z]+$/;

export interface MethodArg {
  /** The method when written as a literal or a constant of the same file. */
  method?: string;
  /** Otherwise the parts to compute when linked. */
  expr?: StrPart[];
  pathNode: Node;
}

export function methodFirst(field: string, args: Node[], str: (n: Node) => StrPart[]): MethodArg | undefined {
  if (args.length < 3 || !METHOD_FIRST.has(field)) return undefined;
  const first = str(args[0]);
  // One piece only: a path built of a prefix and a literal (`base + "/x"`) is no method.
  if (first.length !== 1) return undefined;
  if ('lit' in first[0]) return METHOD.test(first[0].lit) ? { method: first[0].lit, pathNode: args[1] } : undefined;
  return { expr: first, pathNode: args[1] };
}

/** A computed method argument's text: an HTTP method name, or `ANY` when it is not one we could compute. */
export function methodText(value: string | undefined): string {
  return value !== undefined && METHOD.test(value) ? value : 'ANY';
}

/** gin's and echo's `Match([]string{"GET", "HEAD"}, …)`: the methods of the list; undefined unless every one is a literal verb. */
export function methodList(n: Node, str: (n: Node) => StrPart[]): string[] | undefined {
  if (n.type !== 'composite_literal' || !/^\[\]string$/.test(n.childForFieldName('type')?.text ?? '')) return undefined;
  const out: string[] = [];
  for (const el of n.childForFieldName('body')?.namedChildren ?? []) {
    const v = el && str(el.namedChildren[0] ?? el);
    const lit = v?.length === 1 && 'lit' in v[0] ? v[0].lit : undefined;
    if (!lit || !/^[A-Z]+$/.test(lit)) return undefined;
    out.push(lit);
  }
  return out.length ? out : undefined;
}
