// gorilla/mux tries a router's routes — its subrouters among them — in the order they were added,
// and the first that matches serves. Of two registrations of one method and path under one root
// (Portainer's `GET /users/me` on `authenticatedRouter` and on `restrictedRouter`, whose
// `h.NewRoute().Subrouter()` was made first), only the one reached first is a route: the other is
// never served. Where the two ways part, both steps must be in one file to be ordered, the paths
// written alike and neither route narrowed by another matcher (`.Queries(…)`: miniflux registers
// `/feed/{feedID}/refresh` with and without one); otherwise both stay, as before.
import type { EntryPoint } from '../types';
import type { GoEdge, GoRef, GoRoute } from './types';

interface Step {
  /** The same step on two ways has the same key. */
  key: string;
  file: string;
  order: number;
}

export interface Trail {
  root: GoRef;
  steps: Step[];
  /** The path as registered: only the same one written the same way shadows (`/c` and `/c/` both read `/c/` under StrictSlash). */
  written: string;
  /** A matcher beyond path and method: it may not match where the other does. */
  matched: boolean;
}

/** The way to a route from its root: each mount or subrouter on the chain, then the registration. */
export function trailOf(root: GoRef, chain: GoEdge[], route: GoRoute): Trail {
  const steps = chain.map((e) => ({ key: `${e.parent}>${e.child}@${e.file}@${e.order}`, file: e.file, order: e.order }));
  steps.push({ key: `route@${route.file}@${route.order}`, file: route.file, order: route.order });
  return { root, steps, written: JSON.stringify(route.path), matched: !!route.matched };
}

/** The entries less those a gorilla route of the same method and path reached earlier shadows. */
export function dropShadowed(entries: EntryPoint[], trails: Map<EntryPoint, Trail>): EntryPoint[] {
  const byId = new Map<string, EntryPoint[]>();
  for (const e of entries) if (trails.has(e)) byId.set(e.id, [...(byId.get(e.id) ?? []), e]);
  const dropped = new Set<EntryPoint>();
  for (const same of byId.values()) {
    for (const a of same) for (const b of same) if (a !== b && !dropped.has(a) && first(trails.get(a)!, trails.get(b)!) === 'a') dropped.add(b);
  }
  return dropped.size ? entries.filter((e) => !dropped.has(e)) : entries;
}

/** Which of two ways from one root a request takes first, when the step where they part can be ordered. */
function first(a: Trail, b: Trail): 'a' | 'b' | undefined {
  if (a.root !== b.root || a.written !== b.written || a.matched || b.matched) return undefined;
  const i = a.steps.findIndex((s, k) => s.key !== b.steps[k]?.key);
  const [x, y] = [a.steps[i], b.steps[i]];
  if (!x || !y || x.file !== y.file || x.order === y.order) return undefined;
  return x.order < y.order ? 'a' : 'b';
}
