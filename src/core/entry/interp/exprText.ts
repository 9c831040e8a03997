// An expression as a reader would write it: what `dynamic` paths and unresolved guards show.
import type { Cond, CondArg, Expr } from '../facts/types';

const MAX = 100;

/**
 * Texts already written, by expression: the interpreter asks for the same call's text each time it
 * evaluates it (a route file's calls run again for every caller), and facts are never changed.
 */
const written = new WeakMap<Expr, string>();

/**
 * An expression's text, or the expression itself to write it from when it is needed: most values
 * the interpreter reads are known, and a text is only shown for what stays unknown, so the hot
 * paths (a property read, a call) hand the expression on and `textOf` writes it at the end.
 */
export type LazyText = string | Expr;

export function textOf(t: LazyText): string {
  return typeof t === 'string' ? t : exprText(t);
}

export function exprText(e: Expr): string {
  let out = written.get(e);
  if (out === undefined) {
    const t = text(e, 0);
    out = t.length > MAX ? t.slice(0, MAX - 1) + '…' : t;
    written.set(e, out);
  }
  return out;
}

function text(e: Expr, depth: number): string {
  if (depth > 12) return '…';
  const d = depth + 1;
  switch (e[0]) {
    case 's':
      return JSON.stringify(e[1]);
    case 'n':
    case 'b':
      return String(e[1]);
    case 'null':
      return 'null';
    case 'id':
      return e[1];
    case 'this':
      return 'this';
    case 'm':
      return `${text(e[1], d)}.${e[2]}`;
    case 'ix':
      return `${text(e[1], d)}[${text(e[2], d)}]`;
    case 'c':
      return `${text(e[1], d)}(${e[2].map((a) => text(a, d)).join(', ')})`;
    case 'new':
      return `new ${text(e[1], d)}(${e[2].map((a) => text(a, d)).join(', ')})`;
    case 'cat':
      return '`' + e[1].map((p) => (p[0] === 's' ? p[1] : '${' + text(p, d) + '}')).join('') + '`';
    case 'o': {
      const props = e[1].map(([k, v]) => (typeof k === 'string' ? `${k}: ${text(v, d)}` : `[${text(k, d)}]: ${text(v, d)}`));
      const inner = props.join(', ');
      return inner.length > 60 ? `{ ${inner.slice(0, 58)}… }` : `{ ${inner} }`;
    }
    case 'a':
      return `[${e[1].map((a) => text(a, d)).join(', ')}]`;
    case 'f':
      return '<function>';
    case 'k':
      return '<class>';
    case 'or':
      return `${text(e[1], d)} || ${text(e[2], d)}`;
    case 'alt':
      // The test when the facts keep it (whenConds.ts): an undecided ternary is shown whole, both arms and what picks one.
      return `${e[3] ? condText(e[3], d) : '…'} ? ${text(e[1], d)} : ${text(e[2], d)}`;
    case 'kw':
      return `${e[1]}=${text(e[2], d)}`;
    case 'imp':
      return `require(${JSON.stringify(e[1])})`;
    case 're':
      return e[1];
    case '?':
      return e[1];
  }
}

/** A test as written (`whenConds.ts` keeps it as a Cond): what picks an arm of a ternary shown as `dynamic`. */
function condText(c: Cond, d: number): string {
  switch (c[0]) {
    case 'eq':
      return `${argText(c[2], d)} ${c[1]} ${argText(c[3], d)}`;
    case 't':
      return text(c[1], d);
    case 'arr':
      return `Array.isArray(${text(c[1], d)})`;
    case 'not':
      return c[1][0] === 't' ? `!${condText(c[1], d)}` : `!(${condText(c[1], d)})`;
    case 'and':
      return `${condText(c[1], d)} && ${condText(c[2], d)}`;
    case 'or':
      return `${condText(c[1], d)} || ${condText(c[2], d)}`;
    default:
      return '…';
  }
}

function argText(a: CondArg, d: number): string {
  return a[0] === 'typeof' ? `typeof ${text(a[1], d)}` : text(a[1], d);
}
