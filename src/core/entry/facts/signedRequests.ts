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
    if (SIGNATURE_CALL.test(callee) || (WEBHOOK_READER.test(callee) && args.length === 1 && REQUEST_ARG.test(args[0]!.text))) return `[signature verified by ${short(c!.text)}]`;
  }
  return '';
}
