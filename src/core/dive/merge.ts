// Three-way merge of a deep dive: `base` is what was loaded, `ours` the in-memory edit, `theirs`
// what is on disk now (another window, a git pull). The rule is: never lose a note, a question, a
// flow or a read line. Items merge by id; reading ranges are unioned.
import type { DeepDive, FileReading, Flow, Note, Question } from '../model/types';
import { unionRanges } from '../coverage/ranges';
import { bareSpans } from '../coverage/spanReading';
import { dict, getOwn, setOwn } from '../ownKeys';

type WithId = { id: string };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Field-level three-way pick: whoever changed it wins; if both did, ours. */
function pick<T>(base: T, ours: T, theirs: T): T {
  if (same(ours, base)) return theirs;
  return ours;
}

function mergeById<T extends WithId>(base: T[], ours: T[], theirs: T[], conflict: (o: T, t: T) => T[]): T[] {
  const b = new Map(base.map((x) => [x.id, x]));
  const o = new Map(ours.map((x) => [x.id, x]));
  const t = new Map(theirs.map((x) => [x.id, x]));
  // A Set keeps the order of first appearance and stays linear in the dive's size.
  const order = new Set<string>();
  for (const x of ours) order.add(x.id);
  for (const x of theirs) order.add(x.id);
  const out: T[] = [];
  for (const id of order) {
    const bx = b.get(id);
    const ox = o.get(id);
    const tx = t.get(id);
    if (ox && tx) {
      // Added on both sides under one id with different content (no base): both are kept.
      if (same(ox, tx) || (bx && same(tx, bx))) out.push(ox);
      else if (same(ox, bx)) out.push(tx);
      else out.push(...conflict(ox, tx));
    } else if (ox) {
      // Gone on disk: a deletion there wins only over an item we did not touch.
      if (!bx || !same(ox, bx)) out.push(ox);
    } else if (tx) {
      if (!bx || !same(tx, bx)) out.push(tx);
    }
  }
  return out;
}

function uniqueId(id: string, taken: Set<string>): string {
  let k = 2;
  while (taken.has(`${id}-conflict-${k}`)) k++;
  return `${id}-conflict-${k}`;
}

function mergeReading(base: Record<string, FileReading>, ours: Record<string, FileReading>, theirs: Record<string, FileReading>): Record<string, FileReading> {
  const out: Record<string, FileReading> = dict();
  for (const path of new Set([...Object.keys(ours), ...Object.keys(theirs)])) {
    const o = getOwn(ours, path);
    const t = getOwn(theirs, path);
    const b = getOwn(base, path);
    if (!o || !t) {
      // Present on one side only: a deletion (mark unread of a whole file) on the side that
      // changed it wins; otherwise keep what there is.
      const only = (o ?? t)!;
      if (b && same(only, b)) continue;
      setOwn(out, path, only);
      continue;
    }
    const seconds = Math.max(0, o.seconds + t.seconds - (b?.seconds ?? 0));
    const fps = new Map((t.fingerprints ?? []).map((f) => [f.symbol, f]));
    for (const f of o.fingerprints ?? []) fps.set(f.symbol, f);
    // Read spans of both sides: each finds its lines in today's text on its own, so the union is
    // what either side read (even on two branches of different code).
    // A side written before spans existed brings its lines as spans that keep their numbers.
    const withSpans = o.spans || t.spans;
    const spansOf = (r: FileReading) => r.spans ?? (withSpans ? bareSpans(r.ranges) : []);
    const spans = new Map([...spansOf(t), ...spansOf(o)].map((x) => [`${x.start}:${x.end}:${x.blob ?? ''}:${x.hashes}`, x]));
    const lastRead = [o.lastRead, t.lastRead].filter((x): x is string => !!x).sort().pop();
    setOwn(out, path, {
      ranges: unionRanges(o.ranges, t.ranges),
      seconds: Math.round(seconds * 10) / 10,
      ...(lastRead ? { lastRead } : {}),
      ...(fps.size ? { fingerprints: [...fps.values()] } : {}),
      ...(spans.size ? { spans: [...spans.values()] } : {}),
    });
  }
  return out;
}

export function mergeDives(base: DeepDive, ours: DeepDive, theirs: DeepDive): DeepDive {
  const result: Record<string, unknown> = dict();
  const keys = new Set([...Object.keys(base), ...Object.keys(ours), ...Object.keys(theirs)]);
  for (const k of keys) {
    const bk = (base as unknown as Record<string, unknown>)[k];
    const ok = (ours as unknown as Record<string, unknown>)[k];
    const tk = (theirs as unknown as Record<string, unknown>)[k];
    result[k] = pick(bk, ok, tk);
  }
  const noteIds = new Set([...ours.notes, ...theirs.notes].map((n) => n.id));
  result.notes = mergeById<Note>(base.notes, ours.notes, theirs.notes, (o, t) => {
    // Both sides edited the same note: keep both, theirs under a fresh id, so no text is lost.
    const id = uniqueId(t.id, noteIds);
    noteIds.add(id);
    return [o, { ...t, id }];
  });
  const flowIds = new Set([...ours.flows, ...theirs.flows].map((n) => n.id));
  result.flows = mergeById<Flow>(base.flows, ours.flows, theirs.flows, (o, t) => {
    const id = uniqueId(t.id, flowIds);
    flowIds.add(id);
    return [o, { ...t, id, title: `${t.title} (changed elsewhere)` }];
  });
  result.questions = mergeById<Question>(base.questions, ours.questions, theirs.questions, (o, t) => {
    const answeredBy = [...new Set([...(o.answeredBy ?? []), ...(t.answeredBy ?? [])])];
    return [{ ...t, ...o, ...(answeredBy.length ? { answeredBy } : {}), status: o.status === 'answered' || t.status === 'answered' ? 'answered' : 'open' }];
  });
  result.reading = mergeReading(base.reading ?? {}, ours.reading ?? {}, theirs.reading ?? {});
  return result as unknown as DeepDive;
}
