// Suggested flows: from each entry point — its guards first, then its handler — follow the static
// call graph (calls resolved through imports, same-file and same-package symbols, and methods
// through their class where the receiver names it) depth-first, down to data-store and external
// calls. Unresolved calls stay in the flow as such; built-in noise is counted, not listed; cycles
// and depth are bounded. A flow is read step by step: code reached again is listed once (with
// how many more times it was reached), and an inline handler is named by its route.
import type { LineRange } from '../model/types';
import type { RepoMap } from '../map/types';
import type { EntryPoint } from '../entry/types';
import type { FileInfo, SymbolInfo } from '../map/types';
import { CallGraph, type Callee } from './callGraph';
import { ownScopes } from '../entry/ownPackages';

export type StepKind = 'guard' | 'handler' | 'call' | 'store' | 'external' | 'unresolved';

export interface FlowStep {
  file: string;
  symbol: string;
  range: LineRange;
  kind: StepKind;
  /** The call as written, for calls and terminal steps. */
  callee?: string;
  /** Distance from the handler (0 for the handler). */
  depth: number;
  /** Line of the call site that led here. */
  line?: number;
  /**
   * The package a terminal call goes to, when known; on a call step, the service's own installed
   * package whose code is not in the map (the step is then the call site, not the callee's code).
   */
  package?: string;
  /** The same code was reached this many more times later in the flow: listed once. */
  repeats?: number;
}

export interface Flow {
  entry: string;
  title: string;
  steps: FlowStep[];
  /** Calls to language built-ins, utility libraries (bcrypt, crypto) and request/response helpers, left out of the steps. */
  omittedCalls: number;
  /** The walk stopped at the depth or step limit somewhere. */
  truncated?: boolean;
}

export interface FlowOptions {
  maxDepth?: number;
  maxSteps?: number;
  /** Only this entry id. */
  entry?: string;
  /** npm scopes whose installed packages are the service's own code (see ownScopesOf). */
  ownScopes?: readonly string[];
}

/** The service's own npm scopes, from its package.json (`@medusajs/medusa` → `@medusajs/`). */
export function ownScopesOf(files: { read(rel: string): string | undefined }): string[] {
  return ownScopes(files.read('package.json')).scopes;
}

/** What a handler written in the registration is called: by its route, never `<inline>`. */
export function inlineHandlerName(e: Pick<EntryPoint, 'id'>): string {
  return `${e.id} handler`;
}

function isInline(symbol: string): boolean {
  return /^<.*>$/.test(symbol);
}

/**
 * The guard's own code: the innermost function holding its line (a guard factory's returned
 * function sits in the factory). Not the function that registers the route (a library guard is
 * located at its registration), and not a class or interface.
 */
function guardCode(files: ReadonlyMap<string, FileInfo>, file: string, line: number, e: Pick<EntryPoint, 'file' | 'line'>): { file: string; sym: SymbolInfo } | undefined {
  let best: SymbolInfo | undefined;
  for (const x of files.get(file)?.symbols ?? []) {
    if (x.kind === 'interface' || x.kind === 'class' || x.range.start > line || x.range.end < line) continue;
    if (!best || x.range.end - x.range.start < best.range.end - best.range.start) best = x;
  }
  if (!best || (file === e.file && best.range.start <= e.line && best.range.end >= e.line)) return undefined;
  return { file, sym: best };
}

/** A step of a flow being walked and the steps its code leads to, in call order. */
interface FlowNode {
  step?: FlowStep;
  kids: FlowNode[];
}

/** A function whose calls are still to be listed under `node`, at `depth`, reached through `path`. */
interface WalkJob {
  file: string;
  symbol: string;
  range: LineRange;
  depth: number;
  node: FlowNode;
  /** The functions on the way here (a call back to one of them is a cycle, not a step). */
  path: readonly string[];
  registrationLine?: number;
}

/** The steps in reading order: each step, then the steps under it (an explicit stack: flows are small, code may nest deep). */
function stepsOf(root: FlowNode): FlowStep[] {
  const out: FlowStep[] = [];
  const todo: FlowNode[] = [root];
  while (todo.length) {
    const n = todo.pop()!;
    if (n.step) out.push(n.step);
    for (let i = n.kids.length - 1; i >= 0; i--) todo.push(n.kids[i]!);
  }
  return out;
}

export function suggestFlows(map: RepoMap, entries: readonly EntryPoint[], options: FlowOptions = {}): Flow[] {
  return flowSuggester(map, options)(entries);
}

/**
 * suggestFlows with its call graph built once: the returned function walks the flows of the entry
 * points it is given, on that graph. Each entry's flow depends only on the map, the options and
 * the entry, so a caller may walk a few entries now and others later (and keep what it walked).
 */
