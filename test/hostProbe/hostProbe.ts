// The host-responsiveness probe of `npm run bench -- --only host` (scripts/benchHost.mjs): loaded
// by the real extension host in place of the integration suites, on a generated 150k-line
// service. It walks the main job (start a dive, map, list routes, trace a flow, rank unread code,
// draw the module map, preview the report) while a 10 ms timer records every stall of the host's
// event loop, and V8's sampling profiler (node:inspector, in this same thread) says whose code
// ran during each stall. A figure, not a test: it prints one DEEPDIVE-HOSTPROBE line and never fails
// on a duration (speed is measured by the bench, never by a timed test).
import * as fs from 'node:fs';
import * as inspector from 'node:inspector';
import { SourceMap } from 'node:module';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AnalysisClient } from '../../src/core/analysis/analysisClient';
import { stallsWithFrames, type Profile } from './stalls';

const EXTENSION_ID = 'deep-dive.deep-dive';
const TICK_MS = 10;
const STALL_MS = 40;

interface TreeProvider { getChildren(node?: unknown): unknown[] | Promise<unknown[]>; getTreeItem(node: unknown): vscode.TreeItem }
interface Api {
  model(): { analysis: AnalysisClient };
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

const fileOf = (url: string) => url.replace(/^file:\/\//, '');

/**
 * The source place of a frame of the extension's bundle, from the bundle's linked source map (a
 * development build has one): `src/core/dive/store.ts:96` says more than `dist/extension.js:40211`.
 */
function sourceOf(extensionPath: string): (url: string, line: number, column: number) => string | undefined {
  const maps = new Map<string, SourceMap | undefined>();
  return (url, line, column) => {
    const file = fileOf(url);
    if (!maps.has(file)) {
      try {
        maps.set(file, new SourceMap(JSON.parse(fs.readFileSync(`${file}.map`, 'utf8'))));
      } catch {
        maps.set(file, undefined);
      }
    }
    const entry = maps.get(file)?.findEntry(line, column);
    if (!entry || !('originalSource' in entry)) return undefined;
    const rel = path.relative(extensionPath, path.resolve(path.dirname(file), fileOf(entry.originalSource))).split(path.sep).join('/');
    return `${rel}:${entry.originalLine + 1}`;
  };
}

/**
 * CPU time of this (the extension host's main) thread so far, in ms, from Linux's per-thread
 * accounting (10 ms ticks): a stall in which the thread ran far less than the stall lasted was the
 * machine's other processes, not code on this thread. Undefined elsewhere.
 */
function threadCpuMs(): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the state field.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/** What scripts/benchHost.mjs asks for when it probes a folder of its own choosing (a file in the workspace: the host gets no environment). */
interface ProbeOptions {
  /** The dive's scope (default `src/**`, the generated service's). */
  include?: string[];
  /** The route to trace (default: the generated service's; else the first route found). */
  trace?: string;
}

function probeOptions(): ProbeOptions {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  try {
    return JSON.parse(fs.readFileSync(path.join(folder ?? '', '.deepdive-probe.json'), 'utf8')) as ProbeOptions;
  } catch {
    return {};
  }
}

export async function run(): Promise<void> {
  const stalls: { endUs: number; ms: number; step: string; cpuMs?: number }[] = [];
  let step = 'start';
  let last = nowUs();
  let lastCpu = threadCpuMs();
  let worstLateMs = 0;
  const timer = setInterval(() => {
    const t = nowUs();
    const cpu = threadCpuMs();
    const late = (t - last) / 1000 - TICK_MS;
    worstLateMs = Math.max(worstLateMs, late);
    if (late >= STALL_MS) stalls.push({ endUs: t, ms: late, step, ...(cpu !== undefined && lastCpu !== undefined ? { cpuMs: cpu - lastCpu } : {}) });
    last = t;
    lastCpu = cpu;
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
  const options = probeOptions();
  try {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    let api!: Api;
    await timed('activate', async () => (api = (await ext.activate()) as Api));
    await timed('start a deep dive', () => vscode.commands.executeCommand('deepDive.start', { title: 'Host probe', include: options.include ?? ['src/**'], due: '2030-01-31', template: 'auth-service' }));
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
    const model = api.model();
    const trace = options.trace ?? (options.include ? (await model.analysis.entries({})).entries.find((e) => e.kind === 'http')?.id : 'GET /api/feature0/item0/:id');
    await timed('flow traced', () => vscode.commands.executeCommand('deepDive.flows.trace', trace));
    await timed('overview ranked', () => until('Read these first', async () => {
      const items = await api.reading.views.overview.getChildren();
      return items.some((n) => label(api.reading.views.overview.getTreeItem(n)) === 'Read these first') ? true : undefined;
    }));
    await timed('module map drawn', () => vscode.commands.executeCommand('deepDive.showModuleMap'));
    // The preview's round trip to the analysis worker (building and rendering the page there),
    // apart from the rest of the command on this thread.
    const preview = model.analysis.preview.bind(model.analysis);
    let workerMs = 0;
    model.analysis.preview = async (...args) => {
      const t0 = Date.now();
      try {
        return await preview(...args);
      } finally {
        workerMs += Date.now() - t0;
      }
    };
    try {
      await timed('report previewed', () => vscode.commands.executeCommand('deepDive.previewReport'));
    } finally {
      model.analysis.preview = preview;
    }
    steps.push({ step: 'report previewed: of which the analysis worker', ms: workerMs });
    step = 'idle';
    await new Promise((r) => setTimeout(r, 3000));
    const { profile } = await post<{ profile: Profile }>(session, 'Profiler.stop');
    const bundle = path.join(ext.extensionPath, 'dist') + path.sep;
    const result = {
      routes,
      steps,
      worstLateMs: Math.round(worstLateMs),
      stalls: stallsWithFrames(stalls, profile, (url) => fileOf(url).startsWith(bundle), TICK_MS, sourceOf(ext.extensionPath)),
    };
    console.log(`DEEPDIVE-HOSTPROBE ${JSON.stringify(result)}`);
  } finally {
    clearInterval(timer);
    session.disconnect();
  }
}
