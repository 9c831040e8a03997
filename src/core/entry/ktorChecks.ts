// Checks a Ktor handler makes itself, for routes no authenticate { } block guards:
//   post("callback") { repository.process(receiveAndVerify(signatureHeader = "X-Signature", key = key)) }
//   post("sync") { call.checkAdminKey(secret) … }          // fun ApplicationCall.checkAdminKey(…) { … throw Unauthorized() }
//   get("votes") { val p = call.validatePrincipal(db) ?: throw Unauthorized() … }
// A check is a function of ours on the call (an ApplicationCall / RoutingContext extension, or one
// reading the principal or the request's headers) whose code refuses, or a refusal in the handler
// on the principal's statement. Refusing = answering 401/403 (`respond(HttpStatusCode.Unauthorized)`)
// or throwing an exception that StatusPages turns into 401/403 (`exception<Unauthorized> { … }`),
// or whose name says so (`HttpUnauthorizedException`, `ForbiddenException`). A repository's method
// that throws on a wrong password (a login) is no check of the caller: it is not on the call.
import { closeOf, lineOf } from './kotlinText';

export interface KtorHandlerCheck {
  /** `throw X(…)` on a statement that reads the principal. */
  throws?: { exc: string; line: number; text: string };
  /** `respond(HttpStatusCode.Unauthorized|Forbidden)` (or a redirect) where the principal or a session is tested. */
  responds?: { line: number; text: string };
  /** Functions the handler calls without a receiver or on `call.`: checks if ours refuse. */
  calls: { name: string; line: number }[];
}

export interface KtorChecks {
  /** Functions on the call whose code may refuse: by status (no `excs`), or by one of the exceptions it throws. */
  refusers: { name: string; line: number; excs?: string[]; text: string }[];
  /** StatusPages: exception classes answered with 401/403. */
  statusMap: [string, number][];
}

const CALL_RECEIVER = /^(?:ApplicationCall|RoutingCall|RoutingContext|PipelineContext\s*<[^>]*>|RoutingRequest|ApplicationRequest|PipelineCall)$/;
const READS_CALLER = /\bprincipal\s*<|\bprincipal\s*\(\s*\)|\bauthentication\.|\brequest\.headers?\b|\bheaders\s*\[|\bsessions\.get\b/;
const REFUSE_STATUS = /HttpStatusCode\.(Unauthorized|Forbidden)\b/;
/** An exception whose name says it refuses the caller. */
export const REFUSING_EXCEPTION = /Unauthori[sz]ed|Forbidden|AccessDenied|Unauthenticated|NotAuthenticated|Authentication(?:Exception|Error)|Authorization(?:Exception|Error)/;

export function ktorChecks(text: string, m: string): KtorChecks | undefined {
  const out: KtorChecks = { refusers: [], statusMap: [] };
  for (const e of m.matchAll(/\bexception\s*<\s*([\w.]+)\s*>\s*\{/g)) {
    const open = e.index + e[0].length - 1;
    const s = REFUSE_STATUS.exec(m.slice(open, closeOf(m, open)));
    if (s) out.statusMap.push([e[1].split('.').pop()!, s[1] === 'Unauthorized' ? 401 : 403]);
  }
  for (const f of m.matchAll(/\bfun\s+(?:<[^>\n]*>\s*)?(?:([\w.]+(?:\s*<[^>\n]*>)?)\s*\.\s*)?(\w+)\s*\(/g)) {
    const open = f.index + f[0].length - 1;
    const close = closeOf(m, open);
    const rest = /^\s*(?::\s*[^={\n]+)?\s*([={])/.exec(m.slice(close));
    if (!rest) continue;
    const at = close + rest[0].length - 1;
    const body = rest[1] === '{' ? m.slice(at, closeOf(m, at)) : m.slice(at, Math.min(m.length, m.indexOf('\n\n', at) < 0 ? m.length : m.indexOf('\n\n', at)));
    const onCall = (f[1] && CALL_RECEIVER.test(f[1].trim())) || READS_CALLER.test(body);
    if (!onCall) continue;
    // Every exception its code throws: the link tells which StatusPages answers with 401/403.
    const excs = [...new Set([...body.matchAll(/\bthrow\s+([\w.]+)\s*\(/g)].map((x) => x[1].split('.').pop()!).filter((n) => /^[A-Z]/.test(n)))];
    const status = REFUSE_STATUS.exec(body);
    if (!excs.length && !status) continue;
    out.refusers.push({ name: f[2], line: lineOf(text, f.index), ...(status ? {} : { excs }), text: text.slice(f.index, close).replace(/\s+/g, ' ').slice(0, 120) });
  }
  return out.refusers.length || out.statusMap.length ? out : undefined;
}

/** What a handler lambda (masked text between its braces) does itself to refuse. */
export function handlerCheckOf(t: string, m: string, open: number, close: number): KtorHandlerCheck | undefined {
  const body = m.slice(open, close);
  const out: KtorHandlerCheck = { calls: [] };
  const statementOf = (at: number) => {
    const s = body.lastIndexOf('\n', at);
    const prev = body.lastIndexOf('\n', s - 1);
    const e = body.indexOf('\n', at);
    return body.slice(Math.max(0, prev), e < 0 ? body.length : e);
  };
  // Values the handler takes from the caller (`val session = call.sessions.get<S>()`): a test of one is a test of the caller.
  const held = [...body.matchAll(/\bval\s+(\w+)\s*(?::[^=\n]*)?=([^\n]*)/g)].filter((v) => READS_CALLER.test(v[2]) || /\w*[pP]rincipal\w*\s*[<(]/.test(v[2])).map((v) => v[1]);
  const onCaller = (at: number) => {
    const st = statementOf(at);
    return READS_CALLER.test(st) || /\w*[pP]rincipal\w*\s*[<(]/.test(st) || held.some((h) => new RegExp(`(?<![\\w.])${h}\\s*(?:==|!=|\\?:|\\.)`).test(st));
  };
  for (const x of body.matchAll(/\bthrow\s+([\w.]+)\s*\(/g)) {
    if (!onCaller(x.index)) continue;
    out.throws = { exc: x[1].split('.').pop()!, line: lineOf(t, open + x.index), text: t.slice(open + body.lastIndexOf('\n', x.index) + 1, open + x.index + x[0].length).trim().replace(/\s+/g, ' ').slice(0, 120) };
    break;
  }
  // A 401/403, or a redirect (to the login page), where the caller's identity is tested.
  for (const r of body.matchAll(/\brespond\w*\s*\(\s*(?:status\s*=\s*)?HttpStatusCode\.(?:Unauthorized|Forbidden)\b|\brespondRedirect\s*\(/g)) {
    if (!onCaller(r.index)) continue;
    out.responds = { line: lineOf(t, open + r.index), text: t.slice(open + r.index, open + r.index + r[0].length) };
    break;
  }
  const seen = new Set<string>();
  for (const c of body.matchAll(/(?<![\w.$])(?:call\s*\.\s*)?(\w+)\s*(?:<[\w.<>?, ]*>)?\s*\(/g)) {
    if (seen.has(c[1]) || out.calls.length >= 60) continue;
    seen.add(c[1]);
    out.calls.push({ name: c[1], line: lineOf(t, open + c.index) });
  }
  return out.throws || out.responds || out.calls.length ? out : undefined;
}
