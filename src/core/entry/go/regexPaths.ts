// A path a Go handler tests with a regular expression (`topicPathRegex.MatchString(r.URL.Path)`)
// written the way a reader looks for it: `^/[-_A-Za-z0-9]{1,64}/json$` is `/:p1/json`. Alternatives
// of plain words are each a path of their own (`/(publish|send)$`); a segment holding any pattern
// is one parameter; a catch-all tail is `*`. What cannot be read that way stays the regex.
const MAX_PATHS = 8;
/** One token matching a run of characters: a class, `.` or `\w`, repeated. */
const RUN = String.raw`(?:\[(?:\\.|[^\]\\])*\]|\.|\\[wdsS])(?:\{\d+(?:,\d*)?\}|[+*])`;
const PARAM = '\u0001';

export function regexPaths(re: string): string[] | undefined {
  if (!re.startsWith('^/') && !re.startsWith('/')) return undefined;
  let p = re.replace(/^\^/, '').replace(/\$$/, '');
  // An optional tail inside the last segment (`(?:\.[A-Za-z0-9]{1,16})?`, a file extension): the same route.
  p = p.replace(/\(\?:\\?\.[^()/]*\)\?$/, '');
  const alts = expand(p);
  if (!alts) return undefined;
  const out: string[] = [];
  for (let a of alts) {
    // A group repeating a run after a run (`[a-z]+(,[a-z]+)*`, a list of names): one parameter.
    a = a.replace(new RegExp(`(${RUN})\\((?:\\?:)?[^()/]*${RUN}\\)[*+]`, 'g'), '$1');
    // A catch-all tail (`/.*`, not a captured `(.+)`, which names one value): everything under what precedes it.
    a = a.replace(/\/\.[+*]$/, '/*');
    a = a.replace(new RegExp(`\\(${RUN}\\)|${RUN}`, 'g'), PARAM);
    a = a.replace(/\\([./~\-_])/g, '$1');
    if (/[()[\]+?|\\{}^$]/.test(a) || /\*(?!$)/.test(a) || /[^/]\*$/.test(a)) return undefined;
    let n = 0;
    // A segment with any parameter in it is one parameter (`[^/]+\.[^/]+` is a host name).
    a = a.split('/').map((seg) => (seg.includes(PARAM) ? `:p${++n}` : seg)).join('/');
    out.push(a || '/');
  }
  return [...new Set(out)];
}

/** `a(b|c)d` → `abd`, `acd`; `x(|/.*)` → `x`, `x/.*`; only groups of plain alternatives, up to MAX_PATHS. */
function expand(p: string): string[] | undefined {
  const m = /\((?:\?:)?((?:[\w\-/]|\\.|\.\*)*(?:\|(?:[\w\-/]|\\.|\.\*)*)+)\)/.exec(p);
  if (!m) return [p];
  const rest = expand(p.slice(m.index + m[0].length));
  if (!rest) return undefined;
  const out = m[1].split('|').flatMap((alt) => rest.map((r) => p.slice(0, m.index) + alt + r));
  return out.length <= MAX_PATHS ? out : undefined;
}
