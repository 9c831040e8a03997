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

/** What a function that may be a dependency does with a request's credentials. */
export interface PyDepFacts {
  line: number;
  refusal?: { how: string; line: number };
  /** Reads a credential (positions under `line`). */
  credential?: boolean;
  /** Functions it calls or depends on (`Depends(get_current_user)` in its parameters). */
  calls: Ref[];
  /** Functions it calls only inside a `try` whose `except` lets the request go on (`try_get_current_user`). */
  swallowed?: Ref[];
  /** The first exception it raises that is not read as a refusal (`raise NotFoundError()`, `raise SomeError`). */
  raises?: { text: string; line: number };
}

const REFUSING = /\b(40[13]|HTTP_40[13]_\w+)\b|[Uu]nauthori[sz]ed|[Ff]orbidden|NotAuthenticated|PermissionDenied|AuthenticationFailed|Credential\w*(Error|Exception)|Auth\w*(Error|Exception)|AccessDenied|NotAllowed/;
/** `fail(401)`, `raise_error(status.HTTP_403_FORBIDDEN)`: a call handed the refusing status (a helper that raises it). */
const STATUS_ARG = /^(40[13]|(status\.)?HTTP_40[13]_\w+|(http\.)?HTTPStatus\.(UNAUTHORIZED|FORBIDDEN))$/;
const CREDENTIAL = /\b(token|authorization|Authorization|cookies?|api_?key|credentials?|OAuth2\w*|HTTPBearer|HTTPBasic|APIKey\w*|security_scopes|jwt|bearer|password)\b/i;

export function dependencyFacts(root: Node, topDefs: ReadonlyMap<string, Node>, fnRef: (n: Node | null | undefined) => Ref | undefined): Record<string, PyDepFacts> {
  // Module-level exceptions built to refuse: `credentials_exception = HTTPException(status_code=401)`.
  const refusingNames = new Set<string>();
  for (const st of kids(root)) {
    const asg = st.type === 'expression_statement' ? st.namedChildren[0] : undefined;
    const left = asg?.type === 'assignment' ? asg.childForFieldName('left') : undefined;
    if (left?.type === 'identifier' && REFUSING.test(asg!.childForFieldName('right')?.text ?? '')) refusingNames.add(left.text);
  }
  const out: Record<string, PyDepFacts> = dict();
  for (const [name, def] of topDefs) {
    const f: PyDepFacts = { line: line(def), calls: [] };
    for (const r of def.descendantsOfType('raise_statement')) {
      const what = r?.namedChildren[0];
      if (!r || !what) continue;
      const head = what.type === 'call' ? what.childForFieldName('function')?.text ?? '' : what.text;
      if (REFUSING.test(what.text) || refusingNames.has(head)) {
        f.refusal = { how: `raises ${head.length > 60 ? head.slice(0, 59) + '…' : head}`, line: line(r) };
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
    for (const c of def.descendantsOfType('call')) {
      const fn = c?.childForFieldName('function');
      const r = fnRef(fn);
      if (r && c && inSwallowingTry(c, def)) swallowed.add(r);
      else if (r) calls.add(r);
      if (c && /^(fastapi\.)?(Depends|Security)$/.test(fn?.text ?? '')) {
        const dep = fnRef(callArgs(c)[0]);
        if (dep) calls.add(dep);
      }
    }
    f.calls = [...calls];
    const only = [...swallowed].filter((r) => !calls.has(r));
    if (only.length) f.swallowed = only;
    out[name] = f;
  }
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
  const factsOf = (ref: Ref): { target: Ref; f: PyDepFacts } | undefined => {
    const target = resolve(ref);
    const f = pyOf(target)?.deps?.[target.slice(target.lastIndexOf('#') + 1)];
    return f ? { target, f } : undefined;
  };
  const judge = (ref: Ref, depth = 0): Judged => {
    const target = resolve(ref);
    const hit = memo.get(target);
    if (hit) return hit;
    const found = factsOf(ref);
    if (!found) return 'unread';
    memo.set(target, 'none'); // a cycle decides nothing
    const guarding = (c: Ref): boolean => {
      const j = depth < 8 ? judge(c, depth + 1) : 'unread';
      return j === 'guard' || j === 'optional' || j === 'credential' || j === 'doubt' || (j === 'unread' && nameSaysGuard(c));
    };
    // Its own refusal or a guard it runs decide; a guard whose refusal it catches reads the identity
    // and lets anonymous callers through; a credential read without either keeps the name's word.
    let v: Judged = 'none';
    if (found.f.refusal || found.f.calls.some(guarding)) v = 'guard';
    else if ((found.f.swallowed ?? []).some(guarding)) v = 'optional';
    else if (found.f.credential) v = found.f.raises ? 'doubt' : 'credential';
    memo.set(target, v);
    return v;
  };
  const optional = (c: GuardCandidate): GuardCandidate => (c.depends && c.guard && !c.guard.optional && judge(c.depends) === 'optional' ? { ...c, guard: { ...c.guard, optional: true, reason: `${c.guard.reason}; its code catches the refusal of the guard it calls` } } : c);
  // A dependency named as auth keeps its word when it reads a credential; one whose name says
  // nothing is a guard only when its code refuses, and a doubt when it raises what is not read.
  const keep = (c: GuardCandidate): boolean => {
    if (!c.depends) return true;
    const j = judge(c.depends);
    if (c.byCode) return j === 'guard' || j === 'optional' || j === 'doubt';
    return j === 'guard' || j === 'optional' || j === 'credential' || j === 'doubt' || (j === 'unread' && nameSaysGuard(c.depends));
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
  return (cs) => (cs.some((c) => c.depends) ? cs.filter(keep).map(doubted).map(withEvidence).map(optional) : cs);
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
  const cls = classifyGuardText(text) ?? (fn.endsWith('Security') ? { kind: 'authentication' as const, matched: 'Security' } : undefined);
  // `Depends(allow("items:write"))`: a factory of ours whose returned checker its code holds; kept
  // only when dependencyJudge finds a refusal or a guard in that code (an unread one is dropped, as before).
  const factory = !cls && dep?.type === 'call' ? dep.childForFieldName('function') : undefined;
  const factoryRef = factory && (factory.type === 'identifier' || factory.type === 'attribute') ? refOf(factory) : undefined;
  if (factoryRef) {
    const g = makeGuard(n.text, file, line(n), via, { kind: 'authentication', matched: factory!.text });
    return { text: n.text, line: line(n), via, guard: g && { ...g, reason: `${via}; dependency factory ${factory!.text}() judged by its code` }, depends: factoryRef };
  }
  const depends = dep && (dep.type === 'identifier' || dep.type === 'attribute') ? refOf(dep) : undefined;
  // `Depends(valid_owned_post)` calling `get_current_user`, `Depends(dep1)` raising AuthError: a
  // name that says nothing is judged by its code (kept only when that refuses).
  if (!cls && depends) return { text: n.text, line: line(n), via, guard: { name: n.text, kind: 'authentication', reason: `${via}; its code refuses`, file, line: line(n) }, depends, byCode: true };
  if (!cls) return undefined;
  return { text: n.text, line: line(n), via, guard: makeGuard(n.text, file, line(n), via, cls), ...(depends ? { depends } : {}) };
}
