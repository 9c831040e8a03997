// A view (or a function of ours it calls) that hands a value to a method of an object whose class
// the code decides at run time:
//
//     container = find_container_by_serial(serial)     # a GenericContainer or a SmartphoneContainer
//     res = container.finalize_registration(params)    # SmartphoneContainer's raises ContainerInvalidChallenge
//
// Which implementation runs is not read, so whether the call refuses is not known. When some class
// of the service the object's name speaks of (`container`: `SmartphoneContainer`) defines a method of that name that refuses (a refusing error raised, a credential
// verified by its name, an `Invalid…Challenge/Signature/Token` error raised), the route is `unknown`
// rather than open: the "unknown rather than guess" rule for a call we cannot resolve. A method no
// class of ours refuses in adds nothing, so the usual `x.save(data)` keeps the route as it was.
import type { Node } from 'web-tree-sitter';
import type { Ref } from '../types';
import { kids, line } from '../treeUtil';
import { oneLine } from '../guards';
import { dict } from '../../ownKeys';
import { refusalOf } from './flaskHooks';
import { verifierCallOf } from './verifierCalls';
import { paramNames } from './pyScope';

/** A call `x.m(arg, …)` on a local object (not `self`, a module or a function of ours). */
export interface ReceiverCall {
  name: string;
  /** The object's local name (`container`): the only evidence of its class. */
  obj: string;
  line: number;
  text: string;
  /** How many values are handed by position, the keywords named, and whether `*a`/`**kw` hand more. */
  positional: number;
  keywords: string[];
  spread?: true;
}

/** A method of a class of the module that refuses: how, where. */
export interface RefusingMethod {
  cls: string;
  /** The class's name and its bases' (`SmartphoneContainer`, `TokenContainerClass`). */
  kin: string[];
  line: number;
  how: string;
  /** The parameters after `self`, and whether `*args`/`**kwargs` take more. */
  params: string[];
  varargs?: true;
  kwargs?: true;
}

/** An error named for a credential that failed: `ContainerInvalidChallenge`, `InvalidSignature`, `BadSignatureError`. */
const FAILED_CREDENTIAL = /(Invalid\w*(Challenge|Signature|Token|Credential)s?|(Bad|Invalid)Signature\w*|Signature\w*(Error|Mismatch))(Error|Exception)?$/;
const MAX_CALLS = 16;
const HTTP_VERB = /^(get|post|put|patch|delete|head|options)$/;

/** The words of a name (`token_object` → token, object; `SmartphoneContainer` → smartphone, container), three letters or more. */
function words(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length >= 3);
}

/**
 * The object could be of the method's class: its name shares a word with the class or a base
 * (`container` and `SmartphoneContainer`), the only evidence when the class is not read; `workout`
 * is no `Comment`, `session` no `ChallengeList`.
 */
export function mayBeOf(obj: string, m: Pick<RefusingMethod, 'kin'>): boolean {
  const own = new Set(words(obj).filter((w) => !/^(obj|object|item|instance|value|data|result|self)$/.test(w)));
  return m.kin.some((k) => words(k).some((w) => own.has(w)));
}

type RefOf = (n: Node | null | undefined) => Ref | undefined;

/** The calls of `fn`'s own body on local objects, handed at least one value, each method name once. */
export function receiverCalls(fn: Node, refOf: RefOf, moduleNames: ReadonlySet<string>): ReceiverCall[] {
  const out = new Map<string, ReceiverCall>();
  for (const c of fn.descendantsOfType('call')) {
    if (!c || enclosingDef(c)?.id !== fn.id || out.size >= MAX_CALLS) continue;
    const callee = c.childForFieldName('function');
    const obj = callee?.type === 'attribute' ? callee.childForFieldName('object') : undefined;
    const name = callee?.childForFieldName('attribute')?.text;
    if (!obj || obj.type !== 'identifier' || !name || /^(self|cls|request|super)$/.test(obj.text) || moduleNames.has(obj.text)) continue;
    if (refOf(obj) || refOf(callee) || !(c.childForFieldName('arguments')?.namedChildren.length ?? 0)) continue;
    if (out.has(name)) continue;
    const args = kids(c.childForFieldName('arguments'));
    const keywords = args.filter((a) => a.type === 'keyword_argument').map((a) => a.childForFieldName('name')?.text ?? '');
    const spread = args.some((a) => a.type === 'list_splat' || a.type === 'dictionary_splat');
    out.set(name, { name, obj: obj.text, line: line(c), text: oneLine(c.text, 80), positional: args.filter((a) => a.type !== 'keyword_argument' && a.type !== 'comment').length, keywords, ...(spread ? { spread } : {}) });
  }
  return [...out.values()];
}

