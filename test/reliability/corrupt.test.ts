// Corrupted and fuzzed deep-dive files: each is refused by a reading command and by a writing one
// with one line that names the file, the place and the reason (exit 1, never a crash), and the
// file is left byte for byte as it was.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { cli, diveRepo } from './helpers';

async function run(args: string[]): Promise<{ code: number; err: string }> {
  const err: string[] = [];
  const code = await main(args, { out: () => undefined, err: (s) => err.push(s) });
  return { code, err: err.join('\n') };
}

/** A valid dive file text with a note and a read, as the CLI writes it. */
function validText(root: string): string {
  return fs.readFileSync(path.join(root, '.deepdive', 'd.json'), 'utf8');
}

function cases(valid: string): [string, Buffer][] {
  const dive = JSON.parse(valid);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a hand-broken file has any shape
  const withDive = (edit: (d: Record<string, any>) => void): Buffer => {
    const d = structuredClone(dive);
    edit(d);
    return Buffer.from(JSON.stringify(d, null, 2) + '\n');
  };
  const text = (s: string) => Buffer.from(s);
  const bodyAt = valid.indexOf('"body": "') + '"body": "'.length;
  const withBytes = (bytes: number[]) => Buffer.concat([Buffer.from(valid.slice(0, bodyAt)), Buffer.from(bytes), Buffer.from(valid.slice(bodyAt))]);
  const out: [string, Buffer][] = [
    ['empty file', text('')],
    ['only whitespace', text('  \n\n ')],
    ['a byte-order mark and nothing else', text('\ufeff')],
    ['a JSON array', text('[]')],
    ['a JSON number', text('42')],
    ['a JSON string', text('"deep dive"')],
    ['null', text('null')],
    ['trailing comma', text(valid.replace(/\n}\n$/, ',\n}\n'))],
    ['a comment', text('// mine\n' + valid)],
    ['single quotes', text(valid.replace('"schema"', "'schema'"))],
    ['NaN', text(valid.replace(/"seconds": [\d.]+/, '"seconds": NaN'))],
    ['an unescaped tab in a string', text(valid.replace('"title": "Reliability"', '"title": "Reli\tability"'))],
    ['a bad escape', text(valid.replace('"title": "Reliability"', '"title": "Reli\\qability"'))],
    ['a duplicate key', text(valid.replace('"title": "Reliability",', '"title": "Reliability",\n  "title": "Other",'))],
    ['garbage after the document', text(valid + '}')],
    ['a git conflict marker', text(valid.replace('  "notes": [', '<<<<<<< HEAD\n  "notes": ['))],
    ['invalid UTF-8: a lone 0xff in a note body', withBytes([0xff])],
    ['invalid UTF-8: a cut 3-byte sequence', withBytes([0xe2, 0x82])],
    ['invalid UTF-8: an overlong slash', withBytes([0xc0, 0xaf])],
    ['invalid UTF-8: an encoded surrogate', withBytes([0xed, 0xa0, 0x80])],
    ['invalid UTF-8: a code point above U+10FFFF', withBytes([0xf4, 0x90, 0x80, 0x80])],
    ['invalid UTF-8: Latin-1 é', withBytes([0x63, 0x61, 0x66, 0xe9])],
    ['5,000-deep arrays', text(valid.replace('"flows": []', `"flows": ${'['.repeat(5000)}${']'.repeat(5000)}`))],
    ['5,000-deep objects', text(valid.replace('"flows": []', `"flows": ${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`))],
    ['100,000 unclosed brackets', text('['.repeat(100_000))],
    ['schema from the future', withDive((d) => (d.schema = 'deepdive/99'))],
    ['no schema', withDive((d) => delete d.schema)],
    ['schema is a number', withDive((d) => (d.schema = 1))],
    ['id does not match the file name', withDive((d) => (d.id = 'other'))],
    ['id is an object', withDive((d) => (d.id = { a: 1 }))],
    ['title is a number', withDive((d) => (d.title = 7))],
    ['no title', withDive((d) => delete d.title)],
    ['scope is a string', withDive((d) => (d.scope = 'src/**'))],
    ['scope.include holds a number', withDive((d) => (d.scope.include = [1]))],
    ['notes is an object', withDive((d) => (d.notes = {}))],
    ['notes holds null', withDive((d) => (d.notes = [null]))],
    ['a note kind that does not exist', withDive((d) => (d.notes[0].kind = 'rumour'))],
    ['a note kind that is a number', withDive((d) => (d.notes[0].kind = 5))],
    ['a note without a body', withDive((d) => delete d.notes[0].body)],
    ['a note body that is an array', withDive((d) => (d.notes[0].body = ['a']))],
    ['a note target of an unknown type', withDive((d) => (d.notes[0].target = { type: 'planet' }))],
    ['an anchor range that is a string', withDive((d) => (d.notes[0].target.anchor.range = '1-2'))],
    ['an anchor start of 0', withDive((d) => (d.notes[0].target.anchor.range.start = 0))],
    ['two notes with one id', withDive((d) => d.notes.push({ ...d.notes[0] }))],
    ['reading is an array', withDive((d) => (d.reading = []))],
    ['a reading entry that is null', withDive((d) => (d.reading['src/a.js'] = null))],
    ['reading ranges that are not pairs', withDive((d) => (d.reading['src/a.js'].ranges = [[1, 2, 3]]))],
    ['reading seconds that are negative', withDive((d) => (d.reading['src/a.js'].seconds = -5))],
    ['questions is a string', withDive((d) => (d.questions = 'why?'))],
    ['flows holds a number', withDive((d) => (d.flows = [3]))],
    ['a flow status that does not exist', withDive((d) => (d.flows = [{ id: 'f', title: 'F', status: 'dreaming', steps: [] }]))],
    ['a due date that is a number', withDive((d) => (d.due = 20260201))],
    ['created is a number', withDive((d) => (d.created = 0))],
  ];
  // Fuzz: cut the valid file at 12 places spread over it.
  for (let k = 1; k <= 12; k++) {
    const at = Math.floor((valid.length * k) / 13);
    out.push([`cut at byte ${at}`, text(valid.slice(0, at))]);
  }
  return out;
}

