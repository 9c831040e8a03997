// Where a Nest handler hands a credential it carries to a service call of ours, when it does not hand
// it over bare: wrapped in the argument (`this.useCase.execute(Command.create({ hmacHeader }))`), or
// in a command object built first and handed on next (`const command = Command.create({ hmacHeader,
// … }); return this.useCase.execute(command)`) — the command/use-case style of CQRS services. The
// check, if any, is in that call's code, which the handler reading does not follow: the caller makes
// the route unknown, never unguarded (nestHandlerChecks.ts).
import type { Node } from 'web-tree-sitter';
import { callArgs, kids } from './treeUtil';

/** A call of a member of ours: `this.service.method(…)`. */
export const OWN_MEMBER_CALL = /^this\.[\w$]+\.[\w$]+$/;

/** The node holds the credential as a value: the name itself, a shorthand property of it, or a member read spelled as it. */
function holds(n: Node, name: string): boolean {
  if (n.text === name) return true;
  return n.descendantsOfType(['identifier', 'shorthand_property_identifier', 'member_expression', 'subscript_expression']).some((d) => !!d && d.text === name && !isKey(d));
}

/** An identifier that is an object key (`{ hmacHeader: x }`), not a value. */
function isKey(n: Node): boolean {
  const p = n.parent;
  return p?.type === 'pair' && p.childForFieldName('key')?.id === n.id;
}

const callee = (c: Node): string => c.childForFieldName('function')?.text ?? '';
const ownCalls = (n: Node): Node[] => n.descendantsOfType('call_expression').filter((c): c is Node => !!c && OWN_MEMBER_CALL.test(callee(c)));

/**
 * The `this.x.y(…)` call that receives `name` inside an argument of statement `s`, or through a variable
 * `s` binds to a value holding it and one of the `later` statements hands to such a call.
 */
export function handedOnCall(s: Node, name: string, later: Node[]): Node | undefined {
  const inArgs = ownCalls(s).find((c) => callArgs(c).some((a) => holds(a, name)));
  if (inArgs) return inArgs;
  if (s.type !== 'lexical_declaration' && s.type !== 'variable_declaration') return undefined;
  const d = kids(s).find((k) => k.type === 'variable_declarator');
  const bound = d?.childForFieldName('name');
  const value = d?.childForFieldName('value');
  if (bound?.type !== 'identifier' || !value || !holds(value, name)) return undefined;
  for (const n of later) {
    const c = ownCalls(n).find((x) => callArgs(x).some((a) => a.text === bound.text));
    if (c) return c;
  }
  return undefined;
}
