// Nuxt's aliases, which `nuxt prepare` writes into `.nuxt/tsconfig*.json` and a checkout does not
// hold: `~~` / `@@` the project's root, `~` / `@` its source folder (Nuxt 4: `app/` when there is
// one, else the root), `#shared` its `shared/` and `#server` its `server/`. A project's
// tsconfig.json extends the generated one (`"extends": "./.nuxt/tsconfig.json"`, a server/
// folder's `../.nuxt/tsconfig.server.json`), and its server code imports through them
// (`import { x } from '~~/server/services/x'`). Nuxt's bundler (vite, nitro) applies them
// whatever `paths` the project's own tsconfig adds, so they are kept beside those, not replaced.
import type { RepoFs } from './repoFs';
import { dirOf, joinRel } from './repoFs';

const GENERATED = /(^|\/)\.nuxt\/tsconfig(\.(server|app|shared|node))?\.json$/;

/** The generated tsconfig's alias paths (pattern → targets), or undefined when `rel` is no such file. */
export function nuxtGeneratedPaths(rel: string, fs: RepoFs): [string, string[]][] | undefined {
  if (!GENERATED.test(rel)) return undefined;
  const root = dirOf(dirOf(rel));
  const app = joinRel(root, 'app');
  const src = fs.isDir(app) ? app : root;
  const out: [string, string[]][] = [];
  const alias = (name: string, dir: string): void => {
    out.push([name, [dir]], [`${name}/*`, [joinRel(dir, '*')]]);
  };
  alias('~~', root);
  alias('@@', root);
  alias('~', src);
  alias('@', src);
  alias('#shared', joinRel(root, 'shared'));
  alias('#server', joinRel(root, 'server'));
  return out;
}
