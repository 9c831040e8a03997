// What the leader sets on the report from the CLI: the verdict, owners and due dates of
// recommendations, decisions kept or to revisit; and a due date in the past refused at start.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { tempRoot } from '../dive/helpers';

const fixture = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'auth-service-ts');

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('deepdive report verdict / recommendations / assign, note --decision, start --due', function () {
  this.timeout(120_000);
  let root: string;
  before(() => {
    root = tempRoot('deepdive-plans-');
    fs.cpSync(fixture, root, { recursive: true });
  });

  it('refuses a due date in the past, in one line, and writes nothing', async () => {
    const r = await run(['start', '--root', root, '--title', 'Late', '--due', '2001-02-03']);
    assert.equal(r.code, 1);
    assert.match(r.err, /^deepdive start: --due 2001-02-03 is in the past \(today is \d{4}-\d{2}-\d{2}\)/);
    assert.equal(r.err.split('\n').length, 1);
    assert.ok(!fs.existsSync(path.join(root, '.deepdive', 'late.json')));
  });

  it('sets the verdict, which the report shows instead of the draft', async () => {
    assert.equal((await run(['start', '--root', root, '--title', 'Auth', '--scope', 'src/**', '--due', '2099-01-01', '--template', 'auth'])).code, 0);
    const draft = await run(['report', 'verdict', '--root', root, '--untrusted']);
    assert.equal(draft.code, 0, draft.err);
    assert.match(draft.out, /^\(draft, built from the data/);
    const set = await run(['report', 'verdict', '--root', root, 'Sound design; two gaps to close this quarter.']);
    assert.equal(set.code, 0, set.err);
    const md = await run(['report', '--root', root, '--untrusted']);
    assert.match(md.out, /### Verdict\n\nSound design; two gaps to close this quarter\.\n/);
    assert.ok(!md.out.includes('Draft built from the data'));
    assert.equal((await run(['report', 'verdict', '--root', root, '--clear'])).code, 0);
    assert.match((await run(['report', '--root', root, '--untrusted'])).out, /Draft built from the data/);
  });

  it('assigns an owner and a due date to a recommendation by its id', async () => {
    const list = await run(['report', 'recommendations', '--root', root, '--untrusted', '--json']);
    assert.equal(list.code, 0, list.err);
    const id = JSON.parse(list.out).recommendations.find((x: { kind: string }) => x.kind === 'unguarded-route').id as string;
    const bad = await run(['report', 'assign', id, '--root', root, '--owner', 'Platform team', '--due', '2020-01-01x']);
    assert.equal(bad.code, 1);
    const ok = await run(['report', 'assign', id, '--root', root, '--owner', 'Platform team', '--due', '2099-03-01']);
    assert.equal(ok.code, 0, ok.err);
    const json = JSON.parse((await run(['report', '--root', root, '--untrusted', '--format', 'json'])).out);
    const rec = json.summary.recommendations.find((x: { id: string }) => x.id === id);
    assert.equal(rec.owner, 'Platform team');
    assert.equal(rec.due, '2099-03-01');
    assert.match((await run(['report', '--root', root, '--untrusted'])).out, /Owner: Platform team, due 2099-03-01/);
  });

  it('marks a decision kept or to revisit, and refuses the mark on other notes', async () => {
    const add = await run(['note', 'add', '--root', root, 'src/routes/auth.ts:52', '--kind', 'decision', '--body', 'Keep this order.', '--json']);
    const id = JSON.parse(add.out).note.id as string;
    assert.equal((await run(['note', 'edit', id, '--root', root, '--decision', 'kept'])).code, 0);
    const json = JSON.parse((await run(['report', '--root', root, '--untrusted', '--format', 'json'])).out);
    assert.deepEqual(json.summary.decisionsKept, [id]);
    assert.deepEqual(json.summary.decisionsRevisit, []);
    const risk = JSON.parse((await run(['note', 'add', '--root', root, '--whole', '--kind', 'risk', '--body', 'x', '--json'])).out).note.id as string;
    const refused = await run(['note', 'edit', risk, '--root', root, '--decision', 'revisit']);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /only decision notes/);
    assert.equal((await run(['note', 'edit', id, '--root', root, '--decision', 'maybe'])).code, 1);
  });

  it('takes --decision when the decision is added, and refuses it on another kind without adding the note', async () => {
    const add = await run(['note', 'add', '--root', root, 'src/routes/auth.ts:40', '--kind', 'decision', '--body', 'Sessions stay in memory.', '--decision', 'revisit', '--json']);
    assert.equal(add.code, 0, add.err);
    const id = JSON.parse(add.out).note.id as string;
    assert.equal(JSON.parse(add.out).note.decision, 'revisit');
    const json = JSON.parse((await run(['report', '--root', root, '--untrusted', '--format', 'json'])).out);
    assert.ok(json.summary.decisionsRevisit.includes(id), JSON.stringify(json.summary));
    const before = JSON.parse((await run(['note', 'list', '--root', root, '--json'])).out).notes.length;
    const refused = await run(['note', 'add', '--root', root, '--whole', '--kind', 'risk', '--body', 'y', '--decision', 'kept']);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /only decision notes/);
    assert.equal(JSON.parse((await run(['note', 'list', '--root', root, '--json'])).out).notes.length, before);
  });
});
