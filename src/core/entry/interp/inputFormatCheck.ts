// A handler's 403 under a test of the request's input against a pattern (`if
// (!isValidSecretId.test(id)) return reply.code(403)…` with `id` from `request.params.id`): the
// input is malformed, whoever sends it. That is input validation answered with an unusual status,
// not a check of the caller; names like `isValidSecretId` only look like auth words. A value read
// from a credential (a token, a key, a password, the user) keeps the test a check.

/** What a test's value may be read from: a field of the request's path, query or body, not named like a credential. */
const INPUT_FIELD = /^\[[\w$]+\??\.(params|query|body)\??\.([\w$]+)\]$/;
const CREDENTIAL = /pass|token|key|secret|sig|auth|session|cookie|jwt|bearer|user|role|account|otp|code/i;
/** `!re.test(name)`, parenthesized or not. */
const NEGATED_TEST = /^\(?\s*!\s*[\w$.]+\.test\(\s*[\w$]+\s*\)\s*\)?$/;

/** Every test of `cond` is a pattern check of a request input field: input validation. */
export function inputFormatCheck(cond: string | undefined): boolean {
  if (!cond) return false;
  const parts = cond.split(' && ');
  return parts.every((p) => {
    const bindings = p.match(/\s*\[[^\]]*\]/g) ?? [];
    const test = p.replace(/\s*\[[^\]]*\]/g, '').trim();
    if (!NEGATED_TEST.test(test) || !bindings.length) return false;
    return bindings.every((b) => {
      const m = INPUT_FIELD.exec(b.trim());
      return !!m && !CREDENTIAL.test(m[2]!);
    });
  });
}
