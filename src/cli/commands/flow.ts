import * as fs from 'node:fs';
import { resolveDiveId } from '../../core/dive/active';
import { loadDive, saveDive } from '../../core/dive/store';
import { DeepDiveError } from '../../core/errors';
import type { DeepDive } from '../../core/model/types';
import { anchorAt } from '../../core/notes/anchorAt';
import { addStep, createFlow, deleteFlow, moveStep, nextStep, previousStep, removeStep, renameFlow, renameStep, setFlowStatus, stepIndex, visitStep } from '../../core/notes/flowOps';
import { resolveStepLocations } from '../../core/notes/locations';
import { findFlow } from '../../core/notes/validate';
import { resolveInside } from '../../core/paths';
import { stringOption } from '../options';
import type { CliCommand, CliContext } from '../types';

const USAGE = [
  'deepdive flow list [--dive ID] [--json]',
  '       deepdive flow create --title T [--entry ROUTE_ID]',
  '       deepdive flow rename FLOW_ID --title T | flow delete FLOW_ID',
  '       deepdive flow status FLOW_ID untraced|tracing|understood',
  '       deepdive flow step add FLOW_ID FILE:START-END [--title T] [--at N]',
  '       deepdive flow step remove|rename FLOW_ID STEP [--title T]   (STEP: id or 1-based number)',
  '       deepdive flow step move FLOW_ID STEP N',
  '       deepdive flow step next|previous FLOW_ID [STEP]   (marks the step visited)',
].join('\n');

function positiveInt(value: string, what: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new DeepDiveError(`${what} must be a number from 1, got "${value}"`);
  return Number(value);
}

function need(args: string[], count: number, usage: string): void {
  if (args.length < count) throw new DeepDiveError(`missing arguments: deepdive flow ${usage}`);
}

function readText(root: string): (p: string) => string | undefined {
  return (p) => {
    try {
      return fs.readFileSync(resolveInside(root, p), 'utf8');
    } catch {
      return undefined;
    }
  };
}

function list(ctx: CliContext, diveId: string, dive: DeepDive): void {
  const steps = resolveStepLocations(dive, readText(ctx.root));
  const flows = dive.flows.map((f) => ({
    id: f.id,
    title: f.title,
    status: f.status,
    ...(f.entry ? { entry: f.entry } : {}),
    steps: f.steps.map((s, i) => {
      const loc = steps.find((l) => l.flow === f.id && l.step === s.id)!;
      return { id: s.id, index: i + 1, title: s.title, visited: s.visited === true, file: loc.file, line: loc.line, endLine: loc.endLine, anchor: loc.anchor, confidence: loc.confidence };
    }),
  }));
  if (ctx.json) {
    ctx.out(JSON.stringify({ dive: diveId, flows }, null, 2));
    return;
  }
  if (!flows.length) ctx.out(`no flows in deep dive ${diveId}`);
  for (const f of flows) {
    ctx.out(`${f.id}  ${f.status}  ${f.title}${f.entry ? `  (entry ${f.entry})` : ''}`);
    for (const s of f.steps) ctx.out(`  ${s.index}. ${s.visited ? '✓' : ' '} ${s.file}:${s.line}-${s.endLine} [${s.anchor}]${s.title ? `  ${s.title}` : ''}  (${s.id})`);
  }
}

/** Applies one change and saves; returns the message to print. */
async function change(ctx: CliContext, dive: DeepDive, verb: string, args: string[]): Promise<{ dive: DeepDive; message: string; data: unknown }> {
  switch (verb) {
    case 'create': {
      const title = stringOption(ctx, 'title');
      if (!title) throw new DeepDiveError('--title is required');
      const r = createFlow(dive, { title, entry: stringOption(ctx, 'entry') });
      return { dive: r.dive, message: `created flow ${r.flow.id} "${r.flow.title}"`, data: r.flow };
    }
    case 'rename': {
      need(args, 1, 'rename FLOW_ID --title T');
      const title = stringOption(ctx, 'title');
      if (!title) throw new DeepDiveError('--title is required');
      const next = renameFlow(dive, args[0], title);
      return { dive: next, message: `renamed flow ${args[0]} "${title}"`, data: findFlow(next, args[0]) };
    }
    case 'delete': {
      need(args, 1, 'delete FLOW_ID');
      return { dive: deleteFlow(dive, args[0]), message: `deleted flow ${args[0]}`, data: null };
    }
    case 'status': {
      need(args, 2, 'status FLOW_ID untraced|tracing|understood');
      const next = setFlowStatus(dive, args[0], args[1]);
      return { dive: next, message: `flow ${args[0]} is ${findFlow(next, args[0]).status}`, data: findFlow(next, args[0]) };
    }
  }
  throw new DeepDiveError(`unknown flow action "${verb}" (list, create, rename, delete, status, step)`);
}

