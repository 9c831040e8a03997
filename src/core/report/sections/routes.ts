// Entry points and trust boundaries for engineers: every route with the protection the analyser
// decided (guarded, optional, open, unknown) and why; which routes each guard covers (a route ×
// guard table when the guards are few, by guard otherwise) with a link to the evidence that the
// guard refuses requests; what the analysis could not resolve.
import { PROTECTION_LABELS, protectionOf } from '../../entry/protection';
import { isOpenUnexplained } from '../entries';
import { safeHref } from '../escape';
import type { ReportData, ReportEntry, ReportGuard } from '../types';
import type { ReportSection } from './types';
import { e, htmlTable, htmlWhere, mdCode, mdLink, mdTable, mdText, mdWhere, plural } from './kit';

/** Most guards a route × guard table holds before it would not fit a printed page. */
export const MATRIX_MAX_GUARDS = 8;

/** The protection as every surface words it (entry/protection.ts). */
export function stateText(x: ReportEntry): string {
  if (x.kind !== 'http') return x.kind;
  const p = protectionOf(x);
  return p ? PROTECTION_LABELS[p] : 'unknown';
}

interface GuardGroup {
  label: string;
  kind: ReportGuard['kind'];
  first: ReportGuard;
  routes: { entry: ReportEntry; optional: boolean }[];
}

/** Auth guards by readable label, with the routes each covers, most routes first. */
export function guardGroups(r: ReportData): GuardGroup[] {
  const groups = new Map<string, GuardGroup>();
  for (const x of r.entries) {
    for (const g of x.guards) {
      if (g.kind === 'other') continue;
      const label = g.label ?? g.name;
      const key = `${g.kind}\u0000${label}`;
      const grp = groups.get(key) ?? { label, kind: g.kind, first: g, routes: [] };
      if (!grp.first.evidence && g.evidence) grp.first = g;
      if (!grp.routes.some((y) => y.entry.id === x.id)) grp.routes.push({ entry: x, optional: !!g.optional });
      groups.set(key, grp);
    }
  }
  return [...groups.values()].sort((a, b) => b.routes.length - a.routes.length || a.label.localeCompare(b.label));
}

/**
 * Routes with no auth, apart: those nothing explains, and those the leader wrote a note on (their
 * note says what they are; "nothing says they are meant to be public" would contradict it).
 */
export function openRoutes(r: ReportData): { silent: ReportEntry[]; noted: ReportEntry[] } {
  const open = r.entries.filter(isOpenUnexplained);
  return { silent: open.filter((x) => !x.notes?.length), noted: open.filter((x) => !!x.notes?.length) };
}

