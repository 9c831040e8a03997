// The module map as inline SVG for the HTML report: boxes coloured by reading coverage, an
// entry-point marker, edges with arrows. Classes only (no style attributes), so a strict
// Content-Security-Policy holds; every label is escaped.
import { clip, escapeHtml } from './escape';
import { coverageBucket, groupGraph } from './group';
import type { GroupedGraph } from './group';
import type { GraphLayout } from './layout';
import { hasLayout, layoutGraph } from './layout';
import { rankAxisFloor } from './layoutFloor';
import type { ReportGraph } from './types';

export function layoutReportGraph(graph: ReportGraph, maxNodes = 60): GraphLayout {
  return layoutGraph(groupGraph(graph.modules, graph.edges, { maxNodes }));
}

/**
 * The widest picture whose 12 px labels still print at 8 pt or more: on A4 with the report's
 * margins the text column is about 170 mm (643 px at 96 dpi), so a picture up to 720 px wide is
 * scaled to no less than 0.89, and 12 px × 0.89 = 10.7 px = 8 pt. Letter is wider.
 */
export const PRINT_MAX_WIDTH = 720;
/** Taller than this and the picture would not fit one page. */
export const PRINT_MAX_HEIGHT = 900;

/**
 * A layout that fits a printed page legibly: fewer groups, or top to bottom, until it fits. A
 * candidate whose floor (layoutFloor.ts) is already over the page is not laid out unless no
 * candidate fits, and then only if it could still be the least over: the choice is the one
 * laying every candidate out would make, without dagre's seconds on a big service's graphs.
 */
export function layoutForPrint(graph: ReportGraph): GraphLayout {
  const over = (width: number, height: number) => Math.max(width / PRINT_MAX_WIDTH, height / PRINT_MAX_HEIGHT);
  let best: { layout: GraphLayout; over: number; order: number } | undefined;
  const skipped: { g: GroupedGraph; dir: 'LR' | 'TB'; floor: number; order: number }[] = [];
  const consider = (l: GraphLayout, order: number) => {
    const o = over(l.width, l.height);
    // The first of equals wins, as in a search that laid every candidate out in order.
    if (!best || o < best.over || (o === best.over && order < best.order)) best = { layout: l, over: o, order };
  };
  let order = 0;
  for (const maxNodes of [60, 40, 24, 14, 8, 4]) {
    const g = groupGraph(graph.modules, graph.edges, { maxNodes });
    for (const dir of ['LR', 'TB'] as const) {
      order++;
      const floor = rankAxisFloor(g, dir);
      const tooBig = dir === 'LR' ? floor > PRINT_MAX_WIDTH : floor > PRINT_MAX_HEIGHT;
      if (tooBig && !hasLayout(g, dir)) {
        skipped.push({ g, dir, floor: dir === 'LR' ? floor / PRINT_MAX_WIDTH : floor / PRINT_MAX_HEIGHT, order });
        continue;
      }
      const l = layoutGraph(g, dir);
      if (l.width <= PRINT_MAX_WIDTH && l.height <= PRINT_MAX_HEIGHT) return l;
      consider(l, order);
    }
  }
  // Nothing fits: a skipped candidate is laid out only if its floor could still beat the best.
  for (const c of skipped.sort((a, b) => a.floor - b.floor || a.order - b.order)) {
    if (best && (c.floor > best.over || (c.floor === best.over && c.order > best.order))) continue;
    consider(layoutGraph(c.g, c.dir), c.order);
  }
  return best!.layout;
}

export function renderSvg(layout: GraphLayout, title: string): string {
  const w = Math.max(layout.width, 200);
  const h = Math.max(layout.height, 60);
  // The picture never draws wider than its own size (no enlarging); print shrinks it only to the
  // page width, which layoutForPrint keeps at or above 8 pt text.
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="map" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${escapeHtml(title)}">`);
  out.push('<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrowhead"/></marker></defs>');
  for (const e of layout.edges) {
    if (e.points.length < 2) continue;
    const d = e.points.map((p, i) => `${i ? 'L' : 'M'}${p.x},${p.y}`).join(' ');
    out.push(`<path class="edge" d="${d}" marker-end="url(#arrow)"><title>${escapeHtml(`${e.from} → ${e.to} (${e.count} import${e.count === 1 ? '' : 's'})`)}</title></path>`);
  }
  for (const n of layout.nodes) {
    const b = coverageBucket(n.percent, n.codeLines);
    const cls = `node ${b < 0 ? 'out' : `c${b}`}${n.kind === 'group' ? ' group' : ''}`;
    const label = clip(n.label, Math.floor((n.width - (n.entries ? 44 : 24)) / 7.2));
    const sub = n.sub;
    out.push(`<g class="${cls}" data-id="${escapeHtml(n.id)}"><title>${escapeHtml(`${n.label}: ${sub}, ${n.files} files, ${n.lines} lines`)}</title>`);
    out.push(`<rect x="${n.x}" y="${n.y}" width="${n.width}" height="${n.height}" rx="5"/>`);
    if (n.entries) out.push(`<path class="entry" d="M${n.x + 6},${n.y + 8} l8,6 l-8,6 z"/>`);
    out.push(`<text x="${n.x + n.width / 2}" y="${n.y + 16}" class="label">${escapeHtml(label)}</text>`);
    out.push(`<text x="${n.x + n.width / 2}" y="${n.y + 31}" class="sub">${escapeHtml(sub)}</text>`);
    out.push('</g>');
  }
  out.push('</svg>');
  return out.join('\n');
}
