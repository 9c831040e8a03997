// A FastAPI dependency is judged by what its code does, not by its name: `Depends(generate_session)`
// names a session, but a database session refuses nobody. Per file, each top-level function's
// refusals (`raise HTTPException(401)`, `raise credentials_exception` built with 401 at module
// level, an exception class naming credentials), its reads of a credential (a token parameter, an
// OAuth2/API-key scheme, the Authorization header or a cookie) and the functions it calls or
// depends on. At link time a dependency candidate whose function is read and does none of these
// is no guard; one whose function cannot be read keeps the evidence of its name.
import type { Node } from 'web-tree-sitter';
import type { FileDecls, GuardCandidate, Ref } from '../types';
import { callArgs, kids, line } from '../treeUtil';
import type { PyFacts } from './pyFacts';
import { classifyGuardText, makeGuard } from '../guards';
import { dict } from '../../ownKeys';
import { exemptingMember, instanceDependencyFacts } from './fastapiInstanceDeps';
import { pathExemptions, type PathExempt } from './fastapiPathExempt';

/** What a function that may be a dependency does with a request's credentials. */
export interface PyDepFacts {
  line: number;
  refusal?: { how: string; line: number; unless?: string; pathExempt?: PathExempt };
  /** Reads a credential (positions under `line`). */
  credential?: boolean;
  /** Functions it calls or depends on (`Depends(get_current_user)` in its parameters). */
  calls: Ref[];
  /** Functions it calls only inside a `try` whose `except` lets the request go on (`try_get_current_user`). */
  swallowed?: Ref[];
  /** The first exception it raises that is not read as a refusal (`raise NotFoundError()`, `raise SomeError`). */
  raises?: { text: string; line: number };
  /** What it may depend on that counts only when read code refuses: parameters typed with an alias (`subject: WebUserSession`), module-level instances. */
  readOnly?: Ref[];
  /** A module-level instance (`_ItemsRead = Checker(...)`): it does what `calls[0]`, which built it, does (fastapiInstanceDeps.ts). */
  instance?: true;
  /** The names in the literal sets it was built with (an instance): one a refusal's `unless` names makes it optional. */
  members?: string[];
}

const REFUSING = /\b(40[13]|HTTP_40[13]_\w+)\b|[Uu]nauthori[sz]ed|[Ff]orbidden|NotAuthenticated|PermissionDenied|AuthenticationFailed|Credential\w*(Error|Exception)|Auth\w*(Error|Exception)|AccessDenied|NotAllowed/;
/** `fail(401)`, `raise_error(status.HTTP_403_FORBIDDEN)`: a call handed the refusing status (a helper that raises it). */
const STATUS_ARG = /^(40[13]|(status\.)?HTTP_40[13]_\w+|(http\.)?HTTPStatus\.(UNAUTHORIZED|FORBIDDEN))$/;
const CREDENTIAL = /\b(token|authorization|Authorization|cookies?|api_?key|credentials?|OAuth2\w*|HTTPBearer|HTTPBasic|APIKey\w*|security_scopes|jwt|bearer|password)\b/i;

