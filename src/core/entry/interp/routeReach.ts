// Which files' uncalled functions are worth running (interpreter.ts runUncalled). A function no
// call reached runs with unknown arguments so that the routes it registers are not lost; what it
// can touch is what its module's scope holds and what that scope can reach through imports. A
// router, an app or any other framework value is born of a framework package's import, and
// from there it only travels along imports: returned from a module, passed into another
// module's function, stored in its scope. So a file that is not linked, through imports in
// either direction, to a file importing a framework package can hold no router, and running
// its functions registers nothing: on a repository of libraries (no server at all) that was most
// of a cold `deepdive routes`, for no answer.
//
// Links: every import the facts declare (module-level, a lazy `require()` / `import()` anywhere
// in a function, a re-export), resolved the way the run resolves them, plus the loads the run
// made by a path it computed (a glob of route files, `require(path.join(__dirname, name))`).
// Files a later reader asks for constants are seeds too (findEntryPoints' resolvePathConstants:
// a Nest module's option names a constant of a file that may import no JS framework).
import type { EntryFacts } from '../facts/types';
import type { Framework } from '../frameworks/types';
import type { Program } from './program';

/**
 * The files whose uncalled functions may reach a router: the import-linked groups of files that
 * hold a seed (a file importing a framework package, or one in `seeds`). `link` adds a module load
 * the run made by a computed path (the file that loaded, the module key it loaded).
 */
export class RouteReach {
  private readonly links = new Map<string, string[]>();
  private readonly reach = new Set<string>();
  /** Imported file → the files importing it: the links with their direction kept. */
  private readonly importers = new Map<string, string[]>();
  /** The seeds and every file that imports one, directly or through others (`isRoot`). */
  private readonly roots = new Set<string>();

  constructor(
    private readonly program: Program,
    frameworks: readonly Framework[],
    seeds: Iterable<string> = [],
  ) {
    const isFramework = (spec: string): boolean => frameworks.some((fw) => fw.packages.test(spec));
    const found: string[] = [];
    for (const s of seeds) if (program.facts.has(s)) found.push(s);
    for (const [file, facts] of program.facts) {
      let seed = false;
      for (const spec of importSpecs(facts)) {
        if (isFramework(spec)) seed = true;
        const key = program.resolve(file, spec);
        if (key) for (const f of program.filesOf(key)) this.edge(file, f);
      }
      if (seed) found.push(file);
    }
    for (const f of found) this.flood(f);
    for (const f of found) this.floodImporters(f);
  }

  has(file: string): boolean {
    return this.reach.has(file);
  }

  /**
   * Whether the file's own imports (followed through other files) reach a seed. A module's top
   * level can only touch a router that its imports lead to, so the run starts from these files
   * alone; any other module runs when one of them loads it, or never, as in the service (a
   * migration or a script no server module loads).
   */
  isRoot(file: string): boolean {
    return this.roots.has(file);
  }

  link(from: string, key: string): void {
    for (const f of this.program.filesOf(key)) {
      this.edge(from, f);
      if (this.reach.has(from)) this.flood(f);
      else if (this.reach.has(f)) this.flood(from);
      if (this.roots.has(f)) this.floodImporters(from);
    }
  }

  private edge(a: string, b: string): void {
    if (a === b) return;
    const ib = this.importers.get(b);
    if (ib) ib.push(a);
    else this.importers.set(b, [a]);
    const la = this.links.get(a);
    if (la) la.push(b);
    else this.links.set(a, [b]);
    const lb = this.links.get(b);
    if (lb) lb.push(a);
    else this.links.set(b, [a]);
  }

  private floodImporters(start: string): void {
    if (this.roots.has(start)) return;
    this.roots.add(start);
    const todo = [start];
    while (todo.length) {
      const f = todo.pop()!;
      for (const g of this.importers.get(f) ?? [])
        if (!this.roots.has(g)) {
          this.roots.add(g);
          todo.push(g);
        }
    }
  }

  /** Everything linked to `start`, by a walk over the links (no recursion: a long chain of imports). */
  private flood(start: string): void {
    if (this.reach.has(start)) return;
    this.reach.add(start);
    const todo = [start];
    while (todo.length) {
      const f = todo.pop()!;
      for (const g of this.links.get(f) ?? [])
        if (!this.reach.has(g)) {
          this.reach.add(g);
          todo.push(g);
        }
    }
  }
}

const specsMemo = new WeakMap<EntryFacts, ReadonlySet<string>>();

/**
 * Every import specifier a file's facts name: its imports, and each lazy import (`['imp', spec,
 * name]`, a `require('x')` call) anywhere in its code. Walked once per facts object: the pass asks
 * for every file's up to three times (findEntryPoints' mayHoldJsRouters, ownPackages.ts, RouteReach),
 * and a walk of all of Ghost's facts is about 0.1 s. Facts are never changed once extracted.
 */
export function importSpecs(facts: EntryFacts): ReadonlySet<string> {
  let out = specsMemo.get(facts);
  if (!out) {
    out = walkImportSpecs(facts);
    specsMemo.set(facts, out);
  }
  return out;
}

function walkImportSpecs(facts: EntryFacts): Set<string> {
  const out = new Set<string>(facts.imports.map((i) => i.spec));
  // The facts are nested tuples; an explicit stack, since code nests deeper than the call stack allows.
  const stack: unknown[] = [facts.top, facts.exports];
  for (const fn of facts.fns) stack.push(fn.ops, fn.defaults, fn.decorators);
  for (const c of facts.classes) stack.push(c.fields, c.decorators, c.bases);
  while (stack.length) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    if (!Array.isArray(node)) {
      // An operation's `When` (its tests hold expressions too).
      for (const child of Object.values(node as Record<string, unknown>)) if (child && typeof child === 'object') stack.push(child);
      continue;
    }
    if (node[0] === 'imp' && node.length === 3 && typeof node[1] === 'string') {
      out.add(node[1]);
      continue;
    }
    // `require('x')` / `import('x')` kept as a call: the run loads it the same way (interpModules.ts requireValue).
    const callee = node[0] === 'c' ? (node[1] as unknown[] | undefined) : undefined;
    const first = callee?.[0] === 'id' && (callee[1] === 'require' || callee[1] === 'import') && Array.isArray(node[2]) ? (node[2][0] as unknown[] | undefined) : undefined;
    if (first?.[0] === 's' && typeof first[1] === 'string') out.add(first[1]);
    for (const child of node) if (child && typeof child === 'object') stack.push(child);
  }
  return out;
}
