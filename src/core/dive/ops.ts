// Pure operations on the deep-dive model (no I/O): creating one, ids, questions.
import { DeepDiveError } from '../errors';
import type { DeepDive, Question, Scope } from '../model/types';
import { SCHEMA_ID } from '../model/types';
import { DATE_PATTERN, ID_PATTERN } from './validate';
import { templateByName } from './templates';
import { dict } from '../ownKeys';

export interface NewDiveInput {
  title: string;
  id?: string;
  include?: string[];
  exclude?: string[];
  due?: string;
  template?: string;
  baseCommit?: string;
  /** For tests and reproducible output. */
  now?: Date;
}

/** "Auth & Session service!" → "auth-session-service". */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'deep-dive';
}

/** `base`, or `base-2`, `base-3` … whichever is free. */
export function uniqueId(base: string, taken: Iterable<string>): string {
  const set = new Set(taken);
  if (!set.has(base)) return base;
  for (let k = 2; ; k++) if (!set.has(`${base}-${k}`)) return `${base}-${k}`;
}

/** A real calendar date YYYY-MM-DD, or a one-line reason. */
export function checkDate(due: string): string {
  const d = new Date(`${due}T00:00:00Z`);
  if (!DATE_PATTERN.test(due) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== due) {
    throw new DeepDiveError(`not a date: ${JSON.stringify(due)} (expected YYYY-MM-DD, e.g. 2026-03-31)`);
  }
  return due;
}

export function newDive(input: NewDiveInput, existingIds: Iterable<string> = []): DeepDive {
  const title = input.title?.trim();
  if (!title) throw new DeepDiveError('a deep dive needs a title (--title)');
  let id: string;
  if (input.id !== undefined) {
    if (!ID_PATTERN.test(input.id)) throw new DeepDiveError(`not a deep-dive id: ${JSON.stringify(input.id)} (letters, digits, ".", "_", "-")`);
    if (new Set(existingIds).has(input.id)) throw new DeepDiveError(`a deep dive with id "${input.id}" exists already`);
    id = input.id;
  } else {
    id = uniqueId(slugify(title), existingIds);
  }
  const template = input.template !== undefined ? templateByName(input.template) : undefined;
  const questions: Question[] = (template?.questions ?? []).map((q) => ({ id: q.id, text: q.text, status: 'open' }));
  const dive: DeepDive = {
    schema: SCHEMA_ID,
    id,
    title,
    created: (input.now ?? new Date()).toISOString(),
    scope: { include: input.include?.length ? [...input.include] : ['**'], exclude: [...(input.exclude ?? [])] },
    questions,
    flows: [],
    notes: [],
    reading: dict(),
  };
  if (input.due !== undefined) dive.due = checkDate(input.due);
  if (template) dive.template = template.name;
  if (input.baseCommit) dive.baseCommit = input.baseCommit;
  return dive;
}

/** What status and the report say about a deep dive itself: its identity, dates and scope. */
export interface DiveHeading {
  id: string;
  title: string;
  created: string;
  due?: string;
  template?: string;
  baseCommit?: string;
  scope: Scope;
}

export function diveHeading(dive: DeepDive): DiveHeading {
  return {
    id: dive.id,
    title: dive.title,
    created: dive.created,
    ...(dive.due ? { due: dive.due } : {}),
    ...(dive.template ? { template: dive.template } : {}),
    ...(dive.baseCommit ? { baseCommit: dive.baseCommit } : {}),
    // A copy: callers hand the heading on (JSON, the report) while the dive may still change.
    scope: { include: [...dive.scope.include], exclude: [...dive.scope.exclude] },
  };
}

/** Whole days from `now` to the due date (negative when overdue), or undefined without one. */
export function daysLeft(dive: DeepDive, now = new Date()): number | undefined {
  if (!dive.due) return undefined;
  const due = Date.parse(`${dive.due}T00:00:00Z`);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((due - today) / 86_400_000);
}

/** A question counts as answered when marked so or when a note answers it. */
export function isAnswered(dive: DeepDive, q: Question): boolean {
  if (q.status === 'answered') return true;
  const ids = new Set(dive.notes.map((n) => n.id));
  return (q.answeredBy ?? []).some((id) => ids.has(id)) || dive.notes.some((n) => n.links?.question === q.id);
}
