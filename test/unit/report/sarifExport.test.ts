// The notes as SARIF 2.1.0: valid against the OASIS schema (vendored in test/schemas), kinds as
// rules, severity as level, regions with columns on the code itself, fingerprints that survive a
// move of the code, the business impact in the properties; and the same from the CLI.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { main } from '../../../src/cli/main';
import { newDive } from '../../../src/core/dive/ops';
import { insertDive } from '../../../src/core/dive/store';
import { buildReport } from '../../../src/core/report/buildReport';
import { renderReport } from '../../../src/core/report/render';
import { FINGERPRINT_KEY } from '../../../src/core/report/sarif/export';
import type { SarifLog, SarifResult } from '../../../src/core/report/sarif/types';
import { anchorAt, makeSample, note, type Sample } from './fixture';

const NOW = new Date('2025-01-10T12:00:00Z');
const SCHEMA = path.resolve(__dirname, '../../../../test/schemas/sarif-schema-2.1.0.json');

let compiled: ((log: unknown) => string[]) | undefined;

export function sarifValidator(): (log: unknown) => string[] {
  if (compiled) return compiled;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA, 'utf8')));
  compiled = (log) => (validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
  return compiled;
}

describe('report: SARIF 2.1.0 export of the notes', function () {
  this.timeout(120_000);
  let s: Sample;
  let log: SarifLog;
  const readText = (rel: string) => fs.readFileSync(path.join(s.root, rel), 'utf8');
  const byNote = (l: SarifLog, id: string): SarifResult | undefined => l.runs[0].results!.find((r) => (r.properties!.deepDive as { note: string }).note === id);

  async function sarif(): Promise<SarifLog> {
    const r = await buildReport(s.root, s.dive, { trusted: true, noCache: true, now: NOW });
    return JSON.parse(await renderReport(r, 'sarif', { readText, toolVersion: '0.1.0' })) as SarifLog;
  }

  before(async () => {
    s = makeSample();
    s.dive.notes.push(
      note('n-fixed', 'gap', 'Logout kept the refresh token.', { type: 'code', anchor: anchorAt(s.root, 'src/routes/auth.ts', 30, 31) }, { severity: 'high', status: 'resolved' }),
      note('n-lead', 'risk', 'eval with expression', { type: 'code', anchor: anchorAt(s.root, 'src/lib/tokens.ts', 3, 3) }, { lead: { tool: 'ESLint', rule: 'no-eval', key: 'k1', state: 'open', imported: '2025-01-06T00:00:00.000Z' } }),
    );
    log = await sarif();
  });
  after(() => s.cleanup());

  it('is valid against the SARIF 2.1.0 schema (OASIS, errata 01)', () => {
    assert.deepEqual(sarifValidator()(log), []);
    assert.equal(log.version, '2.1.0');
  });

  it('the schema check fails on a broken log (the test can fail)', () => {
    const broken = JSON.parse(JSON.stringify(log)) as SarifLog;
    (broken.runs[0].results![0] as unknown as Record<string, unknown>).level = 'critical';
    delete (broken.runs[0].results![1] as Partial<SarifResult>).message;
    assert.equal(sarifValidator()(broken).length, 2);
  });

  // GitHub code scanning's own page on SARIF ("SARIF support for code scanning", and its limits:
  // 20 runs per file, 25,000 results and rules per run, 20 tags per rule, 1,000 locations per
  // result): what an upload needs beyond the schema. No upload is made from here (no network).
  it('meets what GitHub code scanning requires of an uploaded file, and stays under its limits', () => {
    const l = JSON.parse(JSON.stringify(log)) as SarifLog & { $schema?: string };
    assert.equal(l.version, '2.1.0');
    assert.ok(l.runs.length >= 1 && l.runs.length <= 20, `${l.runs.length} runs`);
    for (const run of l.runs) {
      assert.ok(run.tool.driver.name, 'the tool has a name');
      const rules = run.tool.driver.rules ?? [];
      assert.ok(rules.length <= 25_000 && (run.results ?? []).length <= 25_000);
      for (const rule of rules) {
        assert.ok(rule.id && rule.shortDescription?.text && rule.fullDescription?.text, `rule ${rule.id} has an id and both descriptions`);
        assert.ok(((rule.properties?.tags as string[] | undefined) ?? []).length <= 20, `rule ${rule.id}: at most 20 tags`);
      }
      const ids = new Set(rules.map((r) => r.id));
      for (const r of run.results ?? []) {
        assert.ok(r.ruleId && ids.has(r.ruleId), `result's rule ${r.ruleId} is declared`);
        assert.ok(r.message.text, 'a message text');
        const locs = r.locations ?? [];
        assert.ok(locs.length >= 1 && locs.length <= 1000, `${locs.length} locations`);
        const phys = locs[0].physicalLocation!;
        // A path relative to the repository root (or to %SRCROOT%): what code scanning matches to files.
        assert.match(phys.artifactLocation!.uri!, /^(?![a-z][a-z0-9+.-]*:)(?!\/)[^\\]+$/i, phys.artifactLocation!.uri);
        assert.ok(Number.isInteger(phys.region!.startLine) && phys.region!.startLine! >= 1, 'a 1-based start line');
        assert.ok(Object.keys(r.partialFingerprints ?? {}).length > 0, 'a fingerprint, so alerts are not duplicated across uploads');
      }
    }
  });

  it('has one rule per note kind, and each result points at its rule', () => {
    const rules = log.runs[0].tool.driver.rules!;
    assert.deepEqual(rules.map((r) => r.id), ['deep-dive/decision', 'deep-dive/gap', 'deep-dive/risk', 'deep-dive/question', 'deep-dive/insight']);
    for (const r of log.runs[0].results!) assert.equal(rules[r.ruleIndex!].id, r.ruleId);
  });

  it('maps severity to level; questions, decisions and insights are not problems (level none)', () => {
    const risk = byNote(log, 'n-risk')!;
    assert.equal(risk.kind, 'fail');
    assert.equal(risk.level, 'error');
    assert.equal(risk.rank, 95);
    assert.equal(risk.properties!.severity, 'critical');
    assert.equal(byNote(log, 'n-fixed')!.level, 'error');
    assert.equal(byNote(log, 'n-q')!.kind, 'review');
    assert.equal(byNote(log, 'n-q')!.level, 'none');
    assert.equal(byNote(log, 'n-kept')!.kind, 'informational');
    assert.equal(byNote(log, 'n-dec')!.kind, 'review');
  });

  it('gives the region of the code itself: lines, columns without indentation, the snippet', () => {
    const lines = readText('src/routes/auth.ts').split('\n');
    const loc = byNote(log, 'n-risk')!.locations[0].physicalLocation!;
    assert.deepEqual(loc.artifactLocation, { uri: 'src/routes/auth.ts', uriBaseId: 'SRCROOT' });
    assert.equal(loc.region!.startLine, 2);
    assert.equal(loc.region!.endLine, 3);
    assert.equal(loc.region!.startColumn, lines[1].length - lines[1].trimStart().length + 1);
    assert.equal(loc.region!.endColumn, lines[2].trimEnd().length + 1);
    assert.equal(loc.region!.snippet!.text, lines.slice(1, 3).join('\n'));
  });

  it('puts the business impact in the properties and the message', () => {
    const risk = byNote(log, 'n-risk')!;
    assert.equal(risk.properties!.businessImpact, 'Account takeover <b>possible</b>');
    assert.match(risk.message.text!, /Business impact: Account takeover/);
  });

  it('keeps resolved notes as suppressed, leaves out notes not on code and unconfirmed leads, and counts them', () => {
    assert.deepEqual(byNote(log, 'n-fixed')!.suppressions, [{ kind: 'external', status: 'accepted', justification: 'resolved in the deep dive' }]);
    assert.equal(byNote(log, 'n-lead'), undefined);
    assert.equal(byNote(log, 'n-gap'), undefined);
    assert.deepEqual(log.runs[0].properties!.omitted, { notOnCode: 4, orphaned: 0, unconfirmedLeads: 1 });
  });

  it('keeps each fingerprint when the code moves, and the region follows the code', async () => {
    const before = Object.fromEntries(log.runs[0].results!.map((r) => [(r.properties!.deepDive as { note: string }).note, r.partialFingerprints![FINGERPRINT_KEY]]));
    assert.equal(new Set(Object.values(before)).size, Object.keys(before).length, 'one fingerprint per note');
    const file = path.join(s.root, 'src/routes/auth.ts');
    fs.writeFileSync(file, '// a header\n// added later\n\n' + fs.readFileSync(file, 'utf8'));
    const moved = await sarif();
    const after = Object.fromEntries(moved.runs[0].results!.map((r) => [(r.properties!.deepDive as { note: string }).note, r.partialFingerprints![FINGERPRINT_KEY]]));
    assert.deepEqual(after, before);
    assert.equal(byNote(moved, 'n-risk')!.locations[0].physicalLocation!.region!.startLine, 5);
  });
});

