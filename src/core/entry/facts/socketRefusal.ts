// A websocket handler refuses by closing the socket it was given: `@fastify/websocket`'s
// `(socket, req) => { if (!req.session?.userId) { socket.send('No active session'); socket.close(); return } … }`,
// ws's `wss.on('connection', (ws, req) => …)`. The connection ends before anything is sent, as a
// 401 ends a request. Kept only under a test of the caller (jsFactsBase `refusal`, as a 400): a
// socket closed for bad input or at the end of a stream refuses no one.
import type { Refusal } from './types';

/** The `how` of such a refusal. */
export const SOCKET_CLOSE = 'socket-close';

/** A first parameter named as a websocket connection. */
const SOCKET_PARAM = /^(socket|ws|websocket|webSocket|conn|connection|client)$/;
const CLOSING = /^(close|terminate|destroy)$/;

/** `socket.close()`, `connection.socket.terminate()` on the function's first parameter, else nothing. */
export function socketCloseRefusal(callee: string, firstParam: string | undefined, args: readonly string[], line: number): Refusal | undefined {
  if (!firstParam || !SOCKET_PARAM.test(firstParam)) return undefined;
  const parts = callee.replace(/\s+/g, '').replace(/\?\./g, '.').split('.');
  if (parts[0] !== firstParam || !CLOSING.test(parts.at(-1) ?? '')) return undefined;
  if (parts.length > 3 || (parts.length === 3 && parts[1] !== 'socket')) return undefined;
  return { how: SOCKET_CLOSE, text: `${callee}(${args.join(', ')})`.slice(0, 100), line };
}
