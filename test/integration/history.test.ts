import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DeepDiveContext } from '../../src/extension/deepDiveContext';
import type { HistoryApi } from '../../src/extension/history/index';
import type { PeopleNode } from '../../src/extension/views/peopleView';
import type { LineOrigin } from '../../src/core/history/types';

type Api = DeepDiveContext & { history: HistoryApi };

const DAY_S = 86_400;
const MAYA = { name: 'Maya Chen', email: 'maya@example.com' };
const OMAR = { name: 'Omar Haddad', email: 'omar@example.com' };
const LENA = { name: 'Lena Park', email: 'lena@example.com' };
const HOSTILE = 'Switch to HS256 <img src=x onerror=alert(1)> [link](command:workbench.action.quit)';
const TOKENS = 'src/lib/tokens.ts';

/** The scripted history: who added which files, how many days ago, with which message. */
const SCRIPT: { who: typeof MAYA; daysAgo: number; message: string; files: (all: string[]) => string[] }[] = [
  { who: MAYA, daysAgo: 400, message: 'Initial auth service', files: (all) => all.filter((f) => ![TOKENS, 'src/routes/admin.ts', 'src/jobs/sessionCleanup.ts'].includes(f)) },
  { who: OMAR, daysAgo: 300, message: HOSTILE, files: () => [TOKENS] },
  { who: LENA, daysAgo: 20, message: 'Admin routes', files: () => ['src/routes/admin.ts'] },
  { who: MAYA, daysAgo: 5, message: 'Session cleanup job', files: () => ['src/jobs/sessionCleanup.ts'] },
];

async function until<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, state: () => unknown = () => ''): Promise<T> {
  for (let i = 0; i < 1200; i++) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`${what} did not happen; state: ${JSON.stringify(state())}`);
}

