// The walk several refusal and identity checks make through the functions a route's code calls:
// breadth first, so the nearest answer wins, each function once, with a cap on how deep and how
// many — the same bounds whatever the check looks for.

/**
 * Visits `start` and what each visit pushes onto `next`, level by level down to `maxDepth`, each
 * item once by `keyOf` and at most `maxItems` of them; the first answer a visit gives ends the walk.
 */
export function walkLevels<T, R>(start: T[], keyOf: (t: T) => string, maxDepth: number, maxItems: number, visit: (t: T, depth: number, next: T[]) => R | undefined): R | undefined {
  const seen = new Set<string>();
  let level = start;
  for (let depth = 0; depth <= maxDepth && level.length; depth++) {
    const next: T[] = [];
    for (const t of level) {
      const k = keyOf(t);
      if (seen.has(k) || seen.size >= maxItems) continue;
      seen.add(k);
      const r = visit(t, depth, next);
      if (r !== undefined) return r;
    }
    level = next;
  }
  return undefined;
}
