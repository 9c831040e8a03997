// The caller's identity kept in a field of the service's own controller or context (contextFields.ts:
// a Prepare or middleware on the route's way sets it only for a caller it found), and a handler that
// ends the request when that field is empty (`if c.Member == nil { c.JsonResult(1, "sign in first") }`,
// `if !c.isUserLoggedIn() { …; return }`): it refuses every anonymous caller, whatever status it
// answers with — as missingCredential.ts says of a request that carries no credential. The branch
// ends the request by returning after an answer, or by a call of ours that never returns (beego's
// `StopRun()` and `Abort` unwind the action). A handler that instead reads a member of that field
// without ever testing it (`c.Member.MemberId`) fails for an anonymous caller somewhere we do not
// follow: a doubt, never "unguarded".
import type { GoNode as Node } from './goNode';
import type { Guard } from '../types';
import type { GoIndex } from './resolve';
import type { Callee, GoCandidate, GoFunc, SettingTest } from './types';
import { DerefReads, derefReached, nilFalse } from './nilReads';
import { all, callArgs, kids, line } from '../treeUtil';
import { orLeaves } from './missingCredential';
import { statements, enclosingFn } from './goStatements';
import { declared, fieldKey, identitySetters, type FieldTypes } from './contextFields';
import { settingAbove, settingState } from './settings';

/** A call that unwinds the handler: nothing after it runs (beego's StopRun panics; panic itself). */
const UNWINDS = /^(?:(?:\w+\.)*StopRun|panic|runtime\.Goexit)$/;
/** beego's `Abort("403")`/`CustomAbort(401, msg)` panic too; gin's `c.Abort()`, which takes nothing, lets the handler run on. */
const UNWINDS_WITH_ARGS = /^(?:\w+\.)+(?:Abort|CustomAbort)$/;
const MAX_DEPTH = 4;

/** A test that a field is empty, and how the branch under it ends the request. */
export interface AbsentFieldEnd {
  /** `dir#Type.Field`, or the presence method called (`!c.isUserLoggedIn()`). */
  field?: string;
  presence?: Callee;
  line: number;
  text: string;
  /** The call that ends the branch (judged at link time: it must never return), or none when it returns after an answer. */
  end?: Callee;
  setting?: SettingTest;
}

export interface IdentityFieldFacts {
  callee: (n: Node) => Callee | undefined;
  types: FieldTypes;
}

