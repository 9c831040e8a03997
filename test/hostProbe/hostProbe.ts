// The host-responsiveness probe of `npm run bench -- --only host` (scripts/benchHost.mjs): loaded
// by the real extension host in place of the integration suites, on a generated 150k-line
// service. It walks the main job (start a dive, map, list routes, trace a flow, rank unread code,
// draw the module map, preview the report) while a 10 ms timer records every stall of the host's
// event loop, and V8's sampling profiler (node:inspector, in this same thread) says whose code
// ran during each stall. A figure, not a test: it prints one DEEPDIVE-HOSTPROBE line and never fails
// on a duration (speed is measured by the bench, never by a timed test).
import * as inspector from 'node:inspector';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { stallsWithFrames, type Profile } from './stalls';

const EXTENSION_ID = 'deep-dive.deep-dive';
const TICK_MS = 10;
const STALL_MS = 40;

interface TreeProvider { getChildren(node?: unknown): unknown[] | Promise<unknown[]>; getTreeItem(node: unknown): vscode.TreeItem }
interface Api {
  reading: { views: { overview: TreeProvider; modules: TreeProvider } };
  flows: { viewChildren(node?: unknown): Promise<{ type: string }[]>; viewItem(node: unknown): vscode.TreeItem };
}

const nowUs = () => Number(process.hrtime.bigint() / 1000n);
const label = (i: vscode.TreeItem) => (typeof i.label === 'string' ? i.label : (i.label?.label ?? ''));

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 300_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`host probe: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function post<T>(session: inspector.Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res as T))));
}

export async function run(): Promise<void> {
  const stalls: { endUs: number; ms: number; step: string }[] = [];
  let step = 'start';
  let last = nowUs();
  let worstLateMs = 0;
  const timer = setInterval(() => {
    const t = nowUs();
    const late = (t - last) / 1000 - TICK_MS;
    worstLateMs = Math.max(worstLateMs, late);
    if (late >= STALL_MS) stalls.push({ endUs: t, ms: late, step });
    last = t;
  }, TICK_MS);

  const session = new inspector.Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 1000 });
  await post(session, 'Profiler.start');
  const steps: { step: string; ms: number }[] = [];
  const timed = async (name: string, work: () => PromiseLike<unknown>) => {
    step = name;
    const t0 = Date.now();
    await work();
    steps.push({ step: name, ms: Date.now() - t0 });
  };
  try {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    let api!: Api;
    await timed('activate', async () => (api = (await ext.activate()) as Api));
    await timed('start a deep dive', () => vscode.commands.executeCommand('deepDive.start', { title: 'Host probe', include: ['src/**'], due: '2030-01-31', template: 'auth-service' }));
    await timed('map and modules listed', async () => {
      await vscode.commands.executeCommand('deepDive.mapSystem');
      await until('modules', async () => ((await api.reading.views.modules.getChildren()).length > 0 ? true : undefined));
    });
    let routes = 0;
    await timed('routes listed', async () => {
      const kinds = await until('routes', async () => {
        const roots = await api.flows.viewChildren();
        const k = roots.filter((r) => r.type === 'kind');
        return k.length ? k : undefined;
      });
      for (const k of kinds) routes += (await api.flows.viewChildren(k)).length;
    });
    await timed('flow traced', () => vscode.commands.executeCommand('deepDive.flows.trace', 'GET /api/feature0/item0/:id'));
    await timed('overview ranked', () => until('Read these first', async () => {
      const items = await api.reading.views.overview.getChildren();
      return items.some((n) => label(api.reading.views.overview.getTreeItem(n)) === 'Read these first') ? true : undefined;
    }));
    await timed('module map drawn', () => vscode.commands.executeCommand('deepDive.showModuleMap'));
    await timed('report previewed', () => vscode.commands.executeCommand('deepDive.previewReport'));
    step = 'idle';
    await new Promise((r) => setTimeout(r, 3000));
    const { profile } = await post<{ profile: Profile }>(session, 'Profiler.stop');
    const bundle = path.join(ext.extensionPath, 'dist') + path.sep;
    const result = {
      routes,
      steps,
      worstLateMs: Math.round(worstLateMs),
      stalls: stallsWithFrames(stalls, profile, (url) => url.replace(/^file:\/\//, '').startsWith(bundle)),
    };
    console.log(`DEEPDIVE-HOSTPROBE ${JSON.stringify(result)}`);
  } finally {
    clearInterval(timer);
    session.disconnect();
  }
}