describe('deepdive report --format sarif', function () {
  this.timeout(120_000);
  let s: Sample;
  before(() => {
    s = makeSample();
    const dive = newDive({ title: 'SARIF', include: ['src/**'], now: NOW });
    dive.notes.push(note('n1', 'risk', 'Tokens never expire.', { type: 'code', anchor: anchorAt(s.root, 'src/lib/tokens.ts', 1, 2) }, { severity: 'medium', impact: 'A stolen token works forever.' }));
    insertDive(s.root, dive);
  });
  after(() => s.cleanup());

  it('writes a schema-valid log to standard output and says what it holds on standard error', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['report', '--root', s.root, '--format', 'sarif', '--untrusted', '--no-cache'], { out: (x) => out.push(x), err: (x) => err.push(x) });
    assert.equal(code, 0, err.join('\n'));
    const log = JSON.parse(out.join('\n')) as SarifLog;
    assert.deepEqual(sarifValidator()(log), []);
    assert.equal(log.runs[0].results!.length, 1);
    assert.equal(log.runs[0].results![0].level, 'warning');
    assert.equal(log.runs[0].results![0].properties!.businessImpact, 'A stolen token works forever.');
    assert.match(log.runs[0].tool.driver.semanticVersion ?? '', /^\d+\.\d+\.\d+/);
    assert.equal(err.join('\n'), '1 notes on code as SARIF results');
  });
});
