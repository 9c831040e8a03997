// Flow operations: pure functions over the deep-dive model returning new values. A flow is
// untraced until the reader steps onto one of its steps (tracing), and understood when the
// reader says so.
import { DeepDiveError } from '../errors';
import type { Anchor, DeepDive, Flow, FlowStatus, FlowStep } from '../model/types';
import { shortId } from './ids';
import { findFlow, nonEmpty, parseFlowStatus } from './validate';

export interface NewStep {
  anchor: Anchor;
  title?: string;
}

export interface NewFlow {
  title: string;
  /** The entry point a suggested flow starts at. */
  entry?: string;
  steps?: NewStep[];
  id?: string;
}

const iso = (now: Date): string => now.toISOString();

function replaceFlow(dive: DeepDive, flow: Flow): DeepDive {
  return { ...dive, flows: dive.flows.map((f) => (f.id === flow.id ? flow : f)) };
}

function makeStep(step: NewStep, taken: Iterable<string>): FlowStep {
  const s: FlowStep = { id: shortId('s', taken), anchor: step.anchor };
  if (step.title !== undefined && step.title.trim() !== '') s.title = step.title;
  return s;
}

/** A new flow, empty or from a suggested one (its steps already anchored by the caller). */
export function createFlow(dive: DeepDive, input: NewFlow, now = new Date()): { dive: DeepDive; flow: Flow } {
  const id = input.id ?? shortId('f', dive.flows.map((f) => f.id));
  if (dive.flows.some((f) => f.id === id)) throw new DeepDiveError(`a flow "${id}" exists already`);
  const steps: FlowStep[] = [];
  for (const s of input.steps ?? []) steps.push(makeStep(s, steps.map((x) => x.id)));
  const flow: Flow = { id, title: nonEmpty(input.title, 'the flow title'), status: 'untraced', steps, created: iso(now) };
  if (input.entry) flow.entry = input.entry;
  return { dive: { ...dive, flows: [...dive.flows, flow] }, flow };
}

export function renameFlow(dive: DeepDive, flowId: string, title: string, now = new Date()): DeepDive {
  return replaceFlow(dive, { ...findFlow(dive, flowId), title: nonEmpty(title, 'the flow title'), updated: iso(now) });
}

/** Removes a flow; notes on it keep their text and become notes on the whole deep dive. */
export function deleteFlow(dive: DeepDive, flowId: string): DeepDive {
  findFlow(dive, flowId);
  const notes = dive.notes.map((n) => (n.target.type === 'flow' && n.target.flow === flowId ? { ...n, target: { type: 'dive' as const } } : n));
  return { ...dive, flows: dive.flows.filter((f) => f.id !== flowId), notes };
}

/**
 * The index of a step named by its id or by its 1-based position ("3"), as a person types it.
 */
export function stepIndex(flow: Flow, ref: string): number {
  const byId = flow.steps.findIndex((s) => s.id === ref);
  if (byId >= 0) return byId;
  if (/^\d+$/.test(ref)) {
    const k = Number(ref);
    if (k >= 1 && k <= flow.steps.length) return k - 1;
    throw new DeepDiveError(`flow "${flow.id}" has ${flow.steps.length} step${flow.steps.length === 1 ? '' : 's'}, no step ${k}`);
  }
  throw new DeepDiveError(`no step "${ref}" in flow "${flow.id}"`);
}

/** Adds a step at `at` (0-based; the end by default). */
export function addStep(dive: DeepDive, flowId: string, step: NewStep, at?: number, now = new Date()): { dive: DeepDive; step: FlowStep } {
  const flow = findFlow(dive, flowId);
  const index = at ?? flow.steps.length;
  if (!Number.isInteger(index) || index < 0 || index > flow.steps.length) throw new DeepDiveError(`position ${index + 1} is outside flow "${flowId}" (1-${flow.steps.length + 1})`);
  const made = makeStep(step, flow.steps.map((s) => s.id));
  const steps = [...flow.steps.slice(0, index), made, ...flow.steps.slice(index)];
  return { dive: replaceFlow(dive, { ...flow, steps, updated: iso(now) }), step: made };
}

