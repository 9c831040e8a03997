// A Nest guard that loads the item the route names (`const shareInfo = await this.shares.get(shareId)`)
// and asks for the caller's credential only when that item carries a password of its own
// (`if (shareInfo.view.shareMeta?.password) return super.canActivate(context); return true`) lets
// anyone holding the link in on every item whose owner set none: a public share link, open by the
// label rule "a secret asked only of some items" (test/eval/README.md). nestGuardCode.ts reads such a
// test as a gate and goes on past it; its catch's refusal then answers the lookup failing (an unknown
// or disabled share) or the gated check, unless the try hands the request's credential to anything else.
// Conservative: the test must read only items loaded by calls handed no credential, and name a password.
import type { Node } from 'web-tree-sitter';
import { all, line } from './treeUtil';

/** What a guard's reading carries across its statements besides the credential names. */
export interface GateScope {
  /** Locals bound from a call handed no credential: the item the route asks for. */
  items: Set<string>;
  /** Why each gated test was passed over, and its node (a credential handed on inside it is the gate's own). */
  gates: { why: string; node: Node }[];
  /** The class's methods, for `return this.validate(context, id)`. */
  methods: Node[];
  depth: number;
  /** Locals bound to `context.switchToHttp().getRequest()`. */
  requests: Set<string>;
}

export const newGateScope = (methods: Node[]): GateScope => ({ items: new Set(), gates: [], methods, depth: 0, requests: new Set() });

/** A password of the item's own: the only secret the label rule lets a link ask of some items. */
const ITEM_PASSWORD = /pass(word|code|phrase)|\bpin\b/i;

/** Text without its string literals: `cls.set('user', …)` names no credential of the request. */
export const withoutStrings = (t: string): string => t.replace(/(['"`])(?:\\.|(?!\1)[^\\])*\1/g, "''");

const mentions = (t: string, creds: Set<string>, credential: RegExp): boolean =>
  credential.test(t) || [...creds].some((c) => new RegExp(`\\b${c.replace(/\$/g, '\\$')}\\b`).test(t));

/** `const shareInfo = await this.shareAuthService.getShareViewInfo(shareId)`: an item, when nothing handed names a credential or the request. */
export function noteItem(decl: Node, creds: Set<string>, credential: RegExp, sc: GateScope): void {
  const name = decl.childForFieldName('name');
  const v = decl.childForFieldName('value');
  const call = v?.type === 'await_expression' ? v.namedChildren[0] : v;
  if (name?.type !== 'identifier' || call?.type !== 'call_expression') return;
  // The request itself, for nestRequestEcho.ts.
  if (/getRequest\s*(<[^>]*>)?\s*\(\s*\)$/.test(call.text)) sc.requests.add(name.text);
  // The route's own path parameters name what is asked for, the same for every caller (nestParamGuards.ts).
  const t = withoutStrings(call.text).replace(/\b(req|request)\.params\b(\.[\w$]+|\[[^\]]*\])?/g, 'param');
  if (mentions(t, creds, credential) || /\b(req|request|context|ctx|getRequest)\b/.test(t)) return;
  sc.items.add(name.text);
}

/**
 * Why the test `cond` gates only items with a password of their own, if it does: every name it reads
 * is an item's (`shareInfo.view.shareMeta?.password`, `share.security?.password`), none a credential.
 */
export function itemPasswordGate(condNode: Node, creds: Set<string>, credential: RegExp, sc: GateScope): string | undefined {
  const cond = condNode.text;
  if (!ITEM_PASSWORD.test(cond) || !sc.items.size) return undefined;
  // Every identifier that starts a value (not a property name) is an item.
  const roots = all(condNode, 'identifier').filter((i) => !(i.parent?.type === 'member_expression' && i.parent.childForFieldName('property')?.id === i.id));
  if (!roots.length || roots.some((r) => !sc.items.has(r.text) || creds.has(r.text))) return undefined;
  // A credential word in the test (`share.token`) is a credential's test after all.
  if (credential.test(cond.replace(/\b\w*pass(word|code|phrase)\w*\b/gi, ''))) return undefined;
  return `asks for the caller's credential only when ${oneLine(cond)} (line ${line(condNode)}): the item's own password, asked only of the items whose owner set one`;
}

/** Whether some call in `n`, outside the gated tests, is handed the request's credential. */
export function handsCredential(n: Node, creds: Set<string>, credential: RegExp, sc: GateScope): boolean {
  const inGate = (c: Node): boolean => sc.gates.some((g) => c.startIndex >= g.node.startIndex && c.endIndex <= g.node.endIndex);
  return all(n, 'call_expression').some((c) => !inGate(c) && mentions(withoutStrings(c.childForFieldName('arguments')?.text ?? ''), creds, credential));
}

function oneLine(t: string): string {
  const s = t.replace(/\s+/g, ' ').trim().replace(/^\(([\s\S]*)\)$/, '$1');
  return s.length > 80 ? s.slice(0, 79) + '…' : s;
}
