// A stored answer names the data files it read with a stamp of each (entryCache.ts compares them on
// the next ask). A file too large to evaluate was stamped like a missing one, so an edit of it (a
// Connexion service's OpenAPI document of 330,000 characters) left the stored answer standing.
import * as assert from 'node:assert/strict';
import { MAX_DATA_CHARS, stampOf, unreadStamp } from '../../../src/core/entry/interp/dataFiles';

describe('data file stamps', () => {
  const big = (tail: string): string => 'x'.repeat(MAX_DATA_CHARS + 10) + tail;

  it('stamps a file too large to evaluate by its content, so that an edit of it shows', () => {
    assert.notEqual(stampOf('api/spec.yaml', big('a')).hash, stampOf('api/spec.yaml', big('b')).hash);
    assert.equal(stampOf('api/spec.yaml', big('a')).hash, stampOf('api/spec.yaml', big('a')).hash);
  });

  it('reads it still as unread for the interpreter, as it reads a missing file', () => {
    assert.equal(unreadStamp(stampOf('api/spec.yaml', big('a'))), true);
    assert.equal(unreadStamp(stampOf('routes.json', undefined)), true);
    assert.equal(stampOf('routes.json', undefined).hash, '-');
    assert.equal(unreadStamp(stampOf('routes.json', '{"a":1}')), false);
  });
});