export function dependencyFacts(root: Node, topDefs: ReadonlyMap<string, Node>, fnRef: (n: Node | null | undefined) => Ref | undefined, refOf?: (n: Node) => Ref | undefined): Record<string, PyDepFacts> {
  // Module-level exceptions built to refuse: `credentials_exception = HTTPException(status_code=401)`.
  const refusingNames = new Set<string>();
  for (const st of kids(root)) {
    const asg = st.type === 'expression_statement' ? st.namedChildren[0] : undefined;
    const left = asg?.type === 'assignment' ? asg.childForFieldName('left') : undefined;
    if (left?.type === 'identifier' && REFUSING.test(asg!.childForFieldName('right')?.text ?? '')) refusingNames.add(left.text);
  }
  const out: Record<string, PyDepFacts> = dict();
  const factsOf = (def: Node): PyDepFacts => {
    const f: PyDepFacts = { line: line(def), calls: [] };
    for (const r of def.descendantsOfType('raise_statement')) {
      const what = r?.namedChildren[0];
      if (!r || !what) continue;
      const head = what.type === 'call' ? what.childForFieldName('function')?.text ?? '' : what.text;
      if (REFUSING.test(what.text) || refusingNames.has(head)) {
        const unless = exemptingMember(r, def);
        const pathExempt = pathExemptions(r, def);
        f.refusal = { how: `raises ${head.length > 60 ? head.slice(0, 59) + '…' : head}`, line: line(r), ...(unless ? { unless } : {}), ...(pathExempt ? { pathExempt } : {}) };
        break;
      }
      f.raises ??= { text: head.length > 60 ? head.slice(0, 59) + '…' : head, line: line(r) };
    }
    if (!f.refusal) {
      const handed = def.descendantsOfType('call').find((c) => !!c && callArgs(c).some((a) => STATUS_ARG.test(a.text)));
      if (handed) f.refusal = { how: `calls ${handed.text.length > 60 ? handed.text.slice(0, 59) + '…' : handed.text}`, line: line(handed) };
    }
    const params = def.childForFieldName('parameters');
    const body = def.childForFieldName('body');
    const doc = body?.namedChildren[0]?.type === 'expression_statement' && body.namedChildren[0].namedChildren[0]?.type === 'string' ? body.namedChildren[0].text : '';
    if (CREDENTIAL.test(params?.text ?? '') || CREDENTIAL.test((body?.text ?? '').replace(doc, ''))) f.credential = true;
    const calls = new Set<Ref>();
    const swallowed = new Set<Ref>();
    const readOnly = new Set<Ref>();
    for (const c of def.descendantsOfType('call')) {
      const fn = c?.childForFieldName('function');
      const r = fnRef(fn);
      if (r && c && inSwallowingTry(c, def)) swallowed.add(r);
      else if (r) calls.add(r);
      if (c && /^(fastapi\.)?(Depends|Security)$/.test(fn?.text ?? '')) {
        const arg = callArgs(c)[0];
        const dep = fnRef(arg);
        if (dep) calls.add(dep);
        // `Depends(_WebUserAuth)`: a module-level instance, counted only when its read code refuses
        // (an unread `OAuth2PasswordBearer(auto_error=False)` keeps deciding nothing).
        else if (arg?.type === 'identifier' && refOf) readOnly.add(refOf(arg)!);
      }
    }
    if (readOnly.size) f.readOnly = [...readOnly];
    f.calls = [...calls];
    const only = [...swallowed].filter((r) => !calls.has(r));
    if (only.length) f.swallowed = only;
    return f;
  };
  for (const [name, def] of topDefs) out[name] = factsOf(def);
  // Objects FastAPI calls (`Depends(RoleChecker("admin"))`, a module-level instance): their `__call__`.
  if (refOf) instanceDependencyFacts(root, out, topDefs, factsOf, fnRef, refOf);
  return out;
}

/** In the body of a `try` (of `def`) one of whose `except` clauses does not raise: a refusal there is caught. */
function inSwallowingTry(n: Node, def: Node): boolean {
  for (let p = n.parent, child: Node = n; p && p.id !== def.id; child = p, p = p.parent) {
    if (p.type !== 'try_statement' || p.childForFieldName('body')?.id !== child.id) continue;
    if (kids(p).some((k) => k.type === 'except_clause' && !k.descendantsOfType('raise_statement').length)) return true;
  }
  return false;
}

// `credential`: reads one and neither refuses nor raises; `doubt`: reads one and raises what is not read as a refusal.
type Judged = 'guard' | 'optional' | 'credential' | 'doubt' | 'none' | 'unread';

/** An unread function's name as evidence; "session" alone names a database session as often as a sign-in. */
function nameSaysGuard(ref: Ref): boolean {
  const m = classifyGuardText(ref.slice(ref.lastIndexOf('#') + 1))?.matched;
  return m !== undefined && !/^session$/i.test(m);
}

/**
 * A cleaner of guard candidates: drops the dependencies whose function is read and neither refuses,
 * reads a credential, nor calls a function that does (or whose name says it guards); gives the kept
 * ones the refusal seen.
 */
