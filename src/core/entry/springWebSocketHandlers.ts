// A Spring WebSocket endpoint's handler judged by its code, once every file is known. The upgrade
// request meets the SecurityFilterChain's URL rules (springSecurity.ts); what a connected client may
// then do is the handler's business, so an endpoint the rules let through is `unknown`
// (springWebSockets.ts `doubt`). A handler class of ours that can refuse no one takes that doubt
// away: its code names no credential or identity (token, secret, principal, user, role, auth…),
// closes no session and throws nothing outside `afterConnectionClosed` (where the connection is
// gone anyway), and it extends Spring's own handler bases only (TextWebSocketHandler and the like:
// a base of ours holds code not read here). OpenVidu's `InfoHandler` (it keeps sessions and logs
// what it is sent) is such a class: anyone the rules let in is served. Any other handler keeps the doubt.
import type { DataFileStamp, RouteDecl } from './types';
import { closeOf } from './javaBrackets';
import { stampOf } from './interp/dataFiles';

type ReadOptional = (rel: string) => Promise<string | undefined>;

/** Spring's handler bases and interfaces: their code refuses no one. */
const SPRING_BASES = /^(?:TextWebSocketHandler|BinaryWebSocketHandler|AbstractWebSocketHandler|WebSocketHandler|SubProtocolCapable)$/;
/** Words of a credential or an identity: a handler that reads one may refuse on it. */
const CREDENTIAL = /token|secret|password|passwd|credential|principal|auth|login|user|role|permission|signature|api_?key|jwt|ticket/i;

/** Why a handler class's text may refuse a client, or undefined when it cannot. */
export function handlerRefusal(text: string, cls: string): string | undefined {
  const decl = new RegExp(`\\bclass\\s+${cls.replace(/\$/g, '\\$')}\\b([^{]*)\\{`).exec(text);
  if (!decl) return 'its class is not declared there';
  const heads = decl[1]!.replace(/<[^<>]*>/g, '');
  const bases = [...(/\bextends\s+([\w$.,\s]+?)(?:\bimplements\b|$)/.exec(heads)?.[1] ?? '').split(','), ...(/\bimplements\s+([\w$.,\s]+)$/.exec(heads)?.[1] ?? '').split(',')]
    .map((b) => b.trim().split('.').pop()!)
    .filter(Boolean);
  const other = bases.find((b) => !SPRING_BASES.test(b));
  if (other) return `it extends ${other}, whose code is not read`;
  const open = decl.index + decl[0].length - 1;
  let body = text.slice(open, closeOf(text, open)).replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '').replace(/"(?:[^"\\\n]|\\.)*"/g, '""');
  // Closing the session when the client has closed it refuses no one.
  const closed = /\bvoid\s+afterConnectionClosed\s*\([^)]*\)[^{]*\{/.exec(body);
  if (closed) {
    const at = closed.index + closed[0].length - 1;
    body = body.slice(0, closed.index) + body.slice(closeOf(body, at));
  }
  const word = CREDENTIAL.exec(body);
  if (word) return `its code reads ${word[0]}`;
  if (/\.close\s*\(/.test(body)) return 'it closes sessions';
  if (/\bthrow\s/.test(body)) return 'it throws';
  return undefined;
}

/** Takes the message-code doubt off WebSocket endpoints whose handler class can refuse no one. */
export async function resolveWebSocketHandlers(routes: RouteDecl[], javaFiles: string[], readOptional: ReadOptional, dataFiles: DataFileStamp[]): Promise<void> {
  for (const r of routes) {
    if (!r.wsHandler || !r.doubt) continue;
    const homes = javaFiles.filter((f) => f.endsWith(`/${r.wsHandler}.java`) || f === `${r.wsHandler}.java`);
    if (homes.length !== 1) continue;
    const text = await readOptional(homes[0]!);
    dataFiles.push(stampOf(homes[0]!, text));
    if (text === undefined || handlerRefusal(text, r.wsHandler) !== undefined) continue;
    delete r.doubt;
    r.openNote = `its WebSocket handler ${r.wsHandler} (${homes[0]}) reads no credential and closes no session: a client the rules let in is served`;
  }
}
