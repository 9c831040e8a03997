// A handler's 403 under a test of the request's input against a pattern (`if
// (!isValidSecretId.test(id)) return reply.code(403)…` with `id` from `request.params.id`): the
// input is malformed, whoever sends it. That is input validation answered with an unusual status,
// not a check of the caller; names like `isValidSecretId` only look like auth words. A value read
// from a credential (a token, a key, a password, the user) keeps the test a check.

/** What a test's value may be read from: a field of the request's path, query or body, not named like a credential. */
const INPUT_FIELD = /^\[[\w$]+\??\.(params|query|body)\??\.([\w$]+)\]$/;
const CREDENTIAL = /pass|token|key|secret|sig|auth|session|cookie|jwt|bearer|user|role|account|otp|code/i;
/** A user's name is whom the request is about (`/public/:username`), not a secret the caller proves: its format is input. */
const A_NAME = /^user_?name$/i;
/** `!re.test(name)`. */
const NEGATED_TEST = /^!\s*[\w$.]+\.test\(\s*[\w$]+\s*\)$/;
/** `name` alone: the test applies only when the input was given (`username && !re.test(username)`). */
const GIVEN = /^[\w$]+$/;

/** Every test of `cond` is a pattern check of a request input field: input validation. */
export function inputFormatCheck(cond: string | undefined): boolean {
  if (!cond) return false;
  const bindings = cond.match(/\s*\[[^\]]*\]/g) ?? [];
  if (!bindings.length) return false;
  const parts = unwrap(cond.replace(/\s*\[[^\]]*\]/g, '').trim())
    .split('&&')
    .map((p) => unwrap(p.trim()));
  if (!parts.some((p) => NEGATED_TEST.test(p)) || !parts.every((p) => NEGATED_TEST.test(p) || GIVEN.test(p))) return false;
  return bindings.every((b) => {
    const m = INPUT_FIELD.exec(b.trim());
    return !!m && (A_NAME.test(m[2]!) || !CREDENTIAL.test(m[2]!));
  });
}

/** The text inside one pair of parentheses around all of it. */
function unwrap(t: string): string {
  if (!t.startsWith('(') || !t.endsWith(')')) return t;
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '(') depth++;
    else if (t[i] === ')' && --depth === 0 && i < t.length - 1) return t;
  }
  return t.slice(1, -1).trim();
}
