// The specifiers a file's entry facts load, as the reader of the service's own installed packages
// (ownPackages.ts) follows them. Apart from that reader so that the map's session can walk them
// while its workers still parse (map/entryWarmup.ts) without loading the fact extractor.
import type { EntryFacts, Expr } from './facts/types';

const specsMemo = new WeakMap<EntryFacts, string[]>();

/**
 * Static imports and lazy `require('…')`/`import('…')` of a file's facts, walked once per facts
 * object; facts are never changed once extracted.
 */
export function specsOf(f: EntryFacts): string[] {
  let specs = specsMemo.get(f);
  if (!specs) {
    specs = walkSpecs(f);
    specsMemo.set(f, specs);
  }
  return specs;
}

function walkSpecs(f: EntryFacts): string[] {
  const specs = new Set(f.imports.map((i) => i.spec));
  const walk = (v: unknown): void => {
    if (!Array.isArray(v)) return;
    if (v[0] === 'imp' && typeof v[1] === 'string') specs.add(v[1]);
    else if (v[0] === 'c' && Array.isArray(v[1]) && v[1][0] === 'id' && v[1][1] === 'require' && Array.isArray(v[2]) && (v[2][0] as Expr | undefined)?.[0] === 's') specs.add((v[2][0] as ['s', string])[1]);
    for (const x of v) walk(x);
  };
  walk(f.top);
  for (const fn of f.fns) walk(fn.ops);
  return [...specs];
}
