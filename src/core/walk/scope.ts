import picomatch from 'picomatch';

export interface Scope {
  include: string[];
  exclude: string[];
}

export interface ScopeMatcher {
  /** Folders to start walking from ('' is the root): nothing outside them can be in scope. */
  bases: string[];
  inScope(rel: string): boolean;
}

/** A glob with no magic names a file or a folder: `services/auth` means everything under it. */
function expand(glob: string): string[] {
  const g = glob.replace(/^\.\//, '').replace(/\/+$/, '');
  if (g === '' || g === '.') return ['**'];
  return picomatch.scan(g).isGlob ? [g] : [g, `${g}/**`];
}

export function scopeMatcher(scope?: Scope): ScopeMatcher {
  const include = (scope?.include ?? []).flatMap(expand);
  const exclude = (scope?.exclude ?? []).flatMap(expand);
  const inc = include.length ? picomatch(include, { dot: true }) : () => true;
  const exc = exclude.length ? picomatch(exclude, { dot: true }) : () => false;
  let bases = include.length ? [...new Set(include.map((g) => picomatch.scan(g).base))] : [''];
  if (bases.includes('')) bases = [''];
  // Drop bases nested in another base so no folder is walked twice.
  bases = bases.filter((b) => !bases.some((o) => o !== b && (o === '' || b.startsWith(o + '/'))));
  return { bases, inScope: (rel) => inc(rel) && !exc(rel) };
}

/** True when the scope is the whole repository: no include but `**` (what `deepdive start` writes without --scope), no exclude. */
export function isWholeRepository(scope: Scope | undefined): boolean {
  if (!scope) return true;
  return scope.include.every((g) => expand(g).includes('**')) && scope.exclude.length === 0;
}
