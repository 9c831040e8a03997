// Suggested flows kept from one report to the next while the map stays the same: the editor's
// analysis session previews and exports the report many times on one map, and walking the flows
// of a service's routes was most of a report's time (about half a second for 1,000 routes).
import type { EntryPoint } from '../entry/types';
import type { RepoMap } from '../map/types';
import type { Flow } from './suggestFlows';
import { flowSuggester } from './suggestFlows';

export class FlowMemo {
  private current?: { map: RepoMap; scopes: string; suggest?: (entries: readonly EntryPoint[]) => Flow[]; flows: WeakMap<EntryPoint, Flow> };

  /**
   * The flows of the given entry points on this map, walked once per entry object: the entry
   * cache hands out the same objects until the routes change, and a new map (or other own npm
   * scopes) starts afresh. The flows are shared between callers: read them, never change them.
   */
  flowsOf(map: RepoMap, ownScopes: readonly string[]): (entries: readonly EntryPoint[]) => Flow[] {
    const scopes = ownScopes.join('\n');
    if (this.current?.map !== map || this.current.scopes !== scopes) this.current = { map, scopes, flows: new WeakMap() };
    const c = this.current;
    return (entries) => {
      const missing = entries.filter((e) => !c.flows.has(e));
      if (missing.length) {
        c.suggest ??= flowSuggester(map, { ownScopes });
        // One flow per entry, in order (no `entry` option narrows the walk).
        const walked = c.suggest(missing);
        missing.forEach((e, i) => c.flows.set(e, walked[i]));
      }
      return entries.map((e) => c.flows.get(e)!);
    };
  }
}
