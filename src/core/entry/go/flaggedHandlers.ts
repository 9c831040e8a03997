// A handler type of ours configured by flags that its constructor sets: mattermost's
// `func (api *API) APISessionRequired(h) http.Handler { return &web.Handler{HandleFunc: h, RequireSession: true} }`,
// whose `func (h *Handler) ServeHTTP(w, r)` runs `if c.Err == nil && h.RequireSession { c.SessionRequired() }`.
// The wrapper's own code refuses nobody, and the type's ServeHTTP refuses only under a test of its own
// field: the same type serves the open wrapper (`RequireSession: false`) and the guarded one. So the
// value the returned literal writes for the field decides — `true` runs the check, `false` or left out
// (Go's zero value) does not, any other value is not read: unknown, never open.
import type { GoNode as Node } from './goNode';
import { all, kids, line } from '../treeUtil';
import { statements, enclosingFn } from './goStatements';
import { dict } from '../../ownKeys';
import type { Callee, FlagCall, GoCandidate, GoFunc, Refusal } from './types';
import type { GoIndex } from './resolve';
import type { Verdict } from './verdict';

/** The fields a returned composite literal writes (`&T{A: h, Flag: true}`): field → the value's text. */
export function literalFields(lit: Node): Record<string, string> | undefined {
  const out = dict<string>();
  for (const el of kids(lit.childForFieldName('body'))) {
    if (el.type !== 'keyed_element') continue;
    const [k, v] = el.namedChildren.map((x) => (x?.type === 'literal_element' ? x.namedChildren[0] : x));
    if (k && v && (k.type === 'field_identifier' || k.type === 'identifier')) out[k.text] = v.text.replace(/\s+/g, ' ').slice(0, 80);
  }
  return Object.keys(out).length ? out : undefined;
}

/** `if … && h.Flag { c.Check() }` in a method of receiver `h`: the calls of ours made only while the receiver's flag is set. */
export function flagCalls(fn: Node, body: Node, callee: (n: Node) => Callee | undefined): FlagCall[] {
  if (fn.type !== 'method_declaration') return [];
  const recv = kids(fn.childForFieldName('receiver'))[0]?.childForFieldName('name')?.text;
  if (!recv) return [];
  const out: FlagCall[] = [];
  for (const st of all(body, 'if_statement')) {
    if (enclosingFn(st)?.startIndex !== fn.startIndex) continue;
    const field = andLeaves(st.childForFieldName('condition'))
      .map((l) => new RegExp(`^${recv}\\.(\\w+)$`).exec(l.text)?.[1])
      .find(Boolean);
    if (!field) continue;
    for (const s of statements(st.childForFieldName('consequence'))) {
      const call = s.type === 'expression_statement' ? s.namedChildren[0] : undefined;
      const c = call?.type === 'call_expression' ? callee(call.childForFieldName('function')!) : undefined;
      if (c && /^(fn|meth):/.test(c)) out.push({ field, callee: c, line: line(call!) });
    }
  }
  return out;
}

/** The operands of a chain of `&&` (parentheses dropped); a negated flag (`!h.Flag`) is no leaf that sets it. */
function andLeaves(n: Node | null | undefined): Node[] {
  if (!n) return [];
  if (n.type === 'parenthesized_expression') return andLeaves(n.namedChildren[0]);
  if (n.type === 'binary_expression' && n.childForFieldName('operator')?.text === '&&') return [...andLeaves(n.childForFieldName('left')), ...andLeaves(n.childForFieldName('right'))];
  return [n];
}

/**
 * The verdict on a wrapper returning a flagged handler literal: a guard when a flag it sets `true`
 * runs a call of ours that refuses; unknown when such a flag's value is not a literal; none when every
 * refusing call's flag is left out or `false`. Undefined when the type's ServeHTTP has no refusing flagged call.
 */
export function flaggedVerdict(
  ix: GoIndex,
  fn: GoFunc,
  c: GoCandidate,
  refuses: (target: GoFunc) => { fn: GoFunc; refusal: Refusal } | undefined,
): Verdict | undefined {
  const serve = fn.returnsType ? ix.funcs.get(`${fn.returnsType}.ServeHTTP`) : undefined;
  if (!serve?.flagCalls?.length) return undefined;
  let refusing = false;
  let unsettled: string | undefined;
  for (const fc of serve.flagCalls) {
    const target = ix.fnOf(fc.callee);
    const found = target && refuses(target);
    if (!found) continue;
    refusing = true;
    const value = fn.returnsFields?.[fc.field];
    if (value === 'true') {
      const how = found.refusal.how;
      return {
        verdict: 'guard',
        guard: {
          name: c.text.replace(/\s+/g, ' ').replace(/\(.*$/, '(…)'),
          kind: /role|perm|admin|scope|acl|author/i.test(fc.field) ? 'authorization' : 'authentication',
          reason: `${c.via}; it returns a ${fn.returnsType!.replace(/^.*#/, '')} with ${fc.field}: true (${fn.file}:${fn.line}), whose ServeHTTP then calls ${fc.callee.replace(/^.*[#.|]/, '')}() (${serve.file}:${fc.line}), which refuses requests (${how})`,
          file: c.file,
          line: c.line,
          evidence: { how, text: found.refusal.text, file: found.fn.file, line: found.refusal.line },
        },
        passes: [],
        owner: fn,
      };
    }
    if (value !== undefined && value !== 'false') unsettled ??= `${c.text.replace(/\s+/g, ' ').slice(0, 80)} (${c.file}:${c.line}) returns a ${fn.returnsType!.replace(/^.*#/, '')} with ${fc.field}: ${value}, a value not read; its ServeHTTP refuses only while that flag is set (${serve.file}:${fc.line})`;
  }
  if (!refusing) return undefined;
  return unsettled ? { verdict: 'unknown', why: unsettled } : { verdict: 'none' };
}
