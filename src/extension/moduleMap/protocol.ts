// The messages between the module map's host (moduleMapPanel.ts) and its front end
// (media/moduleMap/main.js, which imports these types through JSDoc). One file, both sides.
import type { GraphLayout } from '../../core/report/layout';

/** What the front end keeps with setState, and the serializer hands back after a reload. */
export interface ModuleMapState {
  filter: string;
  focus?: string;
  expand: string[];
}

/** The panel's drawing area in CSS pixels: the host lays the graph out to fit it. */
export interface Room {
  width: number;
  height: number;
}

export type ToWebview =
  | { type: 'graph'; layout: GraphLayout; shown: number; total: number; state: ModuleMapState; title: string }
  | { type: 'error'; message: string };

export type FromWebview =
  | { type: 'ready'; state?: ModuleMapState; room?: Room }
  | { type: 'resize'; room: Room }
  | { type: 'open'; module: string }
  | { type: 'setState'; state: ModuleMapState };

function isState(v: unknown): v is ModuleMapState {
  const s = v as ModuleMapState;
  return !!s && typeof s === 'object' && typeof s.filter === 'string' && s.filter.length <= 200 && Array.isArray(s.expand) && s.expand.every((x) => typeof x === 'string') && (s.focus === undefined || typeof s.focus === 'string');
}

function roomOf(v: unknown): Room | undefined {
  const r = v as Room;
  const ok = (n: unknown) => typeof n === 'number' && Number.isFinite(n) && n >= 1 && n <= 100_000;
  return r && typeof r === 'object' && ok(r.width) && ok(r.height) ? { width: r.width, height: r.height } : undefined;
}

/** A webview is another process: check what it sends before acting on it. */
export function parseFromWebview(v: unknown): FromWebview | undefined {
  const m = v as { type?: unknown; module?: unknown; state?: unknown; room?: unknown };
  if (!m || typeof m !== 'object') return undefined;
  if (m.type === 'ready') {
    const room = roomOf(m.room);
    return { type: 'ready', ...(m.state !== undefined && isState(m.state) ? { state: m.state } : {}), ...(room ? { room } : {}) };
  }
  if (m.type === 'resize') {
    const room = roomOf(m.room);
    return room ? { type: 'resize', room } : undefined;
  }
  if (m.type === 'open' && typeof m.module === 'string') return { type: 'open', module: m.module };
  if (m.type === 'setState' && isState(m.state)) return { type: 'setState', state: m.state };
  return undefined;
}
