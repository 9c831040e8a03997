// Which configuration files a Spring Boot application starts with, and in which order their values
// win: `.properties` beside `.yaml`/`.yml`, profile files, and multi-document YAML whose documents
// apply only under one profile. A broken file contributes nothing (the list stays unread).
import * as assert from 'node:assert/strict';
import { configDocs, parseProperties } from '../../../src/core/entry/springConfigFiles';
import { resolveConfigLists } from '../../../src/core/entry/springConfigLists';
import type { DataFileStamp } from '../../../src/core/entry/types';

const RES = 'app/src/main/resources/';
const rule = { patterns: ['<config>IgnoreUrls.urls'] };
const classes = [{ type: 'IgnoreUrls', prefix: 'secure.ignored' }];

async function listFrom(files: Record<string, string>): Promise<{ patterns: string[]; stamped: string[] }> {
  const stamps: DataFileStamp[] = [];
  const read = (rel: string): Promise<string | undefined> => Promise.resolve(Object.hasOwn(files, rel) ? files[rel] : undefined);
  const [out] = await resolveConfigLists([rule], classes, ['app/src/main/java/a/App.java'], read, stamps, '<unread>');
  return { patterns: out!.patterns, stamped: stamps.map((s) => s.path) };
}

describe('Spring configuration files', () => {
  it('parses .properties: separators, comments, continuations, escapes and indexed lists', () => {
    const doc = parseProperties(
      [
        '# comment',
        '! also a comment',
        'a.b = x',
        'a.c:y',
        'a.d z',
        'long = one, \\',
        '       two',
        'esc\\=key = v\\u0041',
        'secure.ignored.urls[1]=/b',
        'secure.ignored.urls[0]=/a',
      ].join('\n'),
    );
    assert.equal(doc['a.b'], 'x');
    assert.equal(doc['a.c'], 'y');
    assert.equal(doc['a.d'], 'z');
    assert.equal(doc['long'], 'one, two');
    assert.equal(doc['esc=key'], 'vA');
    assert.deepEqual(doc['secure.ignored.urls'], ['/a', '/b']);
  });

  it('keeps a key named like an Object.prototype member as plain data', () => {
    const doc = parseProperties('__proto__=x\nconstructor=y');
    assert.equal(Object.getPrototypeOf(doc), null);
    assert.equal(doc['constructor'], 'y');
  });

  it('splits a multi-document YAML file and notes each document\'s profile', () => {
    const docs = configDocs('application.yml', 'a: 1\n---\nspring:\n  config:\n    activate:\n      on-profile: prod\na: 2\n');
    assert.equal(docs.length, 2);
    assert.equal(docs[0]!.onProfiles, undefined);
    assert.deepEqual(docs[1]!.onProfiles, ['prod']);
  });

  it('gives nothing for a broken YAML file rather than part of it', () => {
    assert.deepEqual(configDocs('application.yml', 'a: [1, 2\nb: : :'), []);
  });

  it('reads the list from application.properties when there is no YAML file, and stamps every file looked at', async () => {
    const { patterns, stamped } = await listFrom({ [`${RES}application.properties`]: 'secure.ignored.urls=/login,/register' });
    assert.deepEqual(patterns, ['/login', '/register']);
    for (const f of ['application.yaml', 'application.yml', 'application.properties']) assert.ok(stamped.includes(`${RES}${f}`), f);
  });

  it('lets .properties win over .yml in the same folder, and reads .yaml too', async () => {
    assert.deepEqual(
      (await listFrom({ [`${RES}application.yml`]: 'secure:\n  ignored:\n    urls: [/yml]', [`${RES}application.properties`]: 'secure.ignored.urls[0]=/props' })).patterns,
      ['/props'],
    );
    assert.deepEqual((await listFrom({ [`${RES}application.yaml`]: 'secure.ignored.urls:\n  - /yaml' })).patterns, ['/yaml']);
  });

  it('applies the active profile\'s document of a multi-document file and its own profile file', async () => {
    const multi = 'spring.profiles.active: prod\nsecure.ignored.urls: [/base]\n---\nspring.config.activate.on-profile: dev\nsecure.ignored.urls: [/dev]\n---\nspring.config.activate.on-profile: prod\nsecure.ignored.urls: [/prod]\n';
    assert.deepEqual((await listFrom({ [`${RES}application.yml`]: multi })).patterns, ['/prod']);
    const withFile = { [`${RES}application.yml`]: multi, [`${RES}application-prod.properties`]: 'secure.ignored.urls=/prod-file' };
    assert.deepEqual((await listFrom(withFile)).patterns, ['/prod-file']);
  });

  it('leaves the list unread when the only file setting it cannot be parsed', async () => {
    assert.deepEqual((await listFrom({ [`${RES}application.yml`]: 'secure: [unclosed\n' })).patterns, ['<unread>']);
  });
});