/** Fills `absentEnds`, `presenceOf`, `unwinds`/`unwindsVia` and `fieldReads` of a function's facts. */
export function identityFieldFacts(fn: Node, f: GoFunc, ctx: IdentityFieldFacts): void {
  const body = fn.childForFieldName('body');
  if (!body) return;
  const sts = statements(body);
  const last = sts[sts.length - 1];
  const lastCall = last?.type === 'expression_statement' ? last.namedChildren[0] : undefined;
  if (lastCall?.type === 'call_expression') {
    const fnText = lastCall.childForFieldName('function')?.text ?? '';
    if (UNWINDS.test(fnText) || (UNWINDS_WITH_ARGS.test(fnText) && callArgs(lastCall).length > 0)) f.unwinds = true;
    else {
      const c = ctx.callee(lastCall.childForFieldName('function')!);
      if (c?.startsWith('fn:')) f.unwindsVia = c;
    }
  }
  // `return c.Member != nil && c.Member.MemberId > 0`: the fields whose presence it answers.
  if (sts.length === 1 && sts[0].type === 'return_statement') {
    const keys = andLeaves(kids(sts[0])[0]?.namedChildren[0] ?? null).map((x) => presentField(x, ctx.types, fn)).filter((k): k is string => !!k);
    if (keys.length) f.presenceOf = [...new Set(keys)];
  }
  const ends: AbsentFieldEnd[] = [];
  const tested = new Set<string>();
  for (const st of all(body, 'if_statement')) {
    if (enclosingFn(st)?.startIndex !== fn.startIndex) continue;
    const cond = st.childForFieldName('condition');
    for (const leaf of andLeaves(cond).flatMap((x) => orLeaves(x))) {
      const k = absentField(leaf, ctx.types, fn) ?? presentField(leaf, ctx.types, fn);
      if (k) tested.add(k);
    }
    const then = st.childForFieldName('consequence');
    if (!cond || !then) continue;
    const inner = statements(then);
    const tail = inner[inner.length - 1];
    let end: Callee | undefined;
    if (tail?.type === 'return_statement') {
      // An answer before the return: a bare `if x == nil { return }` may just skip work.
      if (!inner.slice(0, -1).some((s) => s.type === 'expression_statement' && s.namedChildren[0]?.type === 'call_expression')) continue;
    } else if (tail?.type === 'expression_statement' && tail.namedChildren[0]?.type === 'call_expression') {
      end = ctx.callee(tail.namedChildren[0].childForFieldName('function')!);
      if (!end?.startsWith('fn:')) continue;
    } else continue;
    for (const leaf of andLeaves(cond).flatMap((x) => orLeaves(x))) {
      const field = absentField(leaf, ctx.types, fn);
      const presence = !field && leaf.type === 'unary_expression' && leaf.text.startsWith('!') && leaf.namedChildren[0]?.type === 'call_expression' ? ctx.callee(leaf.namedChildren[0].childForFieldName('function')!) : undefined;
      if (!field && !presence?.startsWith('fn:')) continue;
      const setting = settingAbove(tail);
      ends.push({ ...(field ? { field } : { presence }), line: line(st), text: st.text.replace(/\s+/g, ' ').slice(0, 120), ...(end ? { end } : {}), ...(setting ? { setting } : {}) });
      break;
    }
  }
  if (ends.length) f.absentEnds = ends;
  // `c.Member.MemberId`, `c.Member.IsAdministrator()`: a member of a struct field read, in a function that never tests the field.
  const reads: NonNullable<GoFunc['fieldReads']> = [];
  const derefs = new DerefReads(body, ctx.callee);
  for (const sel of all(body, 'selector_expression')) {
    const inner = sel.childForFieldName('operand');
    if (inner?.type !== 'selector_expression') continue;
    const k = fieldKey(inner, ctx.types, fn);
    if (!k || tested.has(k)) continue;
    if (!reads.some((r) => r.key === k)) reads.push({ key: k, line: line(sel) });
    derefs.see(reads.find((r) => r.key === k)!, sel);
  }
  if (reads.length) f.fieldReads = reads;
  if (nilFalse(fn)) f.nilFalse = true;
}

/** `a && b && c` → [a, b, c]. */
function andLeaves(n: Node | null): Node[] {
  if (!n) return [];
  if (n.type === 'parenthesized_expression' && n.namedChildren[0]) return andLeaves(n.namedChildren[0]);
  if (n.type === 'binary_expression' && n.childForFieldName('operator')?.text === '&&') return [...andLeaves(n.childForFieldName('left')), ...andLeaves(n.childForFieldName('right'))];
  return [n];
}

/** `c.Member == nil`, `c.UserID == 0`, `c.UserID <= 0`, `c.Name == ""`, `!c.IsLogged`: the field tested empty. */
function absentField(n: Node, types: FieldTypes, fn: Node): string | undefined {
  if (n.type === 'unary_expression' && n.text.startsWith('!') && n.namedChildren[0]?.type === 'selector_expression') return fieldKey(n.namedChildren[0], types, fn);
  if (n.type !== 'binary_expression') return undefined;
  const op = n.childForFieldName('operator')?.text;
  const left = n.childForFieldName('left');
  const right = n.childForFieldName('right')?.text ?? '';
  if (left?.type !== 'selector_expression') return undefined;
  const empty = (op === '==' && /^(nil|0|""|false)$/.test(right)) || (op === '<=' && right === '0') || (op === '<' && right === '1');
  return empty ? fieldKey(left, types, fn) : undefined;
}

