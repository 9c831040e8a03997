// Recommendations derived from the evidence, not invented: routes open without a recorded
// reason, knowledge held by one person, hotspots nobody read, open severe risks, modules barely
// read, flows not traced. Whether a route is open or public on purpose is the analyser's call
// (entry/guardState.ts); a route the leader already wrote a note on is theirs, not repeated here.
import type { Severity } from '../model/types';
import { protectionOf } from '../entry/protection';
import { isOpenUnexplained } from './entries';
import { firstSentence } from './sentences';
import type { Recommendation, ReportData } from './types';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE', 'ANY']);

const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

export function recommend(data: Omit<ReportData, 'compare'>): Recommendation[] {
  const out: Recommendation[] = [];
  const byId = new Map(data.notes.map((n) => [n.id, n]));

  const noted = (e: { notes?: string[] }) => !!e.notes?.length;
  for (const e of data.entries.filter((x) => isOpenUnexplained(x) && !noted(x))) {
    out.push({
      id: `unguarded-route:${e.id}`,
      kind: 'unguarded-route',
      severity: MUTATING.has(e.method) ? 'high' : 'medium',
      title: `Confirm that ${e.method} ${e.path} is meant to be public`,
      detail: `No authentication or authorization check was found on this route (${e.file}:${e.line}). Add one, or record why it is public.`,
      refs: [e.id],
    });
  }
  const unknown = data.entries.filter((e) => e.kind === 'http' && e.guardState === 'unknown' && !noted(e));
  if (unknown.length) {
    out.push({
      id: 'unguarded-route:unknown',
      kind: 'unguarded-route',
      severity: 'medium',
      title: `Find out what protects ${unknown.length} route${unknown.length === 1 ? '' : 's'} the analysis could not follow`,
      detail: `A mount, middleware or prefix on the way could not be resolved for: ${unknown.slice(0, 6).map((e) => `${e.method} ${e.path}`).join(', ')}${unknown.length > 6 ? ` and ${unknown.length - 6} more` : ''}.`,
      refs: unknown.map((e) => e.id),
    });
  }
  const anonymous = data.entries.filter((e) => protectionOf(e) === 'anonymousAllowed' && !noted(e));
  if (anonymous.length) {
    out.push({
      id: 'unguarded-route:anonymous-allowed',
      kind: 'unguarded-route',
      severity: 'low',
      title: `Check that ${anonymous.length} route${anonymous.length === 1 ? '' : 's'} that allow anonymous callers behave without a user`,
      detail: `An optional auth check reads the caller when present and lets anonymous requests through: ${anonymous.slice(0, 6).map((e) => `${e.method} ${e.path}`).join(', ')}${anonymous.length > 6 ? ` and ${anonymous.length - 6} more` : ''}.`,
      refs: anonymous.map((e) => e.id),
    });
  }
  // Rate limits and input validation are questions for HTTP routes: a CLI main or a job is "not
  // reached by outside requests" and has neither.
  const onPurpose = data.entries.filter((e) => e.kind === 'http' && protectionOf(e) === 'publicOnPurpose' && !noted(e));
  if (onPurpose.length) {
    const rest = onPurpose;
    out.push({
      id: 'unguarded-route:public-by-design',
      kind: 'unguarded-route',
      severity: 'low',
      title: `Check rate limits and input validation on ${rest.length} public route${rest.length === 1 ? '' : 's'}`,
      detail: `Public on purpose: ${rest.map((e) => `${e.method} ${e.path}`).join(', ')}.`,
      refs: rest.map((e) => e.id),
    });
  }

  for (const id of data.summary.topRisks) {
    const n = byId.get(id)!;
    if (n.severity !== 'high' && n.severity !== 'critical') continue;
    out.push({
      id: `open-risk:${n.id}`,
      kind: 'open-risk',
      severity: n.severity,
      title: `Resolve the open ${n.kind}: ${firstSentence(n.body)}`,
      detail: n.impact ? `Business impact: ${firstSentence(n.impact)}` : `Open ${n.severity} ${n.kind}${n.code ? ` at ${n.code.file}:${n.code.line}` : ''}.`,
      refs: [n.id],
    });
  }

  const read = new Map(data.coverage.modules.map((m) => [m.id, m]));
  // One recommendation per person who alone holds modules: the remedy (pair, document) is per person.
  const alone = new Map<string, { name: string; inactive: boolean; modules: string[]; shares: number[] }>();
  for (const o of data.history.owners) {
    if (!read.has(o.module)) continue; // outside the deep dive's scope
    const main = o.owners[0];
    if (!main) continue;
    if (o.singleOwner) {
      const key = `${main.name}\u0000${main.email}`;
      const a = alone.get(key) ?? { name: main.name, inactive: false, modules: [], shares: [] };
      a.inactive ||= o.mainOwnerInactive;
      a.modules.push(o.module);
      a.shares.push(main.share);
      alone.set(key, a);
    } else if (o.mainOwnerInactive) {
      out.push({
        id: `inactive-owner:${o.module}`,
        kind: 'inactive-owner',
        severity: 'medium',
        title: `Find a new owner for ${o.module}`,
        detail: `Its main owner, ${main.name}, has not committed for a long time.`,
        refs: [o.module],
      });
    }
  }
  for (const a of alone.values()) {
    const mods = a.modules.slice(0, 6).join(', ') + (a.modules.length > 6 ? ` and ${a.modules.length - 6} more` : '');
    out.push({
      id: `single-owner:${a.modules[0]}`,
      kind: 'single-owner',
      severity: a.inactive ? 'high' : 'medium',
      title: `Spread the knowledge ${a.name} holds alone`,
      detail: `${a.name} holds more than half of ${a.modules.length === 1 ? 'the module' : `${a.modules.length} modules`} ${mods} (bus factor 1)${a.inactive ? ' and has not committed for a long time' : ''}. Pair someone with them, or have it documented.`,
      refs: a.modules,
    });
  }

  for (const h of data.history.hotspots.slice(0, 10)) {
    if (h.percent === undefined || h.percent >= 50) continue;
    out.push({
      id: `unread-hotspot:${h.path}`,
      kind: 'unread-hotspot',
      severity: h.percent === 0 ? 'medium' : 'low',
      title: `Read the hotspot ${h.path}`,
      detail: `It changed in ${h.churn} commits in the last ${data.history.hotspotDays ?? 90} days and is complex (${h.complexity} decision points); ${h.percent}% of it has been read.`,
      refs: [h.path],
    });
  }

  const thin = data.coverage.modules.filter((m) => m.lines > 0 && m.percent < 25);
  if (thin.length) {
    const names = thin.slice(0, 8).map((m) => `${m.id || '(root)'} (${m.percent}%)`).join(', ') + (thin.length > 8 ? ` and ${thin.length - 8} more` : '');
    out.push({
      id: 'low-coverage:modules',
      kind: 'low-coverage',
      severity: 'low',
      title: `Read more of ${thin.length === 1 ? thin[0].id || '(root)' : `${thin.length} modules barely read`}`,
      detail: `Less than a quarter read: ${names}. Conclusions about them rest on little evidence.`,
      refs: thin.map((m) => m.id),
    });
  }

  for (const f of data.flows) {
    if (f.status === 'understood') continue;
    out.push({
      id: `untraced-flow:${f.id}`,
      kind: 'untraced-flow',
      severity: 'low',
      title: `Finish tracing the flow "${f.title.replace(/\s+/g, ' ').trim()}"`,
      detail: `${f.steps.filter((s) => s.visited).length} of ${f.steps.length} steps visited; status ${f.status}.`,
      refs: [f.id],
    });
  }

  const orphaned = data.notes.filter((n) => n.anchor === 'orphaned' && n.status === 'open');
  if (orphaned.length) {
    out.push({
      id: 'orphaned-note:all',
      kind: 'orphaned-note',
      severity: 'low',
      title: `Re-attach ${orphaned.length} note${orphaned.length === 1 ? '' : 's'} whose code is gone`,
      detail: 'Their code was removed or rewritten beyond recognition: check whether the finding still holds.',
      refs: orphaned.map((n) => n.id),
    });
  }

  // Stable: within a severity, the order above holds (hotspots by score, risks by severity and age).
  return out.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}
