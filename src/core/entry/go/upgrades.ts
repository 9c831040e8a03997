// A handler that upgrades the connection to a WebSocket (`websocket.Accept(w, r, …)`,
// `upgrader.Upgrade(w, r, nil)`): what the connection serves afterwards, and to whom, is decided
// in the messages it reads (an auth message with a token, say), which the route reader does not
// follow. Such a handler is a doubt, never a sign that the route is open.
import type { GoNode as Node } from './goNode';
import { all, line } from '../treeUtil';
import type { Callee } from './types';

/** A WebSocket library's upgrade, by resolved callee (`ext:github.com/coder/websocket#Accept`). */
const UPGRADE_CALLEE = /websocket[^#]*#(\w+\.)?(Accept|Upgrade)$/i;
/** The same when the callee is not resolved: `websocket.Accept`, `upgrader.Upgrade`, `s.upgrader.Upgrade`. */
const UPGRADE_TEXT = /(^|\.)(websocket\.(Accept|Upgrade)|[uU]pgrader\.Upgrade)$/;

/** The line of the first WebSocket upgrade in a function body, if any. */
export function upgradeLine(body: Node, callee: (n: Node) => Callee | undefined): number | undefined {
  for (const call of all(body, 'call_expression')) {
    const f = call.childForFieldName('function');
    if (!f) continue;
    if (UPGRADE_TEXT.test(f.text) || UPGRADE_CALLEE.test(callee(f) ?? '')) return line(call);
  }
  return undefined;
}
