import type { RawImport } from '../facts';

/** At least this share of a name's `X.sub` imports must name root modules… */
const MIN_SHARE = 0.9;
/** …and they must name this many different ones: one or two hits are a coincidence of names. */
const MIN_SUBS = 3;

/**
 * The name the code imports the repository root by, when the root is itself the top package: a
 * Debian `dist-packages/graphite/` folder holds `__init__.py` and `user_util.py`, and its code
 * says `from graphite.user_util import getProfile`; nothing in the folder is called `graphite`.
 *
 * The name is learned from the imports, not guessed from the folder: it is the top name X, itself
 * no module of the repository, whose dotted imports `X.a.b` nearly all name a root module or
 * package `a/b` (MIN_SHARE), over several distinct `a` (MIN_SUBS). A third-party package whose
 * submodules happen to share names with root modules (`django.urls` beside the root's urls.py)
 * fails the share: most of its imports (`django.conf`, `django.http`, `django.db`) name nothing
 * here. Dropping the first segment of every import would resolve those to the root's own files.
 *
 * Pure and cheap: one pass over the absolute imports, probing only the mapped file set; nothing at
 * all when the root holds no `__init__.py`.
 */
export function inferRootPackage(
  files: ReadonlySet<string>,
  imports: Iterable<readonly RawImport[]>,
  /** Top names the repository already resolves (its own top-level modules and packages). */
  ownTopNames: ReadonlySet<string>,
): string | undefined {
  if (!files.has('__init__.py')) return undefined;
  const dirsWithPy = new Set<string>();
  for (const f of files) {
    if (!f.endsWith('.py')) continue;
    for (let i = f.lastIndexOf('/'); i > 0; i = f.lastIndexOf('/', i - 1)) dirsWithPy.add(f.slice(0, i));
  }
  const namesRootModule = (rel: string) => files.has(`${rel}.py`) || files.has(`${rel}/__init__.py`) || dirsWithPy.has(rel);

  const tally = new Map<string, { total: number; hits: number; subs: Set<string> }>();
  for (const list of imports) {
    for (const imp of list) {
      const parts = imp.specifier.split('.');
      // Relative imports start with a dot (an empty first part); a bare `X` says nothing about subs.
      if (parts.length < 2 || parts[0] === '' || ownTopNames.has(parts[0])) continue;
      let t = tally.get(parts[0]);
      if (!t) tally.set(parts[0], (t = { total: 0, hits: 0, subs: new Set() }));
      t.total++;
      if (namesRootModule(parts.slice(1).join('/'))) {
        t.hits++;
        t.subs.add(parts[1]);
      }
    }
  }
  let best: string | undefined;
  let bestHits = 0;
  // Sorted: the same repository always gives the same name, whatever order the files came in.
  for (const [name, t] of [...tally].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (t.subs.size < MIN_SUBS || t.hits < MIN_SHARE * t.total) continue;
    if (t.hits > bestHits) {
      best = name;
      bestHits = t.hits;
    }
  }
  return best;
}
