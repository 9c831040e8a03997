// A handler that hands the request to a function of one of the service's own packages whose code
// is not at hand (OpenPanel's `await handleMcpPost(sessions, req.raw, reply.raw, req.body)`, from
// `@openpanel/mcp`, a sister package of the monorepo opened one package at a time). That function
// answers the request and may refuse it, so the route cannot be called unguarded: unknown, with
// the function named. A package of another scope is a library, judged as everywhere else (only
// frameworks' own guards count).
import type { Expr } from '../facts/types';
import type { Interp } from './interpreter';
import type { FnValue } from './values';
import { handedCalls } from './handoff';
import { exprText } from './exprText';

/** `handleMcpPost(…) of @openpanel/mcp` for the first such call in the handler's own body, else undefined. */
export function unreadPackageHandoff(x: Interp, f: FnValue): string | undefined {
  if (!x.program.ownUnread) return undefined;
  const fact = x.fnFact(f);
  const req = fact?.params[0];
  if (!fact || !req || !/^[\w$]+$/.test(req)) return undefined;
  // The request itself, or the raw Node request under it (Fastify's `req.raw`, Hono's `c.req.raw`).
  const isRequest = (a: Expr): boolean => (a[0] === 'id' && a[1] === req) || (a[0] === 'm' && a[2] === 'raw' && isRequest(a[1])) || (a[0] === 'm' && a[2] === 'req' && a[1][0] === 'id' && a[1][1] === req);
  for (const { callee, v } of handedCalls(x, f, isRequest)) {
    if (v.k === 'ext' && x.program.ownUnread(v.spec)) return `${exprText(callee)}(…) of ${v.spec}, a package of the service's own scope whose code is not in the folder`;
  }
  return undefined;
}
