// One truth on every surface (issue 16): the Entry Points view said "7 without auth" where the
// report and the CLI said 8, and a route behind an optional auth middleware read "no auth". Here
// the real analyser runs on the sample service with an optional-auth route added, and the CLI
// text and the report must word and count each route's protection the same way.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { renderRoutes } from '../../../src/cli/commands/routes';
import { findEntryPoints } from '../../../src/core/entry/findEntryPoints';
import { countProtections, PROTECTION_LABELS, protectionOf, protectionSummary } from '../../../src/core/entry/protection';
import type { EntryPointsResult } from '../../../src/core/entry/types';
import { buildMap } from '../../../src/core/map/buildMap';
import { newDive } from '../../../src/core/dive/ops';
import { buildReport } from '../../../src/core/report/buildReport';
import { renderReport } from '../../../src/core/report/render';
import type { ReportData } from '../../../src/core/report/types';

const FIXTURE = path.resolve(__dirname, '../../../../test/fixtures/auth-service-ts');

describe('route protection: one label and one count on every surface', function () {
  this.timeout(60_000);
  let root: string;
  let result: EntryPointsResult;
  let report: ReportData;
  let md: string;

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-protection-'));
    fs.cpSync(FIXTURE, root, { recursive: true, filter: (src) => !src.includes(`${path.sep}.deepdive`) });
    // A real optional check: reads the token when there is one, lets anonymous callers through.
    fs.copyFileSync(path.resolve(__dirname, '../../../../test/fixtures/snippets/optionalAuth.ts'), path.join(root, 'src/middleware/optionalAuth.ts'));
    const users = path.join(root, 'src/routes/users.ts');
    fs.writeFileSync(
      users,
      fs.readFileSync(users, 'utf8').replace("import { requireAuth } from '../middleware';", "import { requireAuth } from '../middleware';\nimport { optionalAuth } from '../middleware/optionalAuth';") +
        "\nusersRouter.get('/:id/avatar', optionalAuth, async (req, res) => {\n  res.json({ avatar: await userService.getById(String(req.params.id)), mine: req.auth?.userId === req.params.id });\n});\n",
    );
    const map = await buildMap({ root });
    result = await findEntryPoints(map, (rel) => fs.readFileSync(path.join(root, rel), 'utf8'));
    const dive = newDive({ title: 'Auth', include: ['src/**'], due: '2030-01-01', template: 'auth-service', now: new Date('2025-01-03T09:00:00Z') });
    report = await buildReport(root, dive, { trusted: false, noCache: true, now: new Date('2025-01-10T12:00:00Z') });
    md = await renderReport(report, 'md');
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('an optional auth check is its own state, "anonymous allowed", never "no auth"', () => {
    const avatar = result.entries.find((e) => e.id === 'GET /api/users/:id/avatar');
    assert.ok(avatar, result.entries.map((e) => e.id).join(', '));
    assert.equal(protectionOf(avatar), 'anonymousAllowed');
    assert.equal(protectionOf(result.entries.find((e) => e.id === 'GET /api/users/:id/sessions')!), 'noAuth');
    assert.equal(protectionOf(result.entries.find((e) => e.id === 'POST /api/auth/login')!), 'publicOnPurpose');
  });

  it('every HTTP route is in exactly one state', () => {
    const c = countProtections(result.entries);
    assert.equal(c.total, result.entries.filter((e) => e.kind === 'http').length);
    assert.equal(c.guarded + c.anonymousAllowed + c.publicOnPurpose + c.noAuth + c.unknown, c.total);
  });

  it('the CLI and the report give the same counts in the same words', () => {
    const summary = protectionSummary(countProtections(result.entries));
    assert.match(summary, /1 anonymous allowed/);
    assert.match(summary, /1 no auth/);
    const cli = renderRoutes(result);
    assert.ok(cli.split('\n')[0].includes(summary), cli.split('\n')[0]);
    assert.ok(md.includes(summary), 'the report\'s Limits line carries the same summary');
    // Per route: the CLI row and the report's table say the same state.
    for (const id of ['GET /api/users/:id/avatar', 'GET /api/users/:id/sessions', 'POST /api/auth/login']) {
      const label = PROTECTION_LABELS[protectionOf(result.entries.find((e) => e.id === id)!)!];
      assert.ok(cli.split('\n').some((l) => l.includes(id) && l.includes(label)), `CLI: ${id} ${label}`);
      assert.ok(md.split('\n').some((l) => l.startsWith(`| \`${id}\` | ${label} |`)), `report: ${id} ${label}`);
    }
  });

  it('only "no auth" routes are called out as such; the anonymous-allowed one is not among them', () => {
    const callout = md.split('\n').find((l) => l.includes('with no auth')) ?? '';
    assert.match(callout, /GET \/api\/users\/:id\/sessions/);
    assert.doesNotMatch(callout, /avatar/);
    assert.doesNotMatch(md, /open to anonymous callers with no recorded reason/);
  });
});
