// A decorator written as a class of the service's own (`@prepolicy(check_admin, request)` with
// `class prepolicy: def __init__(self, function, request): … def __call__(self, f): @wraps(f) def
// wrapper(*a): self.function(request=self.request); return f(*a)`). Its code decides, as a function
// decorator's does: the `__call__` method is read as the decorator (flaskGuards.ts funcFacts) under
// the class's name. What it adds: the calls of functions handed to the class (`self.function(…)`,
// bound in `__init__` from a parameter), whose code is known only where the decorator is used —
// flaskGuardJudge.ts reads the argument given there. Without this, a class decorator was judged by
// its name and arguments (`prepolicy(...)` matched "policy": a guard on every route it decorated).
import type { Node } from 'web-tree-sitter';
import type { PyFuncFacts } from './flaskGuardTypes';
import { kids, line } from '../treeUtil';
import { paramNames } from './pyScope';
import { dict } from '../../ownKeys';

/** Facts of every top-level class whose `__call__` wraps the function it is given, by class name. */
export function classDecoratorFacts(root: Node, read: (def: Node) => PyFuncFacts): Record<string, PyFuncFacts> {
  const out = dict<PyFuncFacts>();
  for (const st of kids(root)) {
    const cls = st.type === 'decorated_definition' ? st.childForFieldName('definition') : st;
    if (cls?.type !== 'class_definition') continue;
    const methods = new Map<string, Node>();
    for (const m of kids(cls.childForFieldName('body'))) {
      const def = m.type === 'decorated_definition' ? m.childForFieldName('definition') : m;
      if (def?.type === 'function_definition') methods.set(def.childForFieldName('name')?.text ?? '', def);
    }
    const call = methods.get('__call__');
    if (!call) continue;
    const f = read(call);
    if (!f.wrapper) continue;
    const handed = handedCalls(call, methods.get('__init__'));
    out[cls.childForFieldName('name')?.text ?? ''] = { ...f, line: line(cls), ...(handed.length ? { handed } : {}) };
  }
  return out;
}

/**
 * `self.x(…)` calls in `__call__` where `__init__` bound `self.x = <its parameter>`: which argument of
 * the decorator's use is called, and whether after the wrapped function (it cannot stop the view then).
 */
function handedCalls(call: Node, init: Node | undefined): NonNullable<PyFuncFacts['handed']> {
  if (!init) return [];
  const params = paramNames(init).slice(1);
  const bound = new Map<string, string>();
  for (const a of init.descendantsOfType('assignment')) {
    const left = a?.childForFieldName('left');
    const right = a?.childForFieldName('right');
    const attr = left?.type === 'attribute' && left.childForFieldName('object')?.text === 'self' ? left.childForFieldName('attribute')?.text : undefined;
    if (attr && right?.type === 'identifier' && params.includes(right.text)) bound.set(attr, right.text);
  }
  const wrapped = paramNames(call)[1];
  const calls = call.descendantsOfType('call').filter((c): c is Node => !!c);
  const view = calls.find((c) => c.childForFieldName('function')?.text === wrapped);
  const out: NonNullable<PyFuncFacts['handed']> = [];
  for (const c of calls) {
    const fn = c.childForFieldName('function');
    const attr = fn?.type === 'attribute' && fn.childForFieldName('object')?.text === 'self' ? fn.childForFieldName('attribute')?.text : undefined;
    const param = attr ? bound.get(attr) : undefined;
    if (!param) continue;
    out.push({ index: params.indexOf(param), name: param, line: line(c), afterView: !!view && c.startIndex > view.startIndex });
  }
  return out;
}

/** The argument given for a decorator's parameter at its use (`prepolicy(check_admin, request)` → `check_admin`), if written plainly. */
export function decoratorArgument(text: string, index: number, name: string): string | undefined {
  const open = text.indexOf('(');
  if (open < 0 || !text.endsWith(')')) return undefined;
  const args: string[] = [];
  let depth = 0;
  let quote = '';
  let start = open + 1;
  for (let i = open + 1; i < text.length - 1; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (ch === ',' && depth === 0) {
      args.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  args.push(text.slice(start, text.length - 1).trim());
  const keyword = args.find((a) => new RegExp(`^${name}\\s*=`).test(a));
  if (keyword) return keyword.slice(keyword.indexOf('=') + 1).trim();
  const positional = args.filter((a) => a && !/^\w+\s*=[^=]/.test(a) && !a.startsWith('*'));
  return positional[index];
}