function lineCount(text: string): number {
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

describe('history in the editor', function () {
  // Every step spawns git; on a loaded machine that takes a while (bounds, not timings).
  this.timeout(240_000);
  const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
  let api: Api;
  let diveId: string;
  const shas: string[] = [];
  const git = (args: string[], env: Record<string, string> = {}) => {
    const base: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_')) base[k] = v;
    return execFileSync('git', ['-c', 'core.hooksPath=/dev/null', ...args], {
      cwd: root(),
      env: { ...base, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0', ...env },
      encoding: 'utf8',
      timeout: 30_000,
    }).trim();
  };
  const diveFile = () => JSON.parse(fs.readFileSync(path.join(root(), '.deepdive', `${diveId}.json`), 'utf8'));
  const srcFiles = () => {
    const out: string[] = [];
    const walk = (rel: string) => {
      for (const e of fs.readdirSync(path.join(root(), rel), { withFileTypes: true })) {
        const p = `${rel}/${e.name}`;
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.ts')) out.push(p);
      }
    };
    walk('src');
    return out.sort();
  };
  const now = Math.floor(Date.now() / 1000);
  const commit = (who: typeof MAYA, daysAgo: number, message: string, extra: string[] = []) => {
    const date = `${now - daysAgo * DAY_S} +0000`;
    git(['commit', '-q', ...extra, '-m', message], {
      GIT_AUTHOR_NAME: who.name,
      GIT_AUTHOR_EMAIL: who.email,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: who.name,
      GIT_COMMITTER_EMAIL: who.email,
      GIT_COMMITTER_DATE: date,
    });
    shas.push(git(['rev-parse', 'HEAD']));
  };

  before(async function () {
    api = (await vscode.extensions.getExtension('deep-dive.deep-dive')!.activate()) as Api;
    diveId = (await vscode.commands.executeCommand<string>('deepDive.start', { title: 'History integration', include: ['src/**'], due: '2030-01-31', template: 'auth-service' }))!;
    await api.model().map();
    // The throw-away workspace becomes a real repository with scripted authors and dates.
    git(['init', '-q', '-b', 'main']);
    const all = srcFiles();
    for (const step of SCRIPT) {
      git(['add', '--', ...step.files(all)]);
      commit(step.who, step.daysAgo, step.message);
    }
  });

  after(async () => {
    await vscode.workspace.getConfiguration('deepDive.history').update('hoverLineOrigins', undefined, vscode.ConfigurationTarget.Workspace);
    // Later suites expect a folder without git, as the fixture is.
    fs.rmSync(path.join(root(), '.git'), { recursive: true, force: true });
    fs.rmSync(path.join(root(), '.deepdive', 'cache', 'history'), { recursive: true, force: true });
    api.history.replaceService(api.model(), {});
  });

  /** Refresh History, then wait until the repository is seen (each test that needs it asks, so any one runs alone). */
  const refreshed = async () => {
    assert.strictEqual(await vscode.commands.executeCommand<boolean>('deepDive.history.refresh'), true);
    return until('the context key is set', () => api.history.available(), () => api.history.service().availability);
  };

  it('finds the new repository (Refresh History) and sets the context key that shows the People view', async () => {
    assert.strictEqual(await refreshed(), true);
  });

  it('lists the scripted authors in the People view with the shares the script implies', async () => {
    const people = await until('the People view lists people', () => {
      const nodes = api.history.peopleChildren().filter((n): n is Extract<PeopleNode, { kind: 'person' }> => n.kind === 'person');
      return nodes.length ? nodes : undefined;
    }, () => api.history.peopleChildren().map((n) => n.kind));
    assert.deepStrictEqual(people.map((p) => p.person.name).sort(), [LENA.name, MAYA.name, OMAR.name]);
    // Expected knowledge per module: each file's lines belong to its author, weighted by recency (half-life 365 days).
    const moduleOf = new Map(api.model().mapIfReady!.files.map((f) => [f.path, f.module]));
    const expected = new Map<string, Map<string, number>>();
    for (const step of SCRIPT) {
      for (const f of step.files(srcFiles())) {
        const module = moduleOf.get(f);
        if (module === undefined) continue; // not mapped (declaration files)
        const lines = lineCount(fs.readFileSync(path.join(root(), f), 'utf8'));
        const m = expected.get(module) ?? new Map<string, number>();
        m.set(step.who.email, (m.get(step.who.email) ?? 0) + lines * Math.pow(2, -step.daysAgo / 365));
        expected.set(module, m);
      }
    }
    const seen: string[] = [];
    for (const p of people) {
      const known = api.history.peopleChildren(p).filter((n): n is Extract<PeopleNode, { kind: 'known' }> => n.kind === 'known');
      const mine = [...expected].filter(([, m]) => m.has(p.person.email)).map(([id]) => id).sort();
      assert.deepStrictEqual(known.map((k) => k.moduleId).sort(), mine, `${p.person.name}'s modules`);
      for (const k of known) {
        const m = expected.get(k.moduleId)!;
        const total = [...m.values()].reduce((a, b) => a + b, 0);
        const share = m.get(p.person.email)! / total;
        assert.ok(Math.abs(k.share - share) < 0.002, `${p.person.name} in ${k.moduleId}: ${k.share} vs ${share}`);
        const item = api.history.peopleItem(k);
        assert.match(String(item.description), new RegExp(`^${Math.round(k.share * 100)}% · last change \\d{4}-\\d{2}-\\d{2}`));
        seen.push(`${p.person.email}:${k.moduleId}`);
      }
    }
    assert.ok(seen.includes(`${OMAR.email}:src/lib`) && seen.includes(`${LENA.email}:src/routes`), seen.join(', '));
    // Omar's last commit was 300 days ago: inactive; Maya committed 5 days ago.
    const omar = people.find((p) => p.person.email === OMAR.email)!;
    assert.match(String(api.history.peopleItem(omar).description), /inactive/);
    assert.doesNotMatch(String(api.history.peopleItem(people.find((p) => p.person.email === MAYA.email)!).description), /inactive/);
    // Modules where one person holds more than half of the knowledge carry a warning.
    const risks = api.history.peopleChildren().find((n) => n.kind === 'risks');
    assert.ok(risks, 'a Knowledge at risk group');
    const risky = api.history.peopleChildren(risks).map((n) => (n.kind === 'risk' ? n.module.id : ''));
    const single = [...expected].filter(([, m]) => {
      const total = [...m.values()].reduce((a, b) => a + b, 0);
      return Math.max(...m.values()) / total > 0.5;
    }).map(([id]) => id);
    for (const id of single) assert.ok(risky.includes(id), `${id} is flagged (flagged: ${risky.join(', ')})`);
    const jobs = api.history.peopleChildren(risks).find((n) => n.kind === 'risk' && n.module.id === 'src/jobs')!;
    const jobsItem = api.history.peopleItem(jobs);
    assert.strictEqual((jobsItem.iconPath as vscode.ThemeIcon).id, 'warning');
    assert.match((jobsItem.tooltip as vscode.MarkdownString).value, /bus factor 1/);
  });

  it('reads the history again when HEAD moves (the .git watcher), incrementally', async () => {
    await refreshed();
    await until('a first report', () => {
      api.history.peopleChildren(); // the view is shown: it wants the report
      return api.history.service().lastReport?.available;
    }, () => api.history.service().lastReport?.stats);
    commit(LENA, 1, 'Nothing but a moved HEAD', ['--allow-empty']);
    const head = shas[shas.length - 1];
    const report = await until('the report follows HEAD', () => {
      api.history.peopleChildren(); // the view is shown: it keeps wanting the report
      const r = api.history.service().lastReport;
      return r?.stats.head === head ? r : undefined;
    }, () => api.history.service().lastReport?.stats);
    assert.strictEqual(report.stats.incremental, true);
    assert.ok(report.stats.commitsProcessed <= 1, `only the new commit is read (${report.stats.commitsProcessed})`);
  });

  it('"Where Did This Code Come From?" names the scripted commit of a line', async () => {
    const uri = vscode.Uri.file(path.join(root(), TOKENS));
    const origins = (await vscode.commands.executeCommand<LineOrigin[]>('deepDive.history.whereFrom', { uri, range: { start: 3, end: 3 }, show: false }))!;
    assert.strictEqual(origins.length, 1);
    assert.strictEqual(origins[0].commit, shas[1]);
    assert.strictEqual(origins[0].author, OMAR.name);
    assert.strictEqual(origins[0].summary, HOSTILE);
    assert.strictEqual(origins[0].date.slice(0, 10), new Date((now - 300 * DAY_S) * 1000).toISOString().slice(0, 10));
    const admin = (await vscode.commands.executeCommand<LineOrigin[]>('deepDive.history.whereFrom', { uri: vscode.Uri.file(path.join(root(), 'src/routes/admin.ts')), range: { start: 1, end: 2 }, show: false }))!;
    assert.deepStrictEqual(admin.map((o) => [o.commit, o.author, o.lines]), [[shas[2], LENA.name, 2]]);
  });

  it('shows the origin of a note’s lines on hover, with the commit message as text', async () => {
    const doc = await vscode.workspace.openTextDocument(path.join(root(), TOKENS));
    await vscode.window.showTextDocument(doc);
    const noteId = (await vscode.commands.executeCommand<string>('deepDive.addNote', { kind: 'decision', severity: null, body: 'Why a symmetric key?', impact: '', uri: doc.uri, range: { start: 2, end: 4 } }))!;
    assert.ok(noteId);
    const hover = await until('a hover inside the note', () => api.history.hover(doc, new vscode.Position(2, 3)));
    const md = hover.contents[0] as vscode.MarkdownString;
    assert.ok(!md.isTrusted, 'not trusted: no command links');
    assert.strictEqual(md.supportHtml, false);
    assert.match(md.value, /lines 2–4/);
    assert.ok(md.value.includes(shas[1].slice(0, 7)));
    const MarkdownIt = createRequire(__filename)('markdown-it') as new (o?: object) => { render(s: string): string };
    const html = new MarkdownIt({ html: true, linkify: true }).render(md.value);
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'), html);
    assert.ok(html.includes('[link](command:workbench.action.quit)'), html);
    assert.doesNotMatch(html, /<img|href=/);
    // The editor's own hover request reaches the provider too.
    const all = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(2, 3));
    const values = all.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)));
    assert.ok(values.some((v) => v.includes(shas[1].slice(0, 7)) && v.includes('onerror\\=alert\\(1\\)')), JSON.stringify(values));
    // Outside any note, hovers stay quiet unless the setting asks for them.
    assert.strictEqual(await api.history.hover(doc, new vscode.Position(10, 0)), undefined);
    await vscode.workspace.getConfiguration('deepDive.history').update('hoverLineOrigins', true, vscode.ConfigurationTarget.Workspace);
    const anyLine = await api.history.hover(doc, new vscode.Position(10, 0));
    assert.ok(anyLine && (anyLine.contents[0] as vscode.MarkdownString).value.includes('line 11'));
  });

  it('cites an origin in a note, and who to ask lists the inactive owner and the open note', async () => {
    const uri = vscode.Uri.file(path.join(root(), TOKENS));
    const noteId = diveFile().notes.find((n: { body: string }) => n.body === 'Why a symmetric key?').id as string;
    const cited = await vscode.commands.executeCommand<string>('deepDive.history.citeOrigin', { uri, range: { start: 3, end: 3 }, commit: shas[1].slice(0, 10), note: noteId, show: false });
    assert.strictEqual(cited, noteId);
    const day = new Date((now - 300 * DAY_S) * 1000).toISOString().slice(0, 10);
    const line = `Origin: ${shas[1].slice(0, 7)} by ${OMAR.name}, ${day} — '${HOSTILE}'`;
    const body = diveFile().notes.find((n: { id: string }) => n.id === noteId).body as string;
    assert.deepStrictEqual(body.split('\n').filter(Boolean), ['Why a symmetric key?', line]);
    // Citing again adds nothing; a new decision note carries the citation as its body.
    await vscode.commands.executeCommand('deepDive.history.citeOrigin', { uri, range: { start: 3, end: 3 }, commit: shas[1], note: noteId, show: false });
    assert.strictEqual(diveFile().notes.find((n: { id: string }) => n.id === noteId).body, body);
    const fresh = await vscode.commands.executeCommand<string>('deepDive.history.citeOrigin', { uri, range: { start: 5, end: 6 }, commit: shas[1], note: 'new', show: false });
    const made = diveFile().notes.find((n: { id: string }) => n.id === fresh);
    assert.strictEqual(made.kind, 'decision');
    assert.strictEqual(made.body, line);
    assert.deepStrictEqual(made.target.anchor.range, { start: 5, end: 6 });

    type Who = { module: string; fileOwners: { name: string; active: boolean; share: number }[]; open: { noteId: string }[] };
    const who = (await vscode.commands.executeCommand<Who>('deepDive.history.whoToAsk', { uri, show: false }))!;
    assert.strictEqual(who.module, 'src/lib');
    assert.deepStrictEqual(who.fileOwners.map((o) => [o.name, o.active, o.share]), [[OMAR.name, false, 1]]);
    assert.ok(who.open.some((o) => o.noteId === noteId));
    // The People view asks Omar about it, under the module the note is in.
    const omar = api.history.peopleChildren().find((n) => n.kind === 'person' && n.person.email === OMAR.email)!;
    const lib = await until('the note shows under Omar’s module', () => {
      const k = api.history.peopleChildren(omar).find((n) => n.kind === 'known' && n.moduleId === 'src/lib');
      return k && api.history.peopleChildren(k).some((i) => i.kind === 'item' && i.item.noteId === noteId) ? k : undefined;
    });
    const item = api.history.peopleChildren(lib).find((i) => i.kind === 'item' && i.item.noteId === noteId)!;
    assert.match(String(api.history.peopleItem(item).label), /^Ask about: Why a symmetric key\?/);
  });

  it('runs no git at all when the service is untrusted', async () => {
    const calls = { analyze: 0, origins: 0, probe: 0 };
    const fail = (what: keyof typeof calls) => () => {
      calls[what]++;
      throw new Error(`${what} must not run`);
    };
    api.history.replaceService(api.model(), { trusted: false, core: { analyze: fail('analyze'), origins: fail('origins'), probe: fail('probe') } });
    const doc = await vscode.workspace.openTextDocument(path.join(root(), TOKENS));
    assert.strictEqual(await api.history.hover(doc, new vscode.Position(2, 3)), undefined);
    const origins = await vscode.commands.executeCommand('deepDive.history.whereFrom', { uri: doc.uri, range: { start: 3, end: 3 }, show: false });
    assert.strictEqual(origins, undefined, 'the command refuses with a one-line reason');
    assert.deepStrictEqual(await api.history.hotspots(), []);
    const nodes = api.history.peopleChildren();
    assert.deepStrictEqual(nodes.map((n) => (n.kind === 'info' ? n.label : n.kind)), ['History needs a trusted workspace']);
    assert.deepStrictEqual(calls, { analyze: 0, origins: 0, probe: 0 });
  });
});
