// Tests a hook writes on the request's path (`pathname.startsWith(API_PREFIX)`, `PUBLIC.includes(
// pathname)`, `/^\/admin/.test(url.pathname)`), read from its code into plain JSON once, then decided
// per route path. A one-segment parameter stands for a value no hook word equals (`/:slug/rss.xml`
// does not start with `/api/`); past a rest parameter (`/files/*`) the path is anything, and a test
// that depends on that part stays `undefined`: the caller leaves the route `unknown` rather than guess.

/** What a one-segment parameter is taken to be: no word a hook compares paths with. */
const GENERIC = '\u0000';

/** A test of the request path: JSON, so it crosses threads and lands in caches. */
export type PathTest =
  | ['prefix', string]
  | ['suffix', string]
  | ['eq', string]
  | ['has', string]
  | ['re', string, string]
  | ['not', PathTest]
  | ['and', PathTest[]]
  | ['or', PathTest[]]
  /** A test that reads the path in a way not followed (a call we cannot see into): as written. */
  | ['?', string];

export function pathTestText(t: PathTest): string {
  switch (t[0]) {
    case 'prefix':
      return `path starts with '${t[1]}'`;
    case 'suffix':
      return `path ends with '${t[1]}'`;
    case 'eq':
      return `path is '${t[1]}'`;
    case 'has':
      return `path contains '${t[1]}'`;
    case 're':
      return `path matches /${t[1]}/${t[2]}`;
    case 'not':
      return `not (${pathTestText(t[1])})`;
    case 'and':
      return t[1].map(pathTestText).join(' and ');
    case 'or':
      return t[1].map(pathTestText).join(' or ');
    default:
      return t[1];
  }
}

/** Whether a request to `routePath` (`/a/:id`, `/files/*`) passes the test: undefined when it depends on the parameters. */
export function decidePathTest(t: PathTest, routePath: string): boolean | undefined {
  // A one-segment parameter (`:page_path`) stands for a value (an id, a slug), not for one of the
  // hook's own words: a test that would hold only if it spelled `api` does not hold for the route.
  // A rest parameter covers a whole subtree: what lies past it stays open.
  const cut = routePath.search(/\*|:\w+\*/);
  const literal = (cut < 0 ? routePath : routePath.slice(0, cut)).replace(/:\w+\??/g, GENERIC);
  const fixed = cut < 0;
  switch (t[0]) {
    case 'prefix':
      if (literal.startsWith(t[1])) return true;
      return !fixed && t[1].startsWith(literal) ? undefined : false;
    case 'eq':
      if (fixed) return literal === t[1];
      return t[1].startsWith(literal) ? undefined : false;
    case 'suffix':
      return fixed ? literal.endsWith(t[1]) : undefined;
    case 'has':
      if (literal.includes(t[1])) return true;
      return fixed ? false : undefined;
    case 're':
      return regexOnRoute(t[1], t[2], routePath);
    case 'not': {
      const v = decidePathTest(t[1], routePath);
      return v === undefined ? undefined : !v;
    }
    case 'and': {
      let out: boolean | undefined = true;
      for (const p of t[1]) {
        const v = decidePathTest(p, routePath);
        if (v === false) return false;
        if (v === undefined) out = undefined;
      }
      return out;
    }
    case 'or': {
      let out: boolean | undefined = false;
      for (const p of t[1]) {
        const v = decidePathTest(p, routePath);
        if (v === true) return true;
        if (v === undefined) out = undefined;
      }
      return out;
    }
    default:
      return undefined;
  }
}

/** A regular expression decides a route when every sample of its parameters gives the same answer. */
function regexOnRoute(source: string, flags: string, routePath: string): boolean | undefined {
  let re: RegExp;
  try {
    re = new RegExp(source, flags.replace(/[gy]/g, ''));
  } catch {
    return undefined;
  }
  const samples = ['1', 'x', 'a-b_c'].map((s) => routePath.replace(/:\w+\*|\*/g, `${s}/${s}`).replace(/:\w+\??/g, s));
  const answers = new Set(samples.map((s) => re.test(s)));
  return answers.size === 1 ? [...answers][0] : undefined;
}
