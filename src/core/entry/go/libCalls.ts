// Library calls whose result is known from their arguments, for a value computed at start-up from a
// setting at its default (startValues.ts): Go's `strings` trimming and tests, `url.Parse` (a URL
// value whose `.Path` evalStr.ts reads), an unset environment variable (`os.Getenv` gives ""), and
// the command-line flag packages — urfave/cli's `c.String("name")`, cobra/pflag's
// `GetString("name")` (the flag's declared default), and `flag.String("name", "def", …)` (its
// `def`). Anything else is not known (`undefined`): the path stays dynamic.
import type { StrEnv, SVal } from './evalStr';

const URFAVE = /(^|\/)urfave\/cli(\/v\d+)?$/;
const PFLAG = /^github\.com\/spf13\/(cobra|pflag)$/;

/** The result of a library function at its known behaviour, or `undefined`. */
export function libCall(env: StrEnv, lib: { ext: string; name: string }, args: SVal[]): SVal | undefined {
  const ss = args.map((a) => ('s' in a ? a.s : undefined));
  const [a, b] = ss;
  const name = lib.name.replace(/^\w+\./, '');
  if (lib.ext === 'strings') return stringsCall(name, ss);
  if (lib.ext === 'path' && lib.name === 'Clean' && a !== undefined && ss.length === 1) return { s: cleanPath(a) };
  if (lib.ext === 'net/url' && lib.name === 'Parse' && a !== undefined) return { url: a };
  if (lib.ext === 'os' && lib.name === 'Getenv' && a !== undefined) {
    env.read?.(`env ${a} unset`);
    return { s: '' };
  }
  // A flag read by its name: the default every declaration of it gives.
  const reads = (URFAVE.test(lib.ext) && name === 'String' && ss.length === 1) || (PFLAG.test(lib.ext) && name === 'GetString' && ss.length === 1);
  if (reads && a !== undefined) {
    const d = env.flag?.(a);
    if (d !== undefined) env.read?.(`flag "${a}" at its default ${JSON.stringify(d)}`);
    return d !== undefined ? { s: d } : undefined;
  }
  // `flag.String("base", "/", "usage")`, pflag's `StringP("base", "b", "/", "usage")`: the flag's value is its default.
  if ((lib.ext === 'flag' || PFLAG.test(lib.ext)) && (name === 'String' || name === 'StringP') && a !== undefined) {
    const def = name === 'StringP' ? ss[2] : b;
    if (def !== undefined) env.read?.(`flag "${a}" at its default ${JSON.stringify(def)}`);
    return def !== undefined ? { s: def } : undefined;
  }
  return undefined;
}

function stringsCall(name: string, ss: (string | undefined)[]): SVal | undefined {
  const [a, b] = ss;
  if (a === undefined) return undefined;
  switch (name) {
    case 'TrimSpace':
      return { s: a.trim() };
    case 'ToLower':
      return { s: a.toLowerCase() };
    case 'ToUpper':
      return { s: a.toUpperCase() };
  }
  // `strings.ReplaceAll(p, "\\", "/")`.
  if (name === 'ReplaceAll' && ss.length === 3 && b && ss[2] !== undefined) return { s: a.split(b).join(ss[2]) };
  if (b === undefined || ss.length !== 2) return undefined;
  switch (name) {
    case 'TrimSuffix':
      return { s: b && a.endsWith(b) ? a.slice(0, a.length - b.length) : a };
    case 'TrimPrefix':
      return { s: b && a.startsWith(b) ? a.slice(b.length) : a };
    case 'TrimRight':
      return { s: trimSet(a, b, false, true) };
    case 'TrimLeft':
      return { s: trimSet(a, b, true, false) };
    case 'Trim':
      return { s: trimSet(a, b, true, true) };
    case 'HasPrefix':
      return { b: a.startsWith(b) };
    case 'HasSuffix':
      return { b: a.endsWith(b) };
    case 'Contains':
      return { b: a.includes(b) };
  }
  return undefined;
}

/** Go's `path.Clean`: one slash between elements, `.` and `..` resolved, no trailing slash, "." for nothing. */
export function cleanPath(p: string): string {
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part !== '..') out.push(part);
    else if (out.length && out[out.length - 1] !== '..') out.pop();
    else if (!rooted) out.push('..');
  }
  const joined = out.join('/');
  return rooted ? `/${joined}` : joined || '.';
}

/** `strings.Trim(s, cutset)`: every character of the set removed from the chosen ends. */
function trimSet(s: string, set: string, left: boolean, right: boolean): string {
  let i = 0;
  let j = s.length;
  while (left && i < j && set.includes(s[i])) i++;
  while (right && j > i && set.includes(s[j - 1])) j--;
  return s.slice(i, j);
}
