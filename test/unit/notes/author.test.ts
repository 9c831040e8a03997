import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { noteAuthor } from '../../../src/core/notes/author';

// Notes were authored "Deep Dive" (issue 16, point 11): the reader's git name, else the login name.
describe('note author', () => {
  let home: string;
  let repo: string;
  const saved = { HOME: process.env.HOME, XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME };

  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-author-home-'));
    repo = path.join(home, 'repo');
    fs.mkdirSync(repo);
    // git reads the global config from $HOME/.gitconfig and $XDG_CONFIG_HOME/git/config.
    process.env.HOME = home;
    process.env.XDG_CONFIG_HOME = path.join(home, '.config');
    execFileSync('git', ['init', '-q', repo], { env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
  });

  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    fs.rmSync(home, { recursive: true, force: true });
  });

  it("takes the user's global git name", async () => {
    fs.writeFileSync(path.join(home, '.gitconfig'), '[user]\n\tname = Ada Reader\n');
    assert.equal(await noteAuthor(repo, { trusted: true, osUser: () => 'ada' }), 'Ada Reader');
  });

  it("prefers the repository's own user.name, as git does", async () => {
    fs.writeFileSync(path.join(home, '.gitconfig'), '[user]\n\tname = Ada Reader\n');
    fs.appendFileSync(path.join(repo, '.git', 'config'), '[user]\n\tname = Ada at Work\n');
    assert.equal(await noteAuthor(repo, { trusted: true, osUser: () => 'ada' }), 'Ada at Work');
  });

  it('falls back to the login name without a git name, and in an untrusted workspace', async () => {
    assert.equal(await noteAuthor(repo, { trusted: true, osUser: () => 'ada' }), 'ada');
    fs.writeFileSync(path.join(home, '.gitconfig'), '[user]\n\tname = Ada Reader\n');
    assert.equal(await noteAuthor(repo, { trusted: false, osUser: () => 'ada' }), 'ada');
  });

  it('keeps a name to one clean line', async () => {
    fs.writeFileSync(path.join(home, '.gitconfig'), '[user]\n\tname = "Ada\\t\u202eReader"\n');
    const name = await noteAuthor(repo, { trusted: true, osUser: () => 'ada' });
    assert.ok(name && !/[\t\u202e]/.test(name), JSON.stringify(name));
    assert.match(name!, /^Ada/);
  });
});
