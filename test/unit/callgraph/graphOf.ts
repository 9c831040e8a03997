// A small repository written to a temp folder (test/unit/map/helpers.ts makeRepo) and the call
// graph of its map, built without the cache or workers: what the call-graph tests read.
import { buildMap } from '../../../src/core/map/buildMap';
import { CallGraph } from '../../../src/core/callgraph/callGraph';
import { makeRepo } from '../map/helpers';

/** A repository of these files in a temp folder (remove it after), and its call graph; `ownScopes`: the npm scopes that are the service's own code. */
export async function graphOf(files: Record<string, string>, ownScopes: readonly string[] = []): Promise<[string, CallGraph]> {
  const root = makeRepo(files);
  return [root, new CallGraph(await buildMap({ root, cache: false, workers: 0 }), ownScopes)];
}