async function stepChange(ctx: CliContext, dive: DeepDive, args: string[]): Promise<{ dive: DeepDive; message: string; data: unknown }> {
  const [verb, flowId, ...rest] = args;
  if (!verb || !flowId) throw new DeepDiveError('usage: deepdive flow step add|remove|move|rename|next|previous FLOW_ID ...');
  const flow = findFlow(dive, flowId);
  switch (verb) {
    case 'add': {
      need(rest, 1, 'step add FLOW_ID FILE:START-END');
      const at = stringOption(ctx, 'at');
      const index = at === undefined ? undefined : positiveInt(at, '--at') - 1;
      const r = addStep(dive, flowId, { anchor: await anchorAt(ctx.root, rest[0]), title: stringOption(ctx, 'title') }, index);
      const pos = findFlow(r.dive, flowId).steps.findIndex((s) => s.id === r.step.id) + 1;
      return { dive: r.dive, message: `added step ${pos} (${r.step.id}) to flow ${flowId}: ${r.step.anchor.path}:${r.step.anchor.range.start}-${r.step.anchor.range.end}`, data: r.step };
    }
    case 'remove':
      need(rest, 1, 'step remove FLOW_ID STEP');
      return { dive: removeStep(dive, flowId, rest[0]), message: `removed step ${rest[0]} from flow ${flowId}`, data: null };
    case 'rename': {
      need(rest, 1, 'step rename FLOW_ID STEP --title T');
      const title = stringOption(ctx, 'title');
      if (title === undefined) throw new DeepDiveError('--title is required');
      return { dive: renameStep(dive, flowId, rest[0], title), message: `renamed step ${rest[0]} of flow ${flowId}`, data: null };
    }
    case 'move': {
      need(rest, 2, 'step move FLOW_ID STEP N');
      const to = positiveInt(rest[1], 'the new position') - 1;
      return { dive: moveStep(dive, flowId, rest[0], to), message: `moved step ${rest[0]} of flow ${flowId} to position ${to + 1}`, data: null };
    }
    case 'next':
    case 'previous':
    case 'prev': {
      // Without STEP, "next" goes on from the furthest step visited (each run is a new process:
      // starting from step 1 every time left a flow stepped six times with one step visited).
      const furthest = verb === 'next' ? flow.steps.map((x) => !!x.visited).lastIndexOf(true) : -1;
      const current = rest[0] !== undefined ? flow.steps[stepIndex(flow, rest[0])].id : furthest >= 0 ? flow.steps[furthest].id : undefined;
      const pos = verb === 'next' ? nextStep(flow, current) : previousStep(flow, current);
      if (!pos) throw new DeepDiveError(flow.steps.length ? `no ${verb === 'next' ? 'next' : 'previous'} step in flow ${flowId}` : `flow ${flowId} has no steps`);
      const next = visitStep(dive, flowId, pos.step.id);
      const a = pos.step.anchor;
      return { dive: next, message: `${pos.label}  ${a.path}:${a.range.start}-${a.range.end}`, data: { ...pos, flowStatus: findFlow(next, flowId).status } };
    }
  }
  throw new DeepDiveError(`unknown step action "${verb}" (add, remove, rename, move, next, previous)`);
}

export const flowCommand: CliCommand = {
  name: 'flow',
  usage: USAGE,
  options: {
    dive: { type: 'string' },
    title: { type: 'string' },
    entry: { type: 'string' },
    at: { type: 'string' },
  },
  async run(ctx) {
    const [verb, ...args] = ctx.positionals;
    if (!verb) throw new DeepDiveError('say what to do: list, create, rename, delete, status or step');
    const diveId = resolveDiveId(ctx.root, stringOption(ctx, 'dive'));
    const loaded = loadDive(ctx.root, diveId);
    if (verb === 'list') return list(ctx, diveId, loaded.dive);
    const r = verb === 'step' ? await stepChange(ctx, loaded.dive, args) : await change(ctx, loaded.dive, verb, args);
    loaded.dive = r.dive;
    const { merged } = saveDive(loaded);
    if (ctx.json) ctx.out(JSON.stringify({ dive: diveId, merged, result: r.data }, null, 2));
    else ctx.out(`${r.message} (deep dive ${diveId})${merged ? ' (merged a change made on disk)' : ''}`);
  },
};