export function removeStep(dive: DeepDive, flowId: string, stepRef: string, now = new Date()): DeepDive {
  const flow = findFlow(dive, flowId);
  const i = stepIndex(flow, stepRef);
  return replaceFlow(dive, { ...flow, steps: flow.steps.filter((_, k) => k !== i), updated: iso(now) });
}

/** Moves a step to a 0-based position. */
export function moveStep(dive: DeepDive, flowId: string, stepRef: string, to: number, now = new Date()): DeepDive {
  const flow = findFlow(dive, flowId);
  const from = stepIndex(flow, stepRef);
  if (!Number.isInteger(to) || to < 0 || to >= flow.steps.length) throw new DeepDiveError(`position ${to + 1} is outside flow "${flowId}" (1-${flow.steps.length})`);
  const steps = [...flow.steps];
  const [moved] = steps.splice(from, 1);
  steps.splice(to, 0, moved);
  return replaceFlow(dive, { ...flow, steps, updated: iso(now) });
}

export function renameStep(dive: DeepDive, flowId: string, stepRef: string, title: string, now = new Date()): DeepDive {
  const flow = findFlow(dive, flowId);
  const i = stepIndex(flow, stepRef);
  const steps = flow.steps.map((s, k) => {
    if (k !== i) return s;
    const next: FlowStep = { ...s };
    if (title.trim() === '') delete next.title;
    else next.title = title;
    return next;
  });
  return replaceFlow(dive, { ...flow, steps, updated: iso(now) });
}

/** Re-anchors a step (after a reanchor found it elsewhere, or "Re-attach here"). */
export function reattachStep(dive: DeepDive, flowId: string, stepRef: string, anchor: Anchor, now = new Date()): DeepDive {
  const flow = findFlow(dive, flowId);
  const i = stepIndex(flow, stepRef);
  return replaceFlow(dive, { ...flow, steps: flow.steps.map((s, k) => (k === i ? { ...s, anchor } : s)), updated: iso(now) });
}

export function setFlowStatus(dive: DeepDive, flowId: string, status: FlowStatus | string, now = new Date()): DeepDive {
  return replaceFlow(dive, { ...findFlow(dive, flowId), status: parseFlowStatus(status), updated: iso(now) });
}

/** The reader stepped onto a step: it is visited, and an untraced flow is now being traced. */
export function visitStep(dive: DeepDive, flowId: string, stepRef: string, now = new Date()): DeepDive {
  const flow = findFlow(dive, flowId);
  const i = stepIndex(flow, stepRef);
  const steps = flow.steps.map((s, k) => (k === i ? { ...s, visited: true } : s));
  const status: FlowStatus = flow.status === 'untraced' ? 'tracing' : flow.status;
  return replaceFlow(dive, { ...flow, steps, status, updated: iso(now) });
}

export interface StepPosition {
  step: FlowStep;
  /** 0-based. */
  index: number;
  total: number;
  /** "step 3/7 · POST /login". */
  label: string;
}

function position(flow: Flow, index: number): StepPosition {
  const step = flow.steps[index];
  return { step, index, total: flow.steps.length, label: `step ${index + 1}/${flow.steps.length} · ${step.title ?? flow.title}` };
}

/** The step after `current` (the first when none), or undefined at the end. */
export function nextStep(flow: Flow, current?: string): StepPosition | undefined {
  if (flow.steps.length === 0) return undefined;
  if (current === undefined) return position(flow, 0);
  const i = stepIndex(flow, current);
  return i + 1 < flow.steps.length ? position(flow, i + 1) : undefined;
}

/** The step before `current` (the last when none), or undefined at the start. */
export function previousStep(flow: Flow, current?: string): StepPosition | undefined {
  if (flow.steps.length === 0) return undefined;
  if (current === undefined) return position(flow, flow.steps.length - 1);
  const i = stepIndex(flow, current);
  return i > 0 ? position(flow, i - 1) : undefined;
}
