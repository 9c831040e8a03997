// One identity of the code that computed a cached answer, shared by every bundle of one build.
// Each cache used to key by its own bundle's file (size and time), or by version numbers alone:
// the CLI and the extension then disagreed about one cache, and a rebuilt bundle whose numbers
// were not bumped read facts an older build had written (a real eval misread that way).
import * as fs from 'node:fs';

/** Set by scripts/build.mjs to a hash of the sources and queries every bundle is built from. */
declare const __DEEPDIVE_BUILD_ID__: string | undefined;

let stamp: string | undefined;

/**
 * The build's identity: the bundler's source hash, the same in the CLI, the extension and the
 * workers; outside a bundle (tests compiled by tsc) this file's own size and time.
 */
export function buildStamp(): string {
  if (stamp !== undefined) return stamp;
  if (typeof __DEEPDIVE_BUILD_ID__ === 'string') return (stamp = __DEEPDIVE_BUILD_ID__);
  try {
    const st = fs.statSync(__filename);
    stamp = `${st.size}:${Math.round(st.mtimeMs)}`;
  } catch {
    stamp = 'unknown';
  }
  return stamp;
}
