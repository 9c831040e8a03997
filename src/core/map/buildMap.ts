import { MapSession } from './mapSession';
import type { MapOptions } from './mapSession';
import type { RepoMap } from './types';

export type { MapOptions } from './mapSession';

/** Maps a repository once: walk, parse (worker threads, cache), resolve, group. */
export async function buildMap(options: MapOptions): Promise<RepoMap> {
  const session = new MapSession(options);
  try {
    return await session.build();
  } finally {
    session.dispose();
  }
}
