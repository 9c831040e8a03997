import * as assert from 'node:assert/strict';
import { parseRemote, remoteUrls, webLink } from '../../../src/core/report/remote';
import { safeHref } from '../../../src/core/report/escape';

describe('report: remote web links', () => {
  it('reads remote URLs from git config text, origin first', () => {
    const text = '[core]\n\tbare = false\n[remote "upstream"]\n\turl = https://github.com/up/r.git\n[remote "origin"]\n\turl = git@github.com:acme/svc.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n';
    assert.deepEqual(remoteUrls(text), ['git@github.com:acme/svc.git', 'https://github.com/up/r.git']);
  });

  it('understands github, gitlab and bitbucket over https and ssh, drops credentials', () => {
    assert.deepEqual(parseRemote('https://user:secret@github.com/acme/svc.git'), { host: 'github', web: 'https://github.com/acme/svc' });
    assert.deepEqual(parseRemote('ssh://git@github.com/acme/svc.git'), { host: 'github', web: 'https://github.com/acme/svc' });
    assert.deepEqual(parseRemote('git@gitlab.com:group/sub/svc.git'), { host: 'gitlab', web: 'https://gitlab.com/group/sub/svc' });
    assert.deepEqual(parseRemote('https://bitbucket.org/team/svc'), { host: 'bitbucket', web: 'https://bitbucket.org/team/svc' });
    assert.equal(parseRemote('https://example.com/acme/svc.git'), undefined);
    assert.equal(parseRemote('/srv/git/svc.git'), undefined);
    assert.equal(parseRemote('https://github.com/acme/"><script>'), undefined);
  });

  it('builds each host\'s line links at a commit, and none without a commit', () => {
    const c = 'abcdef1234567';
    assert.equal(webLink({ host: 'github', web: 'https://github.com/a/b' }, c, 'src/x (1).ts', 3, 5), 'https://github.com/a/b/blob/abcdef1234567/src/x%20%281%29.ts#L3-L5');
    assert.equal(webLink({ host: 'gitlab', web: 'https://gitlab.com/a/b' }, c, 'x.ts', 3, 3), 'https://gitlab.com/a/b/-/blob/abcdef1234567/x.ts#L3');
    assert.equal(webLink({ host: 'bitbucket', web: 'https://bitbucket.org/a/b' }, c, 'x.ts', 3, 4), 'https://bitbucket.org/a/b/src/abcdef1234567/x.ts#lines-3:4');
    assert.equal(webLink({ host: 'github', web: 'https://github.com/a/b' }, undefined, 'x.ts', 1, 1), undefined);
    assert.equal(webLink({ host: 'github', web: 'https://github.com/a/b' }, 'HEAD; rm', 'x.ts', 1, 1), undefined);
  });

  it('only vetted https addresses become links', () => {
    assert.equal(safeHref('javascript:alert(1)'), undefined);
    assert.equal(safeHref('https://github.com/a/b" onclick="x'), undefined);
    assert.equal(safeHref('https://github.com/a/b'), 'https://github.com/a/b');
  });
});
