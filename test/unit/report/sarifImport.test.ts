// A scanner's SARIF imported as leads. The real one: ESLint 9.39.5 with eslint-plugin-security
// 4.1.0, written by @microsoft/eslint-formatter-sarif 3.1.0 over this repository's test/fixtures
// in another checkout (test/sarif/README.md): every finding anchored to its lines, nothing added
// twice. The SARIF features other scanners use (CodeQL, Semgrep) are checked on small logs below.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { newDive } from '../../../src/core/dive/ops';
import { insertDive, loadDive } from '../../../src/core/dive/store';
import type { Note } from '../../../src/core/model/types';
import { readSarif, type FileLookup } from '../../../src/core/report/sarif/readFindings';
import { tempRoot } from '../dive/helpers';

const REPO = path.resolve(__dirname, '../../../..');
const ESLINT_SARIF = path.join(REPO, 'test/sarif/eslint-fixtures.sarif');

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function lookup(files: Record<string, string>, rootPath = '/home/me/repo'): FileLookup {
  return { exists: (p) => p in files, files: () => Object.keys(files), rootPath, text: (p) => files[p] };
}

describe('deepdive import FILE.sarif: a real ESLint run as leads', function () {
  this.timeout(120_000);
  let root: string;
  const leads = (): Note[] => loadDive(root, 'scan').dive.notes.filter((n) => n.lead);
  before(() => {
    root = tempRoot('deepdive-import-');
    fs.cpSync(path.join(REPO, 'test/fixtures'), path.join(root, 'test/fixtures'), { recursive: true });
    insertDive(root, newDive({ title: 'Scan', id: 'scan' }));
  });

  it('anchors every finding to its lines (the SARIF names files of another checkout)', async () => {
    const r = await run(['import', '--root', root, '--json', ESLINT_SARIF]);
    assert.equal(r.code, 0, r.err);
    const res = JSON.parse(r.out) as { findings: number; added: string[]; anchored: number; anchoredShare: number; unanchored: unknown[] };
    const log = JSON.parse(fs.readFileSync(ESLINT_SARIF, 'utf8')) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; endLine?: number } } }[] }[] }[] };
    const results = log.runs[0].results;
    assert.equal(res.findings, results.length);
    assert.ok(results.length >= 100, `${results.length} results`);
    assert.deepEqual(res.unanchored, []);
    assert.equal(res.anchoredShare, 1);
    const notes = leads();
    assert.equal(notes.length, results.length);
    // Each lead sits on the lines the scanner named, with their text.
    for (const [i, result] of results.entries()) {
      const loc = result.locations[0].physicalLocation;
      const rel = decodeURIComponent(loc.artifactLocation.uri.replace(/^file:\/\/\/tmp\/scan\/repo\//, ''));
      const n = notes.find((x) => x.id === res.added[i])!;
      assert.equal(n.target.type, 'code');
      const anchor = (n.target as Extract<Note['target'], { type: 'code' }>).anchor;
      assert.equal(anchor.path, rel);
      assert.equal(anchor.range.start, loc.region.startLine);
      assert.equal(anchor.text, fs.readFileSync(path.join(root, rel), 'utf8').split('\n').slice(loc.region.startLine - 1, loc.region.endLine ?? loc.region.startLine).join('\n'));
      assert.equal(n.lead!.rule, result.ruleId);
      assert.equal(n.lead!.tool, 'ESLint');
      assert.equal(n.lead!.state, 'open');
    }
    const fs1 = notes.find((n) => n.lead!.rule === 'security/detect-non-literal-fs-filename')!;
    assert.equal(fs1.kind, 'risk');
    assert.equal(fs1.severity, 'medium');
    assert.match(fs1.body, /^Found .+\n\nESLint rule `security\/detect-non-literal-fs-filename` \(https:\/\/github\.com\//);
  });

  it('adds nothing when the same file is imported again, and keeps what the leader decided', async () => {
    const first = leads();
    assert.equal((await run(['note', 'dismiss', '--root', root, first[0].id])).code, 0);
    assert.equal((await run(['note', 'confirm', '--root', root, first[1].id])).code, 0);
    const r = await run(['import', '--root', root, ESLINT_SARIF]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, new RegExp(`^imported 0 leads from ESLint into deep dive scan; ${first.length} of ${first.length} findings anchored \\(100%\\), ${first.length} of them imported before`));
    const again = leads();
    assert.equal(again.length, first.length);
    assert.equal(again[0].lead!.state, 'dismissed');
    assert.equal(again[0].status, 'resolved');
    assert.equal(again[1].lead!.state, 'confirmed');
  });

  it('refuses what is not SARIF, in one line naming the file', async () => {
    const bad = path.join(root, 'bad.sarif');
    fs.writeFileSync(bad, '{"version":"2.1.0"}');
    const r = await run(['import', '--root', root, bad]);
    assert.equal(r.code, 1);
    assert.match(r.err, /bad\.sarif: not a SARIF log \(no "runs"\)$/);
  });
});

