// Package-level variables that hold middleware of ours: a function literal (`var redirect =
// func(w http.ResponseWriter, r *http.Request) error {…}`) or one a library call wraps around a
// literal taking the request (`var loggedIn = auth.Filter(func(w, r) error {…})`,
// `var requireAccess = func(level) func(http.Handler) http.Handler { return auth.Filter(func(w, r) error {…}) }`).
// Used by name in another file (`r.With(loggedIn)`), the variable is that literal: its refusals
// are what the route meets. A literal that does not take the request (a user loader handed to a
// library, `auth.Add(func(ctx, key) (User, error) {…})`) says nothing of what the library does
// with it: the variable is that library function's middleware, judged by what is known of it.
import type { GoNode as Node } from './goNode';
import { callArgs, kids } from '../treeUtil';
import type { Callee, GoFileFacts } from './types';
import { dict } from '../../ownKeys';

/** Parameters that take a request: `w http.ResponseWriter, r *http.Request` (any package's name for net/http). */
export function takesRequest(fn: Node): boolean {
  const types = kids(fn.childForFieldName('parameters')).map((d) => d.childForFieldName('type')?.text ?? '');
  return types.some((t) => /^\*\w+\.Request$/.test(t)) && types.some((t) => /^\w+\.ResponseWriter$/.test(t));
}

/**
 * A literal handed the request that answers with the error it returns (`func(w, r) error`): the
 * wrapper that calls it ends the request with that error, so a non-nil return is an answer.
 */
export function returnsAnswer(fn: Node): boolean {
  return fn.type === 'func_literal' && fn.childForFieldName('result')?.text === 'error' && takesRequest(fn) && fn.parent?.type === 'argument_list';
}

/** Records a package-level `var name = …` holding a function literal of ours, directly or wrapped. */
export function packageFunc(spec: Node, facts: GoFileFacts, fnOf: (n: Node) => Node | undefined, keyOf: (fn: Node) => string, callee: (n: Node) => Callee | undefined): void {
  if (fnOf(spec)) return;
  const names = spec.childrenForFieldName('name').filter((x): x is Node => !!x);
  const values = kids(spec.childForFieldName('value'));
  names.forEach((name, i) => {
    const v = values[i];
    let lit: Node | undefined;
    if (v?.type === 'func_literal') lit = v;
    else if (v?.type === 'call_expression') lit = callArgs(v).find((a) => a.type === 'func_literal' && takesRequest(a));
    if (lit) return void ((facts.pkgFuncs ??= dict())[name.text] = keyOf(lit));
    // `var keyAuth = auth.Add(loadUser)`: the middleware the library's function makes, judged as that function (frameworks.ts knows some).
    const c = v?.type === 'call_expression' ? callee(v.childForFieldName('function')!) : undefined;
    if (c?.startsWith('ext:')) (facts.pkgFuncs ??= dict())[name.text] = c;
  });
}
