// A real open-source service for UI tests, not the bundled sample: fetched at its pinned version
// from the npm registry (reachable from CI) by the route evaluation's fetcher, cached in the
// git-ignored test/eval/.services/, and copied into a fresh git repository in a temp folder (a
// deep dive reads its history). No third-party code is committed. A failed fetch throws: the
// suite fails with the reason, it never skips.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fetchService, loadServices } from '../../scripts/eval/fetchServices.mjs';

function git(cwd, args, env = {}) {
  // Hooks off and no global or system configuration: the copy is untrusted third-party code.
  const r = spawnSync('git', ['-c', 'core.hooksPath=/dev/null', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', ...env },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed in ${cwd}: ${r.stderr}`);
  return r.stdout;
}

/**
 * Fetches the pinned service `name` (test/eval/services/<name>.json) unless cached, and returns a
 * git repository holding a copy of it at `<parent>/<name>`, one commit.
 */
export function realServiceRepo(name, parent = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-ui-service-'))) {
  const [svc] = loadServices([name]);
  const pin = svc.sources.map((s) => s.npm ?? s.debian ?? s.git).join(', ');
  if (svc.sources.some((s) => !s.npm)) throw new Error(`${name}: UI tests take services from the npm registry only (CI reaches nothing else); its sources are ${pin}`);
  let fetched;
  try {
    fetched = fetchService(svc);
  } catch (err) {
    throw new Error(`could not fetch ${pin} from the npm registry for the UI test: ${err.message}`);
  }
  if (!fetched.dir) throw new Error(`could not fetch ${pin}: ${fetched.skipped}`);
  const dir = path.join(parent, name);
  fs.cpSync(path.join(fetched.dir, svc.root ?? ''), dir, { recursive: true, filter: (src) => path.basename(src) !== '.deepdive-eval-pin.json' });
  const who = { GIT_AUTHOR_NAME: 'Upstream', GIT_AUTHOR_EMAIL: 'upstream@example.org', GIT_COMMITTER_NAME: 'Upstream', GIT_COMMITTER_EMAIL: 'upstream@example.org', GIT_AUTHOR_DATE: '2025-06-02T10:00:00Z', GIT_COMMITTER_DATE: '2025-06-02T10:00:00Z' };
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', `${pin} as published on the npm registry`], who);
  return { dir, parent, pin };
}