describe('SARIF results as other scanners write them', () => {
  const files = { 'src/app.js': 'const a = 1;\nconst b = eval(input);\nmodule.exports = b;\n', 'lib/x/util.py': 'import os\nos.system(cmd)\n', 'a/util.py': 'x = 1\n', 'lib/a/util.py': 'y = 2\n' };

  it('resolves %SRCROOT%-relative URIs, artifact indexes and file URIs of another machine', () => {
    const log = {
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'CodeQL', rules: [{ id: 'js/code-injection', properties: { 'security-severity': '9.3' }, messageStrings: {} }] } },
          originalUriBaseIds: { '%SRCROOT%': { uri: 'file:///home/runner/work/app/app/' } },
          artifacts: [{ location: { uri: 'src/app.js', uriBaseId: '%SRCROOT%' } }],
          results: [
            { ruleId: 'js/code-injection', ruleIndex: 0, message: { text: 'This code depends on a [user-provided value](1).' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'src/app.js', uriBaseId: '%SRCROOT%' }, region: { startLine: 2, startColumn: 11, endColumn: 22 } } }], partialFingerprints: { primaryLocationLineHash: 'abc:1' } },
            { ruleId: 'js/code-injection', message: { text: 'again' }, locations: [{ physicalLocation: { artifactLocation: { index: 0 }, region: { startLine: 2 } } }] },
            { ruleId: 'py/shell', message: { text: 'shell' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'file:///builds/acme/app/lib/x/util.py' }, region: { startLine: 2 } } }] },
            { ruleId: 'py/ambiguous', message: { text: 'which one?' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'file:///elsewhere/a/util.py' }, region: { startLine: 1 } } }] },
            // A bare file name of another machine is not enough to pick a file here.
            { ruleId: 'py/bare', message: { text: 'which util?' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'file:///home/ci/other/util.py' }, region: { startLine: 1 } } }] },
          ],
        },
      ],
    };
    const r = readSarif(JSON.stringify(log), 'codeql.sarif', lookup(files));
    assert.deepEqual(r.findings.map((f) => [f.path, f.range?.start, f.problem]), [
      ['src/app.js', 2, undefined],
      ['src/app.js', 2, undefined],
      ['lib/x/util.py', 2, undefined],
      [undefined, 1, 'names 2 files here (a/util.py, lib/a/util.py …)'],
      [undefined, 1, 'no such file in the repository'],
    ]);
    assert.equal(r.findings[0].severity, 'critical');
    assert.equal(r.findings[0].message, 'This code depends on a user-provided value.');
    assert.notEqual(r.findings[0].key, r.findings[1].key);
  });

  it('fills in the rule\'s message strings, skips passes and accepted suppressions, and maps levels', () => {
    const log = {
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'Semgrep OSS', rules: [{ id: 'eval', defaultConfiguration: { level: 'error' }, messageStrings: { default: { text: 'Avoid eval of {0} at {1}.' } } }] } },
          results: [
            { ruleId: 'eval', message: { id: 'default', arguments: ['input', 'b'] }, locations: [{ physicalLocation: { artifactLocation: { uri: 'src/app.js' }, region: { startLine: 2 } } }] },
            { ruleId: 'eval', kind: 'pass', message: { text: 'ok' }, locations: [] },
            { ruleId: 'eval', message: { text: 'waived' }, suppressions: [{ kind: 'inSource' }], locations: [{ physicalLocation: { artifactLocation: { uri: 'src/app.js' }, region: { startLine: 2 } } }] },
            { ruleId: 'eval', level: 'note', message: { text: 'spans' }, locations: [{ physicalLocation: { artifactLocation: { uri: './src/app.js' }, region: { startLine: 1, endLine: 3, endColumn: 1 } } }] },
          ],
        },
      ],
    };
    const r = readSarif(JSON.stringify(log), 'semgrep.sarif', lookup(files));
    assert.equal(r.notFindings, 2);
    assert.equal(r.findings.length, 2);
    assert.equal(r.findings[0].message, 'Avoid eval of input at b.');
    assert.equal(r.findings[0].severity, 'high');
    assert.equal(r.findings[0].tool, 'Semgrep OSS');
    assert.equal(r.findings[1].severity, 'low');
    assert.deepEqual(r.findings[1].range, { start: 1, end: 2 });
  });

  it('keys follow the code: a rescan after the code moved gives the same key', () => {
    const at = (line: number) => JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'S' } }, results: [{ ruleId: 'r', message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'src/app.js' }, region: { startLine: line } } }] }] }] });
    const before = readSarif(at(2), 's', lookup(files)).findings[0].key;
    const moved = { ...files, 'src/app.js': '// header\n' + files['src/app.js'] };
    assert.equal(readSarif(at(3), 's', lookup(moved)).findings[0].key, before);
    assert.notEqual(readSarif(at(1), 's', lookup(files)).findings[0].key, before);
  });
});