export function dependencyJudge(resolve: (r: Ref) => Ref, pyOf: (r: Ref) => PyFacts | undefined): (cs: GuardCandidate[]) => GuardCandidate[] {
  const memo = new Map<Ref, Judged>();
  const letsAnonymous = new Set<Ref>();
  const factsOf = (ref: Ref): { target: Ref; f: PyDepFacts } | undefined => {
    const target = resolve(ref);
    const f = pyOf(target)?.deps?.[target.slice(target.lastIndexOf('#') + 1)];
    return f ? { target, f } : undefined;
  };
  /** The members whose presence skips the refusals reached from `ref` (fastapiInstanceDeps.ts `exemptingMember`). */
  const exemptions = (ref: Ref, seen = new Set<Ref>()): Set<string> => {
    const found = factsOf(ref);
    if (!found || seen.has(found.target) || seen.size > 8) return new Set();
    seen.add(found.target);
    if (found.f.refusal) return new Set(found.f.refusal.unless ? [found.f.refusal.unless] : []);
    return new Set(found.f.calls.flatMap((c) => [...exemptions(c, seen)]));
  };
  const judge = (ref: Ref, depth = 0): Judged => {
    const target = resolve(ref);
    const hit = memo.get(target);
    if (hit) return hit;
    const found = factsOf(ref);
    if (!found) return 'unread';
    memo.set(target, 'none'); // a cycle decides nothing
    // A dependency letting anonymous callers through by its configuration (`allowed={User, Anonymous}`)
    // makes one that only depends on it optional too, not a guard.
    let anonymousOk = false;
    const guarding = (c: Ref): boolean => {
      const j = depth < 8 ? judge(c, depth + 1) : 'unread';
      if (j === 'optional' && letsAnonymous.has(resolve(c))) {
        anonymousOk = true;
        return false;
      }
      return j === 'guard' || j === 'optional' || j === 'credential' || j === 'doubt' || (j === 'unread' && nameSaysGuard(c));
    };
    // Its own refusal or a guard it runs decide; a guard whose refusal it catches reads the identity
    // and lets anonymous callers through; a credential read without either keeps the name's word.
    let v: Judged = 'none';
    // An instance of what we cannot read keeps the word of its own name (as an unread function does).
    if (found.f.instance) {
      v = found.f.calls[0] && depth < 8 ? judge(found.f.calls[0], depth + 1) : 'unread';
      // Built with the very member whose presence skips the refusal (`allowed={User, Anonymous}`).
      if (v === 'guard' && found.f.members?.some((m) => exemptions(found.f.calls[0]).has(m))) v = 'optional';
      if (v === 'optional') letsAnonymous.add(target);
    }
    else if (found.f.refusal || found.f.calls.some(guarding) || (found.f.readOnly ?? []).some((t) => depth < 8 && ['guard', 'optional'].includes(judge(t, depth + 1)) && guarding(t))) v = 'guard';
    else if ((found.f.swallowed ?? []).some(guarding)) v = 'optional';
    else if (found.f.credential) v = found.f.raises ? 'doubt' : 'credential';
    if (v === 'none' && anonymousOk) {
      v = 'optional';
      letsAnonymous.add(target);
    }
    memo.set(target, v);
    return v;
  };
  const optional = (c: GuardCandidate): GuardCandidate => {
    if (!c.depends || !c.guard || c.guard.optional || judge(c.depends) !== 'optional') return c;
    const why = factsOf(c.depends)?.f.instance ? 'an instance built with the member whose presence skips its refusal' : 'its code catches the refusal of the guard it calls';
    return { ...c, guard: { ...c.guard, optional: true, reason: `${c.guard.reason}; ${why}` } };
  };
  // A dependency named as auth keeps its word when it reads a credential; one whose name says
  // nothing is a guard only when its code refuses, and a doubt when it raises what is not read.
  const keep = (c: GuardCandidate): boolean => {
    if (!c.depends) return true;
    const j = judge(c.depends);
    if (c.byCode) return j === 'guard' || j === 'optional' || j === 'doubt';
    return j === 'guard' || j === 'optional' || j === 'credential' || j === 'doubt' || (j === 'unread' && (!!c.argWords || nameSaysGuard(c.depends)));
  };
  const doubted = (c: GuardCandidate): GuardCandidate => {
    if (!c.byCode || !c.depends || judge(c.depends) !== 'doubt') return c;
    const found = factsOf(c.depends)!;
    const file = found.target.slice(0, found.target.lastIndexOf('#'));
    return { text: c.text, line: c.line, via: c.via, depends: c.depends, doubt: `${c.text} (${c.via}) reads a credential and raises ${found.f.raises?.text} (${file}:${found.f.raises?.line}), not read as a refusal` };
  };
  const withEvidence = (c: GuardCandidate): GuardCandidate => {
    const found = c.depends && c.guard && !c.guard.evidence ? factsOf(c.depends) : undefined;
    if (!found?.f.refusal) return c;
    const file = found.target.slice(0, found.target.lastIndexOf('#'));
    return { ...c, guard: { ...c.guard!, evidence: { how: found.f.refusal.how, text: found.f.refusal.how, file, line: found.f.refusal.line } } };
  };
  // The paths its code lets through before refusing (a global dependency's exemptions), named or not.
  const withExemptions = (c: GuardCandidate): GuardCandidate => {
    const ref = c.depends ?? c.factory;
    const exempt = ref && c.guard ? factsOf(ref)?.f.refusal?.pathExempt : undefined;
    return exempt ? { ...c, exemptPaths: exempt } : c;
  };
  return (cs) => (cs.some((c) => c.depends || c.factory) ? cs.filter(keep).map(doubted).map(withEvidence).map(optional).map(withExemptions) : cs);
}

