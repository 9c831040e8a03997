// The load and save paths take shortcuts for large dives (the engine's JSON.parse and
// JSON.stringify, a lazily decoded merge base); these tests hold them to what the slow paths
// guaranteed: the same refusals with their places, the same bytes, the same merges.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { serializeDive } from '../../../src/core/dive/canonical';
import { JsonSyntaxError, MAX_JSON_DEPTH, parseJsonLocated } from '../../../src/core/dive/jsonLocate';
import { loadDive, saveDive, insertDive } from '../../../src/core/dive/store';
import { validateDive } from '../../../src/core/dive/validate';
import { note, sampleDive, tempRoot } from './helpers';
import { plain } from '../plain';

function syntaxError(text: string): JsonSyntaxError {
  try {
    parseJsonLocated(text);
  } catch (err) {
    if (err instanceof JsonSyntaxError) return err;
    throw err;
  }
  assert.fail('parsed, but should have been refused');
}

describe('dive fast paths', () => {
  it('refuses a duplicate key deep inside a note, with its line', () => {
    const text = serializeDive(sampleDive({ notes: [note('n1', 'a'), note('n2', 'b')] })).replace('"body": "b",', '"body": "b",\n      "body": "c",');
    const err = syntaxError(text);
    assert.match(err.message, /duplicate key "body"/);
    assert.equal(err.position.line, text.split('\n').findIndex((l) => l.includes('"body": "c"')) + 1);
  });

  it('refuses nesting one level past the limit and takes the limit itself', () => {
    const deep = (n: number) => `{"x": ${'['.repeat(n - 1)}${']'.repeat(n - 1)}}`;
    assert.doesNotThrow(() => parseJsonLocated(deep(MAX_JSON_DEPTH)));
    assert.match(syntaxError(deep(MAX_JSON_DEPTH + 1)).message, /nested deeper than 256 levels/);
    // Brackets inside strings are text, not nesting.
    assert.doesNotThrow(() => parseJsonLocated(JSON.stringify({ s: '['.repeat(5000) })));
  });

  it('counts property names right around escaped quotes, backslashes and colons in strings', () => {
    const value = { 'a"': 'x": 1, "y": 2', 'b\\': '\\', c: ['"', ':', '\\"'], __proto__x: { d: '"\\\\":' } };
    assert.deepEqual(parseJsonLocated(JSON.stringify(value, null, 2)).value, value);
    const proto = parseJsonLocated('{"__proto__": {"polluted": true}, "constructor": 1}').value as Record<string, unknown>;
    assert.deepEqual(Object.keys(proto), ['__proto__', 'constructor']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(proto), Object.prototype);
  });

  it('refuses a duplicate key whatever colons the strings around it hold', () => {
    // The fast path counts names as the text's ':' less the parsed strings' ':'.
    assert.match(syntaxError('{"a": "x:y", "a": "z", "b": "::"}').message, /duplicate key "a"/);
    assert.match(syntaxError('{"a:b": 1, "a:b": 2}').message, /duplicate key "a:b"/);
    // An escaped ':' in a kept string balancing a dropped name: the escape sends it to our parser.
    assert.match(syntaxError('{"a": 1, "a": 2, "b": "\\u003a"}').message, /duplicate key "a"/);
    assert.match(syntaxError('{"a": 1, "a": 2, "b": "\\u003A"}').message, /duplicate key "a"/);
    assert.deepEqual(plain(parseJsonLocated('{"a": "\\u003a", "b:": [":", {"c": "d:e"}]}').value), { a: ':', 'b:': [':', { c: 'd:e' }] });
  });

  it('writes the same canonical bytes as ever: key order, ranges on one line, unknown keys sorted, index keys first', () => {
    const dive = {
      zeta: { b: 1, a: [2, 1] },
      reading: { 'src/b.ts': { seconds: 5, ranges: [[3, 4], [9, 12]], '10': 'x', '9': 'y' }, 'src/a.ts': { ranges: [], seconds: 0 } },
      notes: [{ target: { anchor: { text: 't', range: { end: 2, start: 1 }, path: 'p' }, type: 'code' }, id: 'n', skip: undefined }],
      id: 'd',
      schema: 'deepdive/1',
    };
    const expected = [
      '{',
      '  "schema": "deepdive/1",',
      '  "id": "d",',
      '  "notes": [',
      '    {',
      '      "id": "n",',
      '      "target": {',
      '        "type": "code",',
      '        "anchor": {',
      '          "path": "p",',
      '          "range": {',
      '            "start": 1,',
      '            "end": 2',
      '          },',
      '          "text": "t"',
      '        }',
      '      }',
      '    }',
      '  ],',
      '  "reading": {',
      '    "src/a.ts": {',
      '      "ranges": [],',
      '      "seconds": 0',
      '    },',
      '    "src/b.ts": {',
      '      "9": "y",',
      '      "10": "x",',
      '      "ranges": [',
      '        [3, 4],',
      '        [9, 12]',
      '      ],',
      '      "seconds": 5',
      '    }',
      '  },',
      '  "zeta": {',
      '    "a": [2, 1],',
      '    "b": 1',
      '  }',
      '}',
      '',
    ].join('\n');
    assert.equal(serializeDive(dive), expected);
  });

  it('serializes names like "constructor" and "__proto__" as data', () => {
    const dive = JSON.parse('{"schema":"deepdive/1","constructor":{"b":1,"a":2},"reading":{"__proto__":{"ranges":[[1,2]],"seconds":1},"constructor":{"seconds":2,"ranges":[]}}}');
    const text = serializeDive(dive);
    assert.deepEqual(JSON.parse(text), dive);
    assert.ok(text.indexOf('"__proto__"') < text.indexOf('"constructor": {\n      "ranges"'));
  });

  it('validates a note target type named "constructor" as unknown', () => {
    const bad = JSON.parse(JSON.stringify(sampleDive({ notes: [note('n1', 'a', { target: { type: 'constructor' } as never })] })));
    assert.deepEqual(validateDive(bad).map((i) => i.path), ['$.notes[0].target.type']);
  });

  it('merges with the base as loaded, decoded only when a merge needs it', () => {
    const root = tempRoot();
    insertDive(root, sampleDive());
    const a = loadDive(root, 'auth');
    const b = loadDive(root, 'auth');
    a.dive.notes.push(note('na', 'from a'));
    saveDive(a);
    b.dive.notes.push(note('nb', 'from b'));
    b.dive.questions = [];
    const { merged, loaded } = saveDive(b);
    assert.equal(merged, true);
    assert.deepEqual(loaded.dive.notes.map((n) => n.id), ['nb', 'na']);
    assert.deepEqual(loaded.dive.questions, []);
    assert.deepEqual(plain(loaded.base()), plain(loaded.dive));
    assert.equal(fs.readFileSync(path.join(root, '.deepdive', 'auth.json'), 'utf8'), serializeDive(loaded.dive));
  });
});
