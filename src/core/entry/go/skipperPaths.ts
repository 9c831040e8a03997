// A guard's configured skipper (echo-jwt, echo's KeyAuth/BasicAuth, any library config with a
// `Skipper` func): `Skipper: func(c) bool { if publicPaths[c.Path()] { return true } … }` lets the
// routes whose path pattern is a key of that map (or compared equal to the matched path) through
// without the check. Only these exact-path exemptions are read; any other way the skipper returns
// true (a valid API token it checks itself) is a check, not an exemption.
import type { GoNode as Node } from './goNode';
import { all, kids, line, stringValue } from '../treeUtil';
import { normalizeRoutePath } from '../routePath';
import { dict } from '../../ownKeys';
import type { GoScope } from './scope';
import type { GoFileFacts } from './types';

export interface SkipFacts {
  /** Package-level `var name = map[string]bool{"/x": true, …}`: name → the keys set to true. */
  sets: Record<string, string[]>;
  skippers: Skipper[];
}

export interface Skipper {
  /** The function the config is written in (its middleware, once called). */
  fnKey: string;
  /** The call whose argument holds the config (`echojwt.WithConfig(…)`), when the candidate is that call. */
  file: string;
  callLine: number;
  line: number;
  /** `dir#name` of the maps it looks the matched path up in. */
  sets: string[];
  paths: string[];
}

const MATCHED_PATH = /^\w+\.(Path|FullPath)\(\)$/;

function skipOf(facts: GoFileFacts): SkipFacts {
  return (facts.skip ??= { sets: dict(), skippers: [] });
}

/** `var publicPaths = map[string]bool{…}` at package level. */
export function pathSet(spec: Node, facts: GoFileFacts): void {
  let decl = spec.parent;
  if (decl?.type === 'var_spec_list') decl = decl.parent;
  if (decl?.parent?.type !== 'source_file') return;
  const name = spec.childForFieldName('name')?.text;
  const lit = spec.childForFieldName('value')?.namedChildren[0];
  if (!name || lit?.type !== 'composite_literal' || !/^map\[string\]bool$/.test(lit.childForFieldName('type')?.text ?? '')) return;
  const keys: string[] = [];
  for (const ke of kids(lit.childForFieldName('body'))) {
    if (ke.type !== 'keyed_element') continue;
    const [k, v] = ke.namedChildren;
    const key = stringValue(k?.namedChildren[0] ?? k);
    if (key !== undefined && (v?.namedChildren[0] ?? v)?.text === 'true') keys.push(key);
  }
  if (keys.length) skipOf(facts).sets[name] = keys;
}

/** `Skipper: func(c …) bool { if set[c.Path()] { return true } … }` in a config literal. */
export function skipperOf(ke: Node, facts: GoFileFacts, sc: GoScope): void {
  const [k, v] = ke.namedChildren;
  if ((k?.namedChildren[0] ?? k)?.text !== 'Skipper') return;
  const fn = v?.namedChildren[0] ?? v;
  if (fn?.type !== 'func_literal') return;
  const sets: string[] = [];
  const paths: string[] = [];
  for (const iff of all(fn, 'if_statement')) {
    const body = iff.childForFieldName('consequence');
    let first = kids(body)[0];
    if (first?.type === 'statement_list') first = kids(first)[0];
    if (first?.type !== 'return_statement' || kids(first)[0]?.text !== 'true') continue;
    let cond = iff.childForFieldName('condition');
    while (cond?.type === 'parenthesized_expression') cond = cond.namedChildren[0];
    if (cond?.type === 'index_expression' && MATCHED_PATH.test(cond.childForFieldName('index')?.text ?? '')) {
      const op = cond.childForFieldName('operand');
      if (op?.type === 'identifier') sets.push(`${facts.dir}#${op.text}`);
    } else if (cond?.type === 'binary_expression' && cond.childForFieldName('operator')?.text === '==') {
      const [l, r] = [cond.childForFieldName('left'), cond.childForFieldName('right')];
      const lit = MATCHED_PATH.test(l?.text ?? '') ? stringValue(r) : MATCHED_PATH.test(r?.text ?? '') ? stringValue(l) : undefined;
      if (lit !== undefined) paths.push(lit);
    }
  }
  if (!sets.length && !paths.length) return;
  let call: Node | null = ke.parent;
  while (call && call.type !== 'call_expression') call = call.parent;
  skipOf(facts).skippers.push({ fnKey: sc.keyOf(sc.fnOf(ke)), file: facts.file, callLine: call ? line(call) : line(ke), line: line(ke), sets, paths });
}

/** The exemptions of every skipper, by the function it is written in and by the call it configures. */
export function skipperIndex(files: GoFileFacts[]): { byFn: Map<string, { paths: Set<string>; where: string }>; byCall: Map<string, { paths: Set<string>; where: string }> } {
  const sets = new Map<string, string[]>();
  for (const f of files) for (const [n, keys] of Object.entries(f.skip?.sets ?? {})) sets.set(`${f.dir}#${n}`, keys);
  const byFn = new Map<string, { paths: Set<string>; where: string }>();
  const byCall = new Map<string, { paths: Set<string>; where: string }>();
  for (const f of files) for (const s of f.skip?.skippers ?? []) {
    const paths = new Set([...s.paths, ...s.sets.flatMap((k) => sets.get(k) ?? [])].map((p) => normalizeRoutePath(p)));
    if (!paths.size) continue;
    const v = { paths, where: `${s.file}:${s.line}` };
    byFn.set(s.fnKey, v);
    byCall.set(`${s.file}:${s.callLine}`, v);
  }
  return { byFn, byCall };
}