/** Every list of guard candidates of the Python files, cleaned. */
export function cleanDependencies(pys: FileDecls[], clean: (cs: GuardCandidate[]) => GuardCandidate[]): void {
  for (const d of pys) {
    for (const r of d.routes) r.guards = clean(r.guards);
    for (const u of d.uses) u.args = clean(u.args);
    for (const p of Object.values(d.prefixes)) p.guards = clean(p.guards);
    for (const [k, gs] of Object.entries(d.guardAliases ?? {})) d.guardAliases![k] = clean(gs);
  }
}

/** `Depends(get_current_user)` / `Security(auth, scopes=[...])` at `n`: the dependency as a guard candidate, when its text says it checks the caller. */
export function dependsGuard(n: Node, via: string, file: string, refOf: (n: Node) => Ref | undefined): GuardCandidate | undefined {
  if (n.type !== 'call') return undefined;
  const fn = n.childForFieldName('function')?.text ?? '';
  if (!/^(Depends|Security|fastapi\.Depends|fastapi\.Security)$/.test(fn)) return undefined;
  const dep = callArgs(n)[0];
  const text = dep ? dep.text : n.text;
  // `Depends(SortingGetter(GrantSortProperty, …))`: a call is named by its callee; words only in its
  // arguments let its code decide (an unread one keeps their word, as before).
  const callee = dep?.type === 'call' ? dep.childForFieldName('function') : undefined;
  const named = callee && (callee.type === 'identifier' || callee.type === 'attribute') ? classifyGuardText(callee.text) : undefined;
  const argWords = callee && !named && !fn.endsWith('Security') ? classifyGuardText(text) : undefined;
  const cls = (callee ? named : classifyGuardText(text)) ?? (fn.endsWith('Security') ? { kind: 'authentication' as const, matched: 'Security' } : undefined) ?? (callee && !refOf(callee) ? argWords : undefined);
  // `Depends(allow("items:write"))`: a factory of ours whose returned checker its code holds; kept
  // only when dependencyJudge finds a refusal or a guard in that code (an unread one is dropped, as before).
  const factory = !cls && dep?.type === 'call' ? dep.childForFieldName('function') : undefined;
  const factoryRef = factory && (factory.type === 'identifier' || factory.type === 'attribute') ? refOf(factory) : undefined;
  if (factoryRef) {
    const g = makeGuard(n.text, file, line(n), via, argWords ?? { kind: 'authentication', matched: factory!.text });
    return { text: n.text, line: line(n), via, guard: g && { ...g, reason: `${via}; dependency factory ${factory!.text}() judged by its code` }, depends: factoryRef, ...(argWords ? { argWords: true as const } : {}) };
  }
  const depends = dep && (dep.type === 'identifier' || dep.type === 'attribute') ? refOf(dep) : undefined;
  // `Depends(valid_owned_post)` calling `get_current_user`, `Depends(dep1)` raising AuthError: a
  // name that says nothing is judged by its code (kept only when that refuses).
  if (!cls && depends) return { text: n.text, line: line(n), via, guard: { name: n.text, kind: 'authentication', reason: `${via}; its code refuses`, file, line: line(n) }, depends, byCode: true };
  if (!cls) return undefined;
  // `Depends(require_admin())` named as a guard: its factory's code is still read for the paths it lets through.
  const factoryOf = !depends && callee && (callee.type === 'identifier' || callee.type === 'attribute') ? refOf(callee) : undefined;
  return { text: n.text, line: line(n), via, guard: makeGuard(n.text, file, line(n), via, cls), ...(depends ? { depends } : {}), ...(factoryOf ? { factory: factoryOf } : {}) };
}