describe('reliability: corrupted deep-dive files are refused with their place, never rewritten', function () {
  this.timeout(600_000);
  let root: string;
  let valid: string;
  before(async () => {
    root = diveRepo();
    assert.equal((await run(['note', 'add', '--root', root, 'src/a.js:3', '--kind', 'risk', '--body', 'kept as it is'])).code, 0);
    assert.equal((await run(['read', '--root', root, 'src/a.js:1-9'])).code, 0);
    valid = validText(root);
  });

  it('at least 50 broken files: one line with file, place and reason; exit 1; bytes unchanged', async () => {
    const all = cases(valid);
    assert.ok(all.length >= 50, `${all.length} cases`);
    const file = path.join(root, '.deepdive', 'd.json');
    const line = /^deepdive (status|note|read): \.deepdive\/d\.json(:\d+:\d+)?( at \$\S*)?: [^\n]+$/;
    for (const [name, bytes] of all) {
      fs.writeFileSync(file, bytes);
      for (const args of [['status'], ['note', 'add', 'src/a.js:1', '--kind', 'gap', '--body', 'new'], ['read', 'src/a.js:5-6']]) {
        const r = await run([...args, '--root', root, '--dive', 'd']);
        assert.equal(r.code, 1, `${name}, ${args[0]}: exit ${r.code}: ${r.err}`);
        assert.match(r.err, line, `${name}, ${args[0]}`);
        assert.ok(fs.readFileSync(file).equals(bytes), `${name}: ${args[0]} changed the file`);
      }
      // A place, not just a file name, wherever there is one to give.
      if (bytes.length > 0 && !/too large/.test(name)) assert.match((await run(['status', '--root', root, '--dive', 'd'])).err, /d\.json:\d+:\d+/, name);
    }
  });

  it('the real CLI in its own process: no stack overflow on deep nesting, no U+FFFD written back', () => {
    const file = path.join(root, '.deepdive', 'd.json');
    for (const [name, bytes] of cases(valid).filter(([n]) => /5,000-deep|invalid UTF-8: a lone/.test(n))) {
      fs.writeFileSync(file, bytes);
      const r = cli(root, ['note', 'add', 'src/a.js:1', '--kind', 'gap', '--body', 'new']);
      assert.equal(r.code, 1, `${name}: ${r.err}`);
      assert.equal(r.err.trim().split('\n').length, 1, r.err);
      assert.ok(fs.readFileSync(file).equals(bytes), name);
    }
  });

  it('a file over the size limit is refused unread', async () => {
    const file = path.join(root, '.deepdive', 'd.json');
    fs.writeFileSync(file, valid);
    const r = cli(root, ['status'], { DEEPDIVE_MAX_DIVE_BYTES: '100' });
    assert.equal(r.code, 1);
    assert.match(r.err, /^deepdive status: \.deepdive\/d\.json: is \d+ bytes, over the 100-byte limit of a deep-dive file/);
    assert.equal(fs.readFileSync(file, 'utf8'), valid);
  });
});
