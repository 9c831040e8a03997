import * as fs from 'node:fs';
import { loadDive, saveDive } from '../../core/dive/store';
import { DeepDiveError } from '../../core/errors';
import type { NoteTarget } from '../../core/model/types';
import { resolveNoteLocations } from '../../core/notes/locations';
import { addNote, deleteNote, editNote, linkNoteToQuestion, replyToNote, resolveNote } from '../../core/notes/noteOps';
import { findNote } from '../../core/notes/validate';
import { resolveInside } from '../../core/paths';
import { stringOption } from '../options';
import type { CliCommand, CliContext } from '../types';
import { anchorAt } from '../../core/notes/anchorAt';
import { resolveDiveId } from '../../core/dive/active';
import { markDecision, parseDecision } from '../../core/report/plans';
import { setLeadState } from '../../core/report/sarif/leads';
import { issueLink } from '../../core/report/issueLink';
import { readRemote } from '../../core/report/remote';
import { noteAuthor } from '../../core/notes/author';

const USAGE = [
  'deepdive note add [--dive ID] FILE:LINE[-END] --kind KIND --body TEXT [--severity S] [--impact TEXT] [--question QID] [--decision kept|revisit]',
  '       deepdive note add [--dive ID] (--module M | --flow F | --whole) --kind KIND --body TEXT ...',
  '       deepdive note list [--dive ID] [--json]',
  '       deepdive note edit|reply|resolve|reopen|delete NOTE_ID [--body TEXT] [--kind K] [--severity S] [--question QID] [--decision kept|revisit|none]',
  '       deepdive note confirm|dismiss NOTE_ID     a scanner lead (deepdive import) becomes a finding, or is set aside',
  '       deepdive note issue-url NOTE_ID [--json]    the prefilled new-issue page of the GitHub/GitLab remote (nothing is sent)',
].join('\n');

function readText(root: string): (p: string) => string | undefined {
  return (p) => {
    try {
      return fs.readFileSync(resolveInside(root, p), 'utf8');
    } catch {
      return undefined;
    }
  };
}

async function add(ctx: CliContext, diveId: string, args: string[]): Promise<void> {
  const kind = stringOption(ctx, 'kind');
  const body = stringOption(ctx, 'body');
  if (!kind) throw new DeepDiveError('--kind is required (decision, gap, risk, question, insight)');
  if (body === undefined) throw new DeepDiveError('--body is required');
  const module = stringOption(ctx, 'module');
  const flow = stringOption(ctx, 'flow');
  let target: NoteTarget;
  if (args.length > 1) throw new DeepDiveError(`one FILE:LINE[-END] per note, got ${args.length}`);
  if (args.length === 1) target = { type: 'code', anchor: await anchorAt(ctx.root, args[0]) };
  else if (module) target = { type: 'module', module };
  else if (flow) target = { type: 'flow', flow };
  else if (ctx.values.whole === true) target = { type: 'dive' };
  else throw new DeepDiveError('say where the note goes: FILE:LINE[-END], --module M, --flow F or --whole');
  const loaded = loadDive(ctx.root, diveId);
  if (target.type === 'flow' && !loaded.dive.flows.some((f) => f.id === flow)) throw new DeepDiveError(`no flow "${flow}" in deep dive "${diveId}"`);
  const links: Record<string, string> = {};
  if (module && target.type !== 'module') links.module = module;
  if (flow && target.type !== 'flow') links.flow = flow;
  const question = stringOption(ctx, 'question');
  if (question !== undefined) links.question = question;
  // The same author the editor writes: the git user of this repository, else the login name.
  const author = await noteAuthor(ctx.root, { trusted: true });
  const added = addNote(loaded.dive, { kind, body, severity: stringOption(ctx, 'severity'), impact: stringOption(ctx, 'impact'), target, links, ...(author ? { author } : {}) });
  let dive = added.dive;
  // --decision at add as at edit: an option taken and dropped would file the leader's "keep this"
  // under "not yet marked" in the report. markDecision refuses it on other kinds of note.
  const decision = stringOption(ctx, 'decision');
  if (decision !== undefined) dive = markDecision(dive, added.note.id, parseDecision(decision));
  const note = dive.notes.find((n) => n.id === added.note.id)!;
  loaded.dive = dive;
  const { merged } = saveDive(loaded);
  if (ctx.json) {
    ctx.out(JSON.stringify({ dive: diveId, merged, note }, null, 2));
    return;
  }
  const where = note.target.type === 'code' ? `${note.target.anchor.path}:${note.target.anchor.range.start}-${note.target.anchor.range.end}${note.target.anchor.symbol ? ` (${note.target.anchor.symbol})` : ''}` : note.target.type;
  ctx.out(`added ${note.kind} note ${note.id} on ${where}${question ? `, answering ${question}` : ''} (deep dive ${diveId})`);
}

