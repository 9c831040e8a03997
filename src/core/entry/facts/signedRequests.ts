// Requests that prove themselves by a signature rather than a caller's identity: a webhook whose
// signature is verified in a `try` (its `catch` answers a sender who failed it) and a signed link
// (AdonisJS `request.hasValidSignature()`). Read by the statement walk (jsFactsStatements.ts).
import type { SyntaxNode as Node } from '../../parse/liteTree';
import { named, short } from './jsNodes';

/**
 * A webhook's signature verified in a `try` (`stripe.webhooks.constructEvent(body, sig, secret)`,
 * `verifyWebhookSignature(…)`), or the request itself handed to a webhook reader of the service's
 * (`stripe.connectToWebhook(request)`): what its `catch` answers is for a sender who failed it.
 * A call that makes or lists webhooks (`createWebhook(data)`) is given no request and is not one.
 */
const SIGNATURE_CALL = /(^|\.)(constructEvent\w*|(verify|validate|check)\w*(Signature|Webhook)\w*)$/;
const WEBHOOK_READER = /(^|\.)\w*Webhook\w*$/;
const REQUEST_ARG = /^(req|request|ctx|context|event)$/;

/** A test that fails a request whose signed URL does not verify (AdonisJS `request.hasValidSignature()`). */
export const SIGNED_LINK_FAILS = /^\(*!\(*(await)?[\w$.]*\.hasValidSignature\(/;

/** `[signature verified by …]` for the `catch` of a `try` whose body verifies one, else nothing. */
export function verifiedIn(body: Node | null | undefined): string {
  for (const c of body?.descendantsOfType('call_expression') ?? []) {
    const callee = c?.childForFieldName('function')?.text.replace(/\s+/g, '') ?? '';
    const args = named(c?.childForFieldName('arguments'));
    if (SIGNATURE_CALL.test(callee) || (WEBHOOK_READER.test(callee) && args.length === 1 && REQUEST_ARG.test(args[0]!.text)) || withSecret(callee, args)) return `[signature verified by ${short(c!.text)}]`;
  }
  return '';
}

/** A call that makes a webhook's event out of its payload and signature, throwing when the signature does not verify. */
const EVENT_FROM_SIGNATURE = /(^|\.)(constructEvent\w*|(parse|construct|read|verify)\w*Webhook\w*)$/;
const SIGNATURE_NAME = /^(signature|\w*Signature|sig)$/;
const STOPS = new Set(['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'class_body', 'program']);

/**
 * `const { event } = await services.parseWebhookEvent({ payload, signature })` outside any `try`:
 * a webhook's event made from its signature (Stripe's `constructEvent`) throws when the signature
 * does not verify, and nothing here catches it — the request ends, refused. `[signature verified by …]`
 * for such a call, else nothing. A call inside a `try` is read through its `catch` (verifiedIn).
 */
export function uncaughtSignature(call: Node, callee: string, args: Node[]): string {
  if (!EVENT_FROM_SIGNATURE.test(callee.replace(/\s+/g, ''))) return '';
  const names = args.flatMap((a) => (a.type === 'object' ? named(a).map((p) => (p.type === 'shorthand_property_identifier' ? p.text : p.type === 'pair' ? p.childForFieldName('value')?.text ?? '' : '')) : [a.text]));
  if (!names.some((t) => SIGNATURE_NAME.test(t))) return '';
  // Its result is the event, not a verdict: a call tested in a condition is left to that test.
  let up = call.parent;
  if (up?.type === 'await_expression') up = up.parent;
  if (!up || !['variable_declarator', 'expression_statement', 'assignment_expression'].includes(up.type)) return '';
  for (let p = up.parent; p && !STOPS.has(p.type); p = p.parent) if (p.type === 'try_statement') return '';
  return `[signature verified by ${short(call.text)}]`;
}

/** A call making a webhook's event out of its payload with the webhook's secret (`validatePolarEvent(rawBody, headers, POLAR_WEBHOOK_SECRET)`). */
const EVENT_WITH_SECRET = /(^|\.)(validate|verify|construct|parse|read|unwrap)\w*(Event|Webhook|Payload)\w*$/;
const SECRET_ARG = /secret/i;

/** `validateEvent(rawBody, headers, webhookSecret)` (Polar's SDK, standardwebhooks): an event made with the webhook's secret. */
function withSecret(callee: string, args: Node[]): boolean {
  return EVENT_WITH_SECRET.test(callee) && args.some((a) => SECRET_ARG.test(a.text));
}

/**
 * `const validation = await tryCatch(async () => validatePolarEvent(request.rawBody!, request.headers,
 * process.env.POLAR_WEBHOOK_SECRET ?? ''))`: a name bound to the result of verifying a webhook's event
 * with its secret, wherever the call sits in the value (wrapped in a result helper, awaited).
 * `[signature verified by …]` to bind with the name, so a throw under a later test of it
 * (`if (!validation.ok) throw validation.error`) reads as the sender refused; else nothing.
 */
export function signedBinding(value: Node): string {
  const calls = value.type === 'call_expression' ? [value, ...value.descendantsOfType('call_expression')] : value.descendantsOfType('call_expression');
  for (const c of calls) {
    const callee = c?.childForFieldName('function')?.text.replace(/\s+/g, '') ?? '';
    if (!EVENT_WITH_SECRET.test(callee)) continue;
    if (named(c!.childForFieldName('arguments')).some((a) => SECRET_ARG.test(a.text))) return `[signature verified by ${short(c!.text)}]`;
  }
  return '';
}
