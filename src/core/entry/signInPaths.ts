// Paths that name a sign-in step, one list for every language's detector. A POST there checks the
// caller's credentials because that is what the route is for: its refusals of bad ones are the
// sign-in itself, not a guard of the route (`/login`, `/ldaplogin`, `/oauth/token`, `/oauth2/token`,
// `/access_token`, PocketBase-style `/auth-with-password`, `/auth-with-oauth2`, a way of signing in
// named under the word: `/login/email`, `/login/sms`; a path ending in the bare word, Portainer's and
// privacyIDEA's `POST /auth`, a share's password step `POST /shares/:share/auth`: every POST to one the
// set labels is a sign-in).
export const SIGN_IN_PATH = /\/(\w*login|log-in|\w*signin|sign-in|sessions?|auth|oauth2?\/token|access[_-]?token|authenticate|auth[-_]with[-_][\w-]+|(?:login|log-in|signin|sign-in)\/(?:email|password|username|phone|mobile|sms|otp|code|ldap|local|account))\/?$/i;

/**
 * Account-recovery steps that exchange a one-time credential the service mailed (a reset or
 * verification token, an email-change token): a token that does not check out is the flow's own
 * answer, often a 400, and says nothing of who may call the route. Asking to change one's email is
 * no such step (the caller is signed in); confirming it with the mailed token is. A check there that does answer
 * 401/403 still counts (unlike a sign-in path's).
 */
export const RECOVERY_STEP_PATH = /\/((request|confirm)[-_]?(password[-_]?reset|verification)|confirm[-_]?email[-_]?change|(reset|forgot)[-_]?password|password[-_]?reset|verify[-_]?email)\/?$/i;