function list(ctx: CliContext, diveId: string): void {
  const { dive } = loadDive(ctx.root, diveId);
  const locations = resolveNoteLocations(dive, readText(ctx.root));
  if (ctx.json) {
    ctx.out(JSON.stringify({ dive: diveId, notes: locations }, null, 2));
    return;
  }
  if (!locations.length) {
    ctx.out(`no notes in deep dive ${diveId}`);
    return;
  }
  // By id once: a find per line made listing quadratic in the number of notes.
  const byId = new Map(dive.notes.map((n) => [n.id, n]));
  for (const l of locations) {
    const note = byId.get(l.id)!;
    const where = l.file ? `${l.file}:${l.line}${l.endLine !== l.line ? `-${l.endLine}` : ''} [${l.anchor}]` : l.target === 'dive' ? '(whole deep dive)' : `(${l.target} ${note.target.type === 'module' ? note.target.module : note.target.type === 'flow' ? note.target.flow : ''})`;
    const sev = note.severity ? `/${note.severity}` : '';
    ctx.out(`${l.id}  ${l.kind}${sev}  ${l.status}  ${where}  ${l.body.split('\n')[0]}`);
  }
}

function issueUrl(ctx: CliContext, diveId: string, args: string[]): void {
  if (args.length !== 1) throw new DeepDiveError('name one note: deepdive note issue-url NOTE_ID');
  const { dive } = loadDive(ctx.root, diveId);
  const loc = resolveNoteLocations(dive, readText(ctx.root)).find((l) => l.id === args[0]);
  const now = loc?.file && loc.anchor !== 'orphaned' ? { file: loc.file, line: loc.line!, endLine: loc.endLine! } : undefined;
  const link = issueLink(readRemote(ctx.root), dive, args[0], now);
  ctx.out(ctx.json ? JSON.stringify({ dive: diveId, note: args[0], ...link }, null, 2) : link.url);
}

async function change(ctx: CliContext, diveId: string, verb: string, args: string[]): Promise<void> {
  if (args.length !== 1) throw new DeepDiveError(`name one note: deepdive note ${verb} NOTE_ID`);
  const id = args[0];
  const loaded = loadDive(ctx.root, diveId);
  findNote(loaded.dive, id);
  let dive = loaded.dive;
  const body = stringOption(ctx, 'body');
  switch (verb) {
    case 'edit': {
      const question = stringOption(ctx, 'question');
      const decision = stringOption(ctx, 'decision');
      const patch = { body, kind: stringOption(ctx, 'kind'), severity: stringOption(ctx, 'severity'), impact: stringOption(ctx, 'impact') };
      if (Object.values(patch).every((v) => v === undefined) && question === undefined && decision === undefined) throw new DeepDiveError('nothing to change: give --body, --kind, --severity, --impact, --question or --decision');
      if (Object.values(patch).some((v) => v !== undefined)) dive = editNote(dive, id, patch);
      if (question !== undefined) dive = linkNoteToQuestion(dive, id, question);
      if (decision !== undefined) dive = markDecision(dive, id, parseDecision(decision));
      break;
    }
    case 'reply':
      if (body === undefined) throw new DeepDiveError('--body is required');
      dive = replyToNote(dive, id, body, await noteAuthor(ctx.root, { trusted: true })).dive;
      break;
    case 'resolve':
    case 'reopen':
      dive = resolveNote(dive, id, verb === 'resolve');
      break;
    case 'delete':
      dive = deleteNote(dive, id);
      break;
    case 'confirm':
    case 'dismiss':
      dive = setLeadState(dive, id, verb === 'confirm' ? 'confirmed' : 'dismissed');
      break;
  }
  loaded.dive = dive;
  const { merged } = saveDive(loaded);
  if (ctx.json) ctx.out(JSON.stringify({ dive: diveId, merged, note: dive.notes.find((n) => n.id === id) ?? null }, null, 2));
  else ctx.out(`${{ delete: 'deleted', reply: 'replied to', edit: 'edited', resolve: 'resolved', reopen: 'reopened', confirm: 'confirmed', dismiss: 'dismissed' }[verb] ?? verb} note ${id} (deep dive ${diveId})`);
}

export const noteCommand: CliCommand = {
  name: 'note',
  usage: USAGE,
  options: {
    dive: { type: 'string' },
    kind: { type: 'string' },
    body: { type: 'string' },
    severity: { type: 'string' },
    impact: { type: 'string' },
    question: { type: 'string' },
    module: { type: 'string' },
    flow: { type: 'string' },
    whole: { type: 'boolean' },
    decision: { type: 'string' },
  },
  async run(ctx) {
    const [verb, ...args] = ctx.positionals;
    if (!verb) throw new DeepDiveError('say what to do: add, list, edit, reply, resolve, reopen or delete');
    const diveId = resolveDiveId(ctx.root, stringOption(ctx, 'dive'));
    if (verb === 'add') return add(ctx, diveId, args);
    if (verb === 'list') return list(ctx, diveId);
    if (verb === 'issue-url') return issueUrl(ctx, diveId, args);
    if (['edit', 'reply', 'resolve', 'reopen', 'delete', 'confirm', 'dismiss'].includes(verb)) return change(ctx, diveId, verb, args);
    throw new DeepDiveError(`unknown note action "${verb}" (add, list, edit, reply, resolve, reopen, delete, confirm, dismiss, issue-url)`);
  },
};