/** The reason at least three open routes give word for word, when most open routes give it. */
export function sharedReason(entries: readonly ReportEntry[]): string | undefined {
  const counts = new Map<string, number>();
  let open = 0;
  for (const x of entries) {
    const st = x.guardState ?? (x.unguarded ? 'unguarded' : 'guarded');
    if (st === 'guarded' || !x.guardReason) continue;
    open++;
    const reason = x.publicOnPurpose ?? x.guardReason;
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  const [best, n] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  return n >= 3 && n * 2 > open ? best : undefined;
}

function routeLabel(x: ReportEntry): string {
  return x.kind === 'http' ? `${x.method} ${x.path}` : x.id;
}

function authLabels(x: ReportEntry): string {
  const auth = x.guards.filter((g) => g.kind !== 'other');
  return auth.map((g) => `${g.label ?? g.name}${g.optional ? ' (optional)' : ''}`).join(', ');
}

export const routesSection: ReportSection = {
  id: 'routes',
  markdown(r) {
    const out = ['### Entry points and trust boundaries', ''];
    const { silent, noted } = openRoutes(r);
    if (silent.length) out.push(`> **${plural(silent.length, 'route')} with no auth (no auth check, nothing says ${silent.length === 1 ? 'it is' : 'they are'} meant to be public):** ${silent.map((x) => mdCode(routeLabel(x))).join(', ')}`, '');
    if (noted.length) out.push(`> **${plural(noted.length, 'route')} with no auth that the leader wrote a note on** (in the notes): ${noted.map((x) => mdCode(routeLabel(x))).join(', ')}`, '');
    out.push(
      ...mdTable(
        ['Entry point', 'Protection', 'Auth guards', 'Handler', 'Where'],
        r.entries.map((x) => [mdCode(routeLabel(x)), mdText(stateText(x)), mdText(authLabels(x) || '—'), x.handlerCode ? mdLink(mdCode(x.handlerShown ?? x.handler), x.handlerCode.web) : mdCode(x.handlerShown ?? x.handler), mdLink(mdCode(`${x.file}:${x.line}`), x.web)]),
      ),
      '',
    );
    const groups = guardGroups(r);
    if (groups.length) {
      out.push('#### Guards and the routes they cover', '');
      out.push(
        ...mdTable(
          ['Guard', 'Kind', 'Routes', 'Evidence it refuses requests'],
          groups.map((g) => [mdCode(g.label), g.kind, `${g.routes.length}: ${g.routes.map((y) => mdCode(routeLabel(y.entry)) + (y.optional ? ' (optional)' : '')).join(', ')}`, g.first.evidence ? `${mdText(g.first.evidence.how)} ${mdWhere(g.first.evidence.code)}` : mdText(`not seen (attached at ${g.first.file}:${g.first.line})`)]),
        ),
        '',
      );
    }
    out.push(...gapsMarkdown(r));
    return out;
  },
  html(r) {
    const s: string[] = ['<h3>Entry points and trust boundaries</h3>'];
    const { silent, noted } = openRoutes(r);
    if (silent.length) s.push(`<p class="callout"><strong>${e(plural(silent.length, 'route'))} with no auth (no auth check, nothing says ${silent.length === 1 ? 'it is' : 'they are'} meant to be public):</strong> ${silent.map((x) => `<code>${e(routeLabel(x))}</code>`).join(', ')}</p>`);
    if (noted.length) s.push(`<p class="callout"><strong>${e(plural(noted.length, 'route'))} with no auth that the leader wrote a note on</strong> (in the notes): ${noted.map((x) => `<code>${e(routeLabel(x))}</code>`).join(', ')}</p>`);
    // With few guards, the route table is the route × guard table: one row per route, a column per
    // guard (three tables listed every route three times: a small dive printed 13 pages). With
    // many, the guard names stand in their own column and the guards table lists their routes.
    const groups = guardGroups(r);
    const matrix = groups.length > 0 && groups.length <= MATRIX_MAX_GUARDS && r.entries.some((x) => x.kind === 'http');
    if (matrix) {
      s.push('<h4>Route × guard</h4>');
      s.push(`<p class="muted small">● required, ○ optional. ${groups.map((g, i) => `G${i + 1} = <code>${e(g.label)}</code>`).join(' · ')}</p>`);
    }
    // A reason most open rows share is said once above the table, not in every row (it took a
    // line of each row: the table of a 51-route service printed over five pages).
    const shared = sharedReason(r.entries);
    if (shared) s.push(`<p class="muted small">Unless a row says otherwise, a route with no auth: ${e(shared)}.</p>`);
    s.push(
      htmlTable(
        ['Entry point', 'Protection', ...(matrix ? groups.map((_, i) => `G${i + 1}`) : ['Auth guards']), 'Handler · registered at'],
        r.entries.map((x) => {
          const st = x.guardState ?? (x.unguarded ? 'unguarded' : 'guarded');
          const badge = `<span class="state state-${e(x.kind === 'http' ? st : 'other')}${x.publicOnPurpose ? ' on-purpose' : ''}">${e(stateText(x))}</span>`;
          const href = safeHref(x.handlerCode?.web);
          const handler = href ? `<a href="${e(href)}"><code>${e(x.handlerShown ?? x.handler)}</code></a>` : `<code>${e(x.handlerShown ?? x.handler)}</code>`;
          const marks = groups.map((g) => {
            const hit = g.routes.find((y) => y.entry.id === x.id);
            return hit ? (hit.optional ? '○' : '●') : '';
          });
          const reason = x.guardReason && st !== 'guarded' ? (x.publicOnPurpose ?? x.guardReason) : undefined;
          const at = `${x.file}:${x.line}`;
          // An inline handler is named by its own place: the place is then said once, not twice.
          const where = (x.handlerShown ?? x.handler) === at ? '' : `<br><span class="small">at ${htmlWhere({ file: x.file, line: x.line, endLine: x.line, ...(x.web ? { web: x.web } : {}) })}</span>`;
          return [`<code>${e(routeLabel(x))}</code>`, `${badge}${reason && reason !== shared ? `<br><span class="muted small">${e(reason)}</span>` : ''}`, ...(matrix ? marks : [e(authLabels(x) || '—')]), `${handler}${where}`];
        }),
        matrix ? 'routes matrix' : 'routes',
        ['c-route', 'c-state', ...(matrix ? groups.map(() => 'c-mark') : ['c-guards']), 'c-handler'],
      ),
    );
    if (groups.length) {
      s.push('<h4>Guards and the routes they cover</h4>');
      s.push(
        htmlTable(
          ['Guard', 'Kind', 'Routes', 'Evidence it refuses requests'],
          groups.map((g, i) => [`<code>${e(g.label)}</code>`, e(g.kind), matrix ? `${g.routes.length} (column G${i + 1})` : `${g.routes.length}: ${g.routes.map((y) => `<code>${e(routeLabel(y.entry))}</code>${y.optional ? ' (optional)' : ''}`).join(', ')}`, g.first.evidence ? `${e(g.first.evidence.how)} ${htmlWhere(g.first.evidence.code)}` : `<span class="muted">not seen (attached at ${e(`${g.first.file}:${g.first.line}`)})</span>`]),
          'guards',
          ['c-guard', 'c-kind', 'c-text', 'c-text'],
        ),
      );
    }
    s.push(gapsHtml(r));
    return s.join('');
  },
};

function gapLines(r: ReportData): string[] {
  const l = r.limits;
  if (!l) return [];
  return [
    ...l.warnings.map((w) => `${w.file}${w.line ? `:${w.line}` : ''} — ${w.reason}`),
    ...l.droppedEntries.map((d) => `${d.id} (${d.file}:${d.line}) left out: ${d.reason}`),
    ...r.entries.filter((x) => x.dynamic).map((x) => `${routeLabel(x)} (${x.file}:${x.line}): path not a static string: ${x.dynamic}`),
    // Not unresolved, but only as right as the deployment's settings: a path a log line or a
    // pen-test finding may show differently.
    ...r.entries.filter((x) => x.pathDependsOn).map((x) => `${routeLabel(x)} (${x.file}:${x.line}): path under default settings, ${x.pathDependsOn}`),
  ];
}

function gapsMarkdown(r: ReportData): string[] {
  const lines = gapLines(r);
  return lines.length ? ['#### What the route analysis could not resolve or took from defaults', '', ...lines.map((x) => `- ${mdText(x)}`), ''] : [];
}

function gapsHtml(r: ReportData): string {
  const lines = gapLines(r);
  return lines.length ? `<h4>What the route analysis could not resolve or took from defaults</h4><ul class="compact">${lines.map((x) => `<li>${e(x)}</li>`).join('')}</ul>` : '';
}