/** `c.Member != nil`, `c.UserID > 0`, `c.IsLogged`: the field tested present. */
function presentField(n: Node, types: FieldTypes, fn: Node): string | undefined {
  if (n.type === 'selector_expression') return fieldKey(n, types, fn);
  if (n.type !== 'binary_expression') return undefined;
  const op = n.childForFieldName('operator')?.text;
  const left = n.childForFieldName('left');
  const right = n.childForFieldName('right')?.text ?? '';
  if (left?.type !== 'selector_expression') return undefined;
  const present = (op === '!=' && /^(nil|0|"")$/.test(right)) || (op === '>' && right === '0') || (op === '>=' && right === '1');
  return present ? fieldKey(left, types, fn) : undefined;
}

/** A function of ours that never returns: it ends in an unwinding call, directly or through another of ours. */
function unwinds(ix: GoIndex, c: Callee | undefined, depth = 0): GoFunc | undefined {
  const f = ix.fnOf(c);
  if (!f || depth > MAX_DEPTH) return undefined;
  return f.unwinds ? f : f.unwindsVia && unwinds(ix, f.unwindsVia, depth + 1) ? f : undefined;
}

/**
 * The handler's own refusal of a caller without the identity a candidate on its way sets: a guard;
 * or, when it reads that identity without testing it, why the route's state cannot be told.
 */
export function identityFieldCheck(ix: GoIndex, cands: GoCandidate[], fn: GoFunc | undefined): { guard: Guard } | { doubt: string } | undefined {
  if (!fn) return undefined;
  const setters = identitySetters(ix, cands);
  if (!setters.size) return undefined;
  for (const t of fn.absentEnds ?? []) {
    const keys = t.field ? [t.field] : (ix.fnOf(t.presence)?.presenceOf ?? []);
    const key = keys.map((k) => declared(ix, k)).find((k) => setters.has(k));
    if (!key) continue;
    const ender = t.end ? unwinds(ix, t.end) : undefined;
    if (t.end && !ender) continue;
    const s = t.setting && settingState(ix, fn.key, t.setting);
    if (s && s.state !== 'on') continue;
    const c = setters.get(key)!;
    const field = key.replace(/^.*[#.]/, '');
    const how = `no ${field}: ${ender ? `${ender.key.replace(/^.*#/, '')}() ends the request` : 'the handler answers and returns'}`;
    return {
      guard: {
        name: `check in the handler at ${fn.file}:${t.line}`,
        kind: 'authentication',
        reason: `the handler ends the request when ${field} is empty (${fn.file}:${t.line}); ${c.text.replace(/\(.*$/s, '')} (${c.file}:${c.line}) sets ${field} only for a caller it identifies${s ? `, and ${s.why}` : ''}`,
        file: fn.file,
        line: t.line,
        evidence: { how, text: t.text, file: fn.file, line: t.line },
      },
    };
  }
  const read = (fn.fieldReads ?? []).find((r) => setters.has(declared(ix, r.key)));
  if (read && derefReached(read, (c) => ix.fnOf(c))) {
    const at = read.derefLine ?? read.line;
    const c = setters.get(declared(ix, read.key))!;
    const field = read.key.replace(/^.*[#.]/, '');
    return {
      guard: {
        name: `nil ${field} read in the handler at ${fn.file}:${at}`,
        kind: 'authentication',
        reason: `the handler reads a member of ${field} (${fn.file}:${at}) without testing it, where every caller of the handler reaches it; ${c.text.replace(/\(.*$/s, '')} (${c.file}:${c.line}) sets ${field} only for a caller it identifies, so an anonymous call reads through a nil pointer and panics there (nilReads.ts)`,
        file: fn.file,
        line: at,
        evidence: { how: 'nil dereference', text: field, file: fn.file, line: at },
      },
    };
  }
  if (read) return { doubt: `the handler reads ${read.key.replace(/^.*[#.]/, '')} (${fn.file}:${read.line}) without testing it, and ${setters.get(declared(ix, read.key))!.text.replace(/\(.*$/s, '')} sets it only for a caller it identifies: what an anonymous call meets there is not followed` };
  return undefined;
}