/** Methods of the module's top-level classes whose body refuses, by method name. */
export function refusingMethods(root: Node): Record<string, RefusingMethod[]> {
  const out = dict<RefusingMethod[]>();
  for (const st of kids(root)) {
    const cls = st.type === 'decorated_definition' ? st.childForFieldName('definition') : st;
    if (cls?.type !== 'class_definition') continue;
    const clsName = cls.childForFieldName('name')?.text ?? '';
    const kin = [clsName, ...kids(cls.childForFieldName('superclasses')).map((b) => b.text.slice(b.text.lastIndexOf('.') + 1))];
    for (const m of kids(cls.childForFieldName('body'))) {
      const def = m.type === 'decorated_definition' ? m.childForFieldName('definition') : m;
      const name = def?.type === 'function_definition' ? def.childForFieldName('name')?.text : undefined;
      // Responders a framework calls (`Resource.get`) are no method our code calls on an object.
      if (!def || !name || name.startsWith('__') || HTTP_VERB.test(name)) continue;
      const how = refusalHow(def);
      if (how) (out[name] ??= []).push({ cls: clsName, kin, ...how, ...signature(def) });
    }
  }
  return out;
}

/** A method's parameters after its first (`self`, `cls`), as a call sees them. */
function signature(def: Node): Pick<RefusingMethod, 'params' | 'varargs' | 'kwargs'> {
  const ps = kids(def.childForFieldName('parameters'));
  const static_ = def.parent?.type === 'decorated_definition' && kids(def.parent).some((d) => d.type === 'decorator' && /^@staticmethod$/.test(d.text));
  const varargs = ps.some((p) => p.type === 'list_splat_pattern');
  const kwargs = ps.some((p) => p.type === 'dictionary_splat_pattern');
  return { params: paramNames(def).slice(static_ ? 0 : 1), ...(varargs ? { varargs } : {}), ...(kwargs ? { kwargs } : {}) };
}

/** The call can be made to the method: no more values by position than it takes, no keyword it does not name. */
export function callFits(c: ReceiverCall, m: RefusingMethod): boolean {
  if (c.spread) return true;
  if (c.positional > m.params.length && !m.varargs) return false;
  return c.keywords.every((k) => m.kwargs || m.params.slice(c.positional).includes(k));
}

function refusalHow(def: Node): { line: number; how: string } | undefined {
  const r = refusalOf(def);
  if (r) return { line: r.line, how: r.how };
  const v = verifierCallOf(def);
  if (v) return { line: v.line, how: `calls ${v.text}` };
  for (const st of def.descendantsOfType('raise_statement')) {
    const x = st?.namedChildren[0];
    const name = (x?.type === 'call' ? x.childForFieldName('function')?.text : x?.text) ?? '';
    if (st && enclosingDef(st)?.id === def.id && FAILED_CREDENTIAL.test(name)) return { line: line(st), how: `raises ${name}` };
  }
  return undefined;
}

/**
 * The doubt for a view whose calls (its own and those of functions of ours it calls, a few deep)
 * hand a value to a method some class of ours refuses in, or undefined.
 */
export function unresolvedMethodDoubt(
  start: { file: string; calls: { ref: Ref }[]; receiverCalls?: ReceiverCall[] },
  funcOf: (ref: Ref) => { file: string; name: string; f: { calls: { ref: Ref }[]; receiverCalls?: ReceiverCall[] } } | undefined,
  refusing: ReadonlyMap<string, (RefusingMethod & { file: string })[]>,
  resolve: (ref: Ref) => Ref,
  depth = 4,
): string | undefined {
  if (!refusing.size) return undefined;
  const seen = new Set<Ref>();
  const visit = (fn: { file: string; calls: { ref: Ref }[]; receiverCalls?: ReceiverCall[] }, left: number): string | undefined => {
    for (const c of fn.receiverCalls ?? []) {
      const impl = refusing.get(c.name)?.find((m) => callFits(c, m) && mayBeOf(c.obj, m));
      if (impl) return `${c.text} (${fn.file}:${c.line}) calls ${c.name} of an object whose class is decided at run time; ${impl.cls}.${c.name} refuses (${impl.how}, ${impl.file}:${impl.line})`;
    }
    if (left <= 0) return undefined;
    for (const call of fn.calls) {
      const key = resolve(call.ref);
      if (seen.has(key)) continue;
      seen.add(key);
      const next = funcOf(key);
      const why = next && visit({ file: next.file, ...next.f }, left - 1);
      if (why) return why;
    }
    return undefined;
  };
  return visit(start, depth);
}

function enclosingDef(n: Node): Node | undefined {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'function_definition' || p.type === 'lambda') return p;
  return undefined;
}
