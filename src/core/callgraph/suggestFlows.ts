// Suggested flows: from each entry point's handler, follow the static call graph (calls resolved
// through imports, same-file and same-package symbols, and methods through their class where the
// receiver names it) depth-first, down to data-store and external calls. Unresolved calls stay in
// the flow as such; built-in noise is counted, not listed; cycles and depth are bounded.
import type { LineRange } from '../model/types';
import type { RepoMap } from '../map/types';
import type { EntryPoint } from '../entry/types';
import { CallGraph, type Callee } from './callGraph';

export type StepKind = 'handler' | 'call' | 'store' | 'external' | 'unresolved';

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
  /** The package a terminal call goes to, when known. */
  package?: string;
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
}

export function suggestFlows(map: RepoMap, entries: EntryPoint[], options: FlowOptions = {}): Flow[] {
  const graph = new CallGraph(map);
  const maxDepth = options.maxDepth ?? 6;
  const maxSteps = options.maxSteps ?? 60;
  const flows: Flow[] = [];
  for (const e of entries) {
    if (options.entry && e.id !== options.entry) continue;
    const loc = e.handlerLocation;
    const flow: Flow = { entry: e.id, title: `${e.id} → ${e.handler}`, steps: [], omittedCalls: 0 };
    if (!loc) {
      flow.steps.push({ file: e.file, symbol: e.handler, range: { start: e.line, end: e.line }, kind: 'unresolved', callee: e.handler, depth: 0 });
      flows.push(flow);
      continue;
    }
    // Reached through a framework wrapper (`http(api.posts.browse)`): the registration is the
    // handler, the wrapped action its first call.
    const start = loc.via ? 1 : 0;
    if (loc.via) {
      flow.steps.push({ file: e.file, symbol: e.handler, range: { start: e.line, end: e.line }, kind: 'handler', depth: 0 });
      flow.steps.push({ file: loc.file, symbol: loc.via, range: loc.range, kind: 'call', callee: e.handler, depth: 1, line: e.line });
    } else flow.steps.push({ file: loc.file, symbol: loc.symbol, range: loc.range, kind: 'handler', depth: 0 });
    const visited = new Set<string>([`${loc.file}#${loc.symbol}@${loc.range.start}`]);
    const stack: string[] = [];
    const walk = (file: string, symbol: string, range: LineRange, depth: number): void => {
      stack.push(`${file}#${symbol}@${range.start}`);
      const terminalAt = new Set<number>();
      const calls = graph.callsIn(file, symbol, range, depth === 0 ? e.line : undefined);
      for (const c of calls) {
        if (flow.steps.length >= maxSteps) {
          flow.truncated = true;
          return;
        }
        // An inline handler's calls are resolved from the function it is written in (its receiver, its class).
        const target: Callee = graph.resolve(file, symbol === '<inline>' && c.caller ? c.caller : symbol, c.callee);
        if (target.kind === 'noise' || target.kind === 'library') {
          flow.omittedCalls++;
          continue;
        }
        if (target.kind === 'symbol') {
          const k = `${target.file}#${target.symbol}@${target.range.start}`;
          if (stack.includes(k)) continue; // a cycle: the symbol is already on the way here
          const seen = visited.has(k);
          visited.add(k);
          flow.steps.push({ file: target.file, symbol: target.symbol, range: target.range, kind: 'call', callee: c.callee, depth: depth + 1, line: c.line });
          // A symbol already expanded in this flow is listed again but not walked twice.
          if (seen) continue;
          if (depth + 1 < maxDepth) walk(target.file, target.symbol, target.range, depth + 1);
          else flow.truncated = true;
          continue;
        }
        // A method on another call's result (`s.db.QueryRowContext(...).Scan`) that did not resolve
        // to a symbol: the inner call, on the same line, is the step.
        if (c.callee.includes('(') && calls.some((d) => d !== c && d.line === c.line && c.callee.startsWith(d.callee + '('))) {
          flow.omittedCalls++;
          continue;
        }
        // A chain (`select(User).where(...)`) is one call to the reader: one terminal step per line.
        if (terminalAt.has(c.line)) continue;
        terminalAt.add(c.line);
        const step: FlowStep = { file, symbol, range: { start: c.line, end: c.line }, kind: target.kind, callee: c.callee, depth: depth + 1, line: c.line };
        if ('package' in target && target.package) step.package = target.package;
        flow.steps.push(step);
      }
      stack.pop();
    };
    // FastAPI dependencies run before the handler and often do its loading (`Depends(get_item_by_id)`).
    for (const dep of e.dependencies ?? []) {
      const k = `${dep.file}#${dep.symbol}@${dep.range.start}`;
      if (visited.has(k)) continue;
      visited.add(k);
      flow.steps.push({ file: dep.file, symbol: dep.symbol, range: dep.range, kind: 'call', callee: `Depends(${dep.symbol})`, depth: 1, line: e.line });
      if (maxDepth > 1) walk(dep.file, dep.symbol, dep.range, 1);
    }
    walk(loc.file, loc.symbol, loc.range, start);
    flows.push(flow);
  }
  return flows;
}
