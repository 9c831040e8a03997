// What stands before a Falcon app's responders, judged once every module is read (facts from
// falconFacts.ts `wrappers` and wsgiWrappers.ts). A wrapper refuses no one, and is no doubt, when:
// - it is Falcon middleware running hooks (`falcon.App(middleware=[FuncMiddleware(h) for h in
//   self.before_hooks])`, Falcon 1's `before=self.before_hooks`): the runner only calls the hook it is
//   given, and every hook (a few calls of ours deep) raises only errors any client avoids by sending
//   a well-formed request (400 Bad Request, 406 Not Acceptable, 415 …), or returns first when the
//   request carries no credential (a pre-signed URL's signature checked only when one is sent);
// - it is a WSGI class of ours that only hands the request on (wsgiWrappers.ts), reached directly
//   or through factories, and every app it calls is the app itself under the default settings: the
//   app, or a name whose other assignments sit under a test the defaults turn off (`auth_app =
//   self.app`, then `if conf.auth_strategy: auth_app = strategy.install(self.app, conf)`).
// A 401/403/404 raise, a raise of anything else, a hook or a callee not read keeps the doubt.
import type { FileDecls, Ref } from '../types';
import type { FalconWrapper, Gate } from './falconFacts';
import type { HookFacts } from './wsgiWrappers';
import { getOwn } from '../../ownKeys';
import { refFile, refName } from './pyRef';

/** Falcon errors a well-formed request never meets: validation, not a check of who calls. */
const VALIDATION = /^HTTP(?:BadRequest|NotAcceptable|UnsupportedMediaType|InvalidHeader|MissingHeader|InvalidParam|MissingParam|LengthRequired|PayloadTooLarge|RequestEntityTooLarge|UnprocessableEntity)$/;
const DEPTH = 4;
/** A function whose name says it checks who calls: not followed, so not known to refuse no one. */
const CHECKER = /auth|token|verif|permi|credential|login|session|role|polic|enforce|identity|check_?(?:user|access|caller)/i;

export function falconWrapperJudge(pys: FileDecls[], resolve: (ref: Ref) => Ref, offBy: (gates: Gate[] | undefined) => string | undefined): (w: FalconWrapper) => boolean {
  const byFile = new Map(pys.map((d) => [d.file, d]));
  const wsgiOf = (ref: Ref) => {
    const target = resolve(ref);
    return { facts: byFile.get(refFile(target))?.py?.wsgi, name: refName(target) };
  };
  const hookOf = (ref: Ref): HookFacts | undefined => {
    const { facts, name } = wsgiOf(ref);
    return facts?.hooks ? getOwn(facts.hooks, name) : undefined;
  };
  /** The hook lets every well-formed request through, with the functions of ours it calls. */
  const hookPasses = (ref: Ref, depth = 0, seen = new Set<Ref>()): boolean => {
    const key = resolve(ref);
    if (seen.has(key)) return true;
    seen.add(key);
    const h = hookOf(ref);
    if (!h || depth > DEPTH) return false;
    if (h.absentFirst) return true;
    if (!h.raises.every((r) => VALIDATION.test(r))) return false;
    // Calls of ours that are hooks too are followed; others (a context class, a validator handed in) are not read,
    // so one whose name speaks of checking a caller (`auth.check_token(req)`) keeps the doubt.
    return h.calls.every((c) => (hookOf(c) ? hookPasses(c, depth + 1, seen) : !CHECKER.test(refName(resolve(c)).split('.').pop() ?? '')));
  };
  /** The argument is the app itself under the default settings. */
  const isApp = (a: { text: string; sets?: { text: string; gates?: Gate[] }[] } | undefined): boolean => {
    if (!a) return false;
    if (/^(?:self\.)?_?app$/.test(a.text)) return true;
    const live = (a.sets ?? []).filter((s) => !offBy(s.gates));
    return live.length > 0 && live.every((s) => /^(?:self\.)?_?app$/.test(s.text));
  };
  /** A WSGI class (or a factory of one) handed these arguments calls only the app. */
  const handsOn = (ref: Ref, args: ({ text: string; sets?: { text: string; gates?: Gate[] }[] } | undefined)[], depth = 0): boolean => {
    const { facts, name } = wsgiOf(ref);
    if (!facts || depth > DEPTH) return false;
    const cls = facts.classes ? getOwn(facts.classes, name) : undefined;
    if (cls) return cls.apps.every((i) => isApp(args[i]));
    const f = facts.factories ? getOwn(facts.factories, name) : undefined;
    if (!f) return false;
    return handsOn(f.to, f.args.map((i) => (i === null ? undefined : args[i])), depth + 1);
  };
  return (w) => {
    if (w.hooks) {
      if (w.hooks.runner) {
        const { facts, name } = wsgiOf(w.hooks.runner);
        if (!facts?.runners || !getOwn(facts.runners, name)) return false;
      }
      return w.hooks.refs.every((r) => r !== null && hookPasses(r));
    }
    return !!w.callee && handsOn(w.callee, w.args ?? []);
  };
}