export function flowSuggester(map: RepoMap, options: FlowOptions = {}): (entries: readonly EntryPoint[]) => Flow[] {
  const graph = new CallGraph(map, options.ownScopes);
  const files = new Map(map.files.map((f) => [f.path, f]));
  const maxDepth = options.maxDepth ?? 6;
  const maxSteps = options.maxSteps ?? 60;
  return (entries) => {
    const flows: Flow[] = [];
    for (const e of entries) {
      if (options.entry && e.id !== options.entry) continue;
      const loc = e.handlerLocation;
      const inline = isInline(e.handler) || (!!loc && isInline(loc.symbol));
      const flow: Flow = { entry: e.id, title: inline ? e.id : `${e.id} → ${e.handler}`, steps: [], omittedCalls: 0 };
      // Symbol steps already listed, by place: reached again, they count as a repeat of the first.
      const listed = new Map<string, FlowStep>();
      // The walk is breadth-first under the step cap, so that a deep chain under the handler's
      // first call cannot crowd out its later calls (the data it reads after authorising): every
      // call of a level is listed before any call of the next. The steps are then read depth-first,
      // each call followed by what it calls, as the code reads.
      const root: FlowNode = { kids: [] };
      let count = 0;
      const add = (parent: FlowNode, step: FlowStep): FlowNode => {
        const node: FlowNode = { step, kids: [] };
        parent.kids.push(node);
        count++;
        return node;
      };
      const levels: WalkJob[][] = [];
      const schedule = (job: WalkJob): void => {
        (levels[job.depth] ??= []).push(job);
      };
      const expand = (job: WalkJob): boolean => {
        const { file, symbol, range, depth, node } = job;
        const path = [...job.path, `${file}#${symbol}@${range.start}`];
        const terminalAt = new Set<number>();
        const calls = graph.callsIn(file, symbol, range, job.registrationLine);
        for (const c of calls) {
          if (count >= maxSteps) {
            flow.truncated = true;
            return false;
          }
          // An inline handler's calls are resolved from the function it is written in (its receiver, its class).
          const target: Callee = graph.resolve(file, symbol === '<inline>' && c.caller ? c.caller : symbol, c.callee, c.line);
          if (target.kind === 'noise' || target.kind === 'library') {
            flow.omittedCalls++;
            continue;
          }
          if (target.kind === 'symbol') {
            const k = `${target.file}#${target.symbol}@${target.range.start}`;
            if (path.includes(k)) continue; // a cycle: the symbol is already on the way here
            const first = listed.get(k);
            // A check the handler calls itself (`verifySlackToken(token)`) is listed as a guard above,
            // and is also a call the handler makes: one call step, not walked again.
            if (first?.kind === 'guard') {
              const call: FlowStep = { file: target.file, symbol: target.symbol, range: target.range, kind: 'call', callee: c.callee, depth: depth + 1, line: c.line };
              listed.set(k, call);
              add(node, call);
              continue;
            }
            if (first) {
              // The same constructor three times is one step to read: count, do not list again.
              first.repeats = (first.repeats ?? 0) + 1;
              continue;
            }
            const step: FlowStep = { file: target.file, symbol: target.symbol, range: target.range, kind: 'call', callee: c.callee, depth: depth + 1, line: c.line };
            listed.set(k, step);
            const kid = add(node, step);
            if (depth + 1 < maxDepth) schedule({ file: target.file, symbol: target.symbol, range: target.range, depth: depth + 1, node: kid, path });
            else flow.truncated = true;
            continue;
          }
          // A method on another call's result (`s.db.QueryRowContext(...).Scan`) that did not resolve
          // to a symbol: the inner call, on the same line, is the step.
          // A store reached through what a function of ours returns (Go `app.Dao().DB().Model(…)`,
          // `Dao.DB` returning the database handle) is a step of its own: the inner call is ours.
          const inner = c.callee.includes('(') ? calls.find((d) => d !== c && d.line === c.line && c.callee.startsWith(d.callee + '(')) : undefined;
          const throughOurs = inner && (target.kind === 'store' || target.kind === 'external') && graph.resolve(file, symbol === '<inline>' && inner.caller ? inner.caller : symbol, inner.callee).kind === 'symbol';
          if (inner && !throughOurs) {
            flow.omittedCalls++;
            continue;
          }
          if (target.kind === 'ownPackage') {
            // The service's own code, installed rather than in the map: a step at the call, not walked.
            const k = `${target.package}#${target.name}`;
            const first = listed.get(k);
            if (first) {
              first.repeats = (first.repeats ?? 0) + 1;
              continue;
            }
            const step: FlowStep = { file, symbol: target.name, range: { start: c.line, end: c.line }, kind: 'call', callee: c.callee, depth: depth + 1, line: c.line, package: target.package };
            listed.set(k, step);
            add(node, step);
            continue;
          }
          // A chain (`select(User).where(...)`) is one call to the reader: one terminal step per line.
          if (terminalAt.has(c.line)) continue;
          terminalAt.add(c.line);
          // A terminal step names its caller: an inline handler by its route.
          const caller = isInline(symbol) ? inlineHandlerName(e) : symbol;
          const step: FlowStep = { file, symbol: caller, range: { start: c.line, end: c.line }, kind: target.kind, callee: c.callee, depth: depth + 1, line: c.line };
          if ('package' in target && target.package) step.package = target.package;
          add(node, step);
        }
        return true;
      };
      /** Every scheduled walk, a level at a time, until the step cap. */
      const walkAll = (): void => {
        for (let d = 0; d < levels.length; d++)
          for (const job of levels[d] ?? []) if (!expand(job)) return;
      };
      // The route's guards run before its handler: they are where a request is let in or refused,
      // so a flow starts there. Each guard's code is one step (the function holding its line), not
      // walked: its helpers would take the handler's path to the data as repeats; a guard whose
      // code is not in the map is listed where it is attached.
      for (const g of e.guards) {
        if (g.kind === 'other') continue;
        const at = guardCode(files, g.file, g.line, e);
        // A check the handler calls (Go `if err := h.auth(r, w); err != nil { return err }`) is
        // placed at the handler: its code is the function holding its refusal, not the handler.
        const called = at && loc && at.file === loc.file && at.sym.path === loc.symbol && g.evidence ? guardCode(files, g.evidence.file, g.evidence.line, e) : undefined;
        const code = (called && called.sym.path !== loc?.symbol ? called : at) ?? (g.evidence ? guardCode(files, g.evidence.file, g.evidence.line, e) : undefined);
        const k = code ? `${code.file}#${code.sym.path}@${code.sym.range.start}` : `${g.file}#${g.name}@${g.line}`;
        if (listed.has(k) || (!code && !files.has(g.file))) continue;
        const step: FlowStep = code
          ? { file: code.file, symbol: code.sym.path, range: code.sym.range, kind: 'guard', callee: g.name, depth: 0 }
          : { file: g.file, symbol: g.name, range: { start: g.line, end: g.line }, kind: 'guard', callee: g.name, depth: 0 };
        listed.set(k, step);
        add(root, step);
      }
      if (!loc) {
        add(root, { file: e.file, symbol: inline ? inlineHandlerName(e) : e.handler, range: { start: e.line, end: e.line }, kind: 'unresolved', callee: e.handler, depth: 0 });
        flow.steps = stepsOf(root);
        flows.push(flow);
        continue;
      }
      // Reached through a framework wrapper (`http(api.posts.browse)`): the registration is the
      // handler, the wrapped action its first call.
      const start = loc.via ? 1 : 0;
      if (loc.via) add(root, { file: e.file, symbol: isInline(e.handler) ? inlineHandlerName(e) : e.handler, range: { start: e.line, end: e.line }, kind: 'handler', depth: 0 });
      const first: FlowStep = loc.via
        ? { file: loc.file, symbol: loc.via, range: loc.range, kind: 'call', callee: e.handler, depth: 1, line: e.line }
        : { file: loc.file, symbol: isInline(loc.symbol) ? inlineHandlerName(e) : loc.symbol, range: loc.range, kind: 'handler', depth: 0 };
      add(root, first);
      listed.set(`${loc.file}#${loc.symbol}@${loc.range.start}`, first);
      // FastAPI dependencies run before the handler and often do its loading (`Depends(get_item_by_id)`).
      for (const dep of e.dependencies ?? []) {
        const k = `${dep.file}#${dep.symbol}@${dep.range.start}`;
        if (listed.has(k)) continue;
        const step: FlowStep = { file: dep.file, symbol: dep.symbol, range: dep.range, kind: 'call', callee: `Depends(${dep.symbol})`, depth: 1, line: e.line };
        listed.set(k, step);
        const node = add(root, step);
        if (maxDepth > 1) schedule({ file: dep.file, symbol: dep.symbol, range: dep.range, depth: 1, node, path: [] });
      }
      // The registration line is left out only in the registration's own file: a handler in another
      // file may well make its call on a line of the same number.
      // Its calls follow the dependencies' walks, at the handler's own place in the reading order.
      const handlerCalls: FlowNode = { kids: [] };
      root.kids.push(handlerCalls);
      schedule({ file: loc.file, symbol: loc.symbol, range: loc.range, depth: start, node: handlerCalls, path: [], ...(start === 0 && loc.file === e.file ? { registrationLine: e.line } : {}) });
      // A handler the map does not hold (in an own package, installed): the call graph has no calls
      // for it, so its first calls are the ones the entry pass read in it; walked on where the map has them.
      if (!files.has(loc.file)) {
        for (const c of loc.calls ?? []) {
          const k = `${c.file}#${c.name}@${c.range.start}`;
          if (listed.has(k) || count >= maxSteps) continue;
          const step: FlowStep = { file: c.file, symbol: c.name, range: c.range, kind: 'call', callee: c.callee, depth: start + 1, line: c.line };
          listed.set(k, step);
          const node = add(root, step);
          if (files.has(c.file) && start + 1 < maxDepth) schedule({ file: c.file, symbol: c.name, range: c.range, depth: start + 1, node, path: [] });
        }
      }
      walkAll();
      flow.steps = stepsOf(root);
      flows.push(flow);
    }
    return flows;
  };
}
