// An interceptor of ours that reads the handler's own annotation and refuses only under it:
//   AuthAction authAction = method.getAnnotation(AuthAction.class);
//   if (authAction != null) { … if (authUser == null) { …; return false; } … }
//   return true;
// (sentinel-dashboard's DefaultAuthorizationInterceptor), or `if (ann == null) return true;` first.
// Handlers whose method carries the annotation are refused without a user; the others pass this
// interceptor untouched, so it is no reason for `unknown` there. Any refusal outside the annotation's
// block keeps the old reading (the caller's `unknown`).
import { closeOf } from './javaBrackets';
export { ownImplementation } from './javaImplementations';

/** Where the first refusal under the annotation is (offset in `body`) and its text, when every refusal is under it. */
export function refusalsUnderAnnotation(body: string, annotation: string, refusal: RegExp): { at: number; text: string } | undefined {
  const v = new RegExp(`\\b(\\w+)\\s*=\\s*[^;]*?\\b(?:getMethodAnnotation|getAnnotation|findAnnotation|findMergedAnnotation)\\s*\\(\\s*(?:[\\w.]+\\s*,\\s*)?${annotation}(?:::|\\.)class`).exec(body);
  if (!v) return undefined;
  const name = v[1]!;
  const after = v.index + v[0].length;
  // `if (ann != null) { … }`: the refusals inside, none outside.
  const present = new RegExp(`\\bif\\s*\\(\\s*(?:${name}\\s*!=\\s*null|null\\s*!=\\s*${name})\\s*\\)\\s*\\{`).exec(body.slice(after));
  if (present) {
    const open = after + present.index + present[0].length - 1;
    const close = closeOf(body, open);
    const inside = body.slice(open, close);
    const outside = body.slice(0, open) + body.slice(close);
    const r = refusal.exec(inside);
    return r && !refusal.test(outside) ? { at: open + r.index, text: r[0] } : undefined;
  }
  // `if (ann == null) return true;`: the rest of the method runs only for annotated handlers.
  const absent = new RegExp(`\\bif\\s*\\(\\s*(?:${name}\\s*==\\s*null|null\\s*==\\s*${name})\\s*\\)\\s*\\{?\\s*return\\s+true\\s*;\\s*\\}?`).exec(body.slice(after));
  if (absent) {
    const from = after + absent.index + absent[0].length;
    const r = refusal.exec(body.slice(from));
    return r && !refusal.test(body.slice(0, from)) ? { at: from + r.index, text: r[0] } : undefined;
  }
  return undefined;
}
