// The corpora of `npm run bench`, fetched at pinned versions from the npm registry (reachable
// from CI) into bench/.corpus/ (git-ignored): no third-party code is committed.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const corpusDir = path.join(root, 'bench', '.corpus');
/** The 1,000,000-line corpus: the sources of six big packages side by side. */
export const millionDir = path.join(corpusDir, 'src');

// Big packages that publish their real sources (not only bundles): a mix of CommonJS, ESM and
// TypeScript, with the import styles real code has. Pinned so figures can be compared.
export const PACKAGES = ['three@0.187.0', 'webpack@5.112.2', 'typeorm@1.1.1', 'eslint@10.15.0', 'rxjs@7.8.2', 'lodash@4.17.21'];

/** A real service of more than 100k lines: Ghost's server as published (plain JS under core/). */
export const SERVICE = 'ghost@6.65.0';

function unpack(spec, dest) {
  if (fs.existsSync(path.join(dest, 'package.json'))) return;
  fs.mkdirSync(path.join(corpusDir, 'tgz'), { recursive: true });
  console.error(`fetching ${spec} …`);
  const tgz = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', path.join(corpusDir, 'tgz')], { encoding: 'utf8' }).trim().split('\n').pop();
  fs.mkdirSync(dest, { recursive: true });
  execFileSync('tar', ['xzf', path.join(corpusDir, 'tgz', tgz), '-C', dest, '--strip-components=1', '--no-same-owner']);
}

export function fetchMillion() {
  for (const spec of PACKAGES) unpack(spec, path.join(millionDir, spec.slice(0, spec.lastIndexOf('@')).replace('/', '__')));
  return millionDir;
}

/** The service's folder; the route eval's copy (test/eval/.services/ghost) is reused when it is there. */
/** A Go service (the evaluation's copy: fetched from git by scripts/eval/fetchServices.mjs, which needs the `fetch` tool's mirror). */
export const GO_SERVICE = { name: 'vikunja', commit: 'ef2200e9429c5cc42f5c1811433418bfcc72b3aa' };

export function fetchGoService() {
  const evalCopy = path.join(process.env.DEEPDIVE_EVAL_SERVICES ? path.resolve(process.env.DEEPDIVE_EVAL_SERVICES) : path.join(root, 'test', 'eval', '.services'), GO_SERVICE.name);
  const stamp = path.join(evalCopy, '.deepdive-eval-pin.json');
  if (!fs.existsSync(stamp) || !fs.readFileSync(stamp, 'utf8').includes(GO_SERVICE.commit)) {
    throw new Error(`the go corpus is the evaluation's ${GO_SERVICE.name} at ${GO_SERVICE.commit.slice(0, 8)}: fetch it first (DEEPDIVE_EVAL_SERVICES=DIR node scripts/eval/fetchServices.mjs ${GO_SERVICE.name})`);
  }
  return evalCopy;
}

export function fetchService() {
  const evalCopy = path.join(process.env.DEEPDIVE_EVAL_SERVICES ? path.resolve(process.env.DEEPDIVE_EVAL_SERVICES) : path.join(root, 'test', 'eval', '.services'), 'ghost');
  const stamp = path.join(evalCopy, '.deepdive-eval-pin.json');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').includes(`"${SERVICE}"`)) return evalCopy;
  const dest = path.join(corpusDir, 'services', SERVICE.replace('@', '-'));
  unpack(SERVICE, dest);
  return dest;
}
