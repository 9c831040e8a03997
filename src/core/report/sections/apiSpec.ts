// The API description against the code: routes the OpenAPI/Swagger document does not describe,
// documented operations no route serves, and paths served with other methods than documented.
import type { ApiSpecCheck } from '../../apispec/types';
import { webLink } from '../remote';
import type { CodeLink, ReportData } from '../types';
import { e, htmlTable, htmlWhere, mdCode, mdTable, mdText, mdWhere, plural } from './kit';
import type { ReportSection } from './types';

const ROWS = 40;

/** One line for the summary's limits, or undefined when the repository has no description. */
export function apiSpecLine(c: ApiSpecCheck | undefined): string | undefined {
  if (!c) return undefined;
  const docs = c.documents.map((d) => d.file).join(', ') || 'unreadable';
  return `API description (${docs}): ${plural(c.undocumented.length, 'route')} in the code it does not describe, ${plural(c.notFound.length, 'documented operation')} not found in the code, ${plural(c.methodMismatches.length, 'path')} served with other methods than documented.`;
}

function link(r: ReportData, file: string, line: number | undefined): CodeLink {
  const l = line ?? 1;
  const web = webLink(r.remote, r.dive.baseCommit, file, l, l);
  return { file, line: l, endLine: l, ...(web ? { web } : {}) };
}

function more(n: number): string {
  return n > ROWS ? `and ${n - ROWS} more (all in the JSON report)` : '';
}

export const apiSpecSection: ReportSection = {
  id: 'api-spec',
  markdown(r) {
    const c = r.apiSpec;
    if (!c) return [];
    const out = ['### API description vs. code', '', mdText(apiSpecLine(c)!), ''];
    if (c.undocumented.length) out.push('**Undocumented routes**', '', ...mdTable(['route', 'where'], c.undocumented.slice(0, ROWS).map((u) => [mdCode(u.id), mdWhere(link(r, u.file, u.line))])), '', more(c.undocumented.length));
    if (c.notFound.length) out.push('**Documented, not found in the code**', '', ...mdTable(['operation', 'documented at'], c.notFound.slice(0, ROWS).map((o) => [mdCode(`${o.method} ${o.path}`), mdWhere(link(r, o.file, o.line))])), '', more(c.notFound.length));
    if (c.methodMismatches.length) out.push('**Method mismatches**', '', ...mdTable(['path', 'documented', 'in the code', 'where'], c.methodMismatches.slice(0, ROWS).map((m) => [mdCode(m.path), mdText(m.documented.join(', ')), mdText(m.found.join(', ')), mdWhere(link(r, m.routes[0].file, m.routes[0].line))])), '', more(c.methodMismatches.length));
    return [...out.filter((x, i, a) => !(x === '' && a[i - 1] === '')), ''];
  },
  html(r) {
    const c = r.apiSpec;
    if (!c) return '';
    const parts = [`<h3>API description vs. code</h3><p>${e(apiSpecLine(c)!)}</p>`];
    const tail = (n: number) => (more(n) ? `<p class="none">${e(more(n))}</p>` : '');
    if (c.undocumented.length) parts.push('<h4>Undocumented routes</h4>', htmlTable(['route', 'where'], c.undocumented.slice(0, ROWS).map((u) => [`<code>${e(u.id)}</code>`, htmlWhere(link(r, u.file, u.line))])), tail(c.undocumented.length));
    if (c.notFound.length) parts.push('<h4>Documented, not found in the code</h4>', htmlTable(['operation', 'documented at'], c.notFound.slice(0, ROWS).map((o) => [`<code>${e(`${o.method} ${o.path}`)}</code>`, htmlWhere(link(r, o.file, o.line))])), tail(c.notFound.length));
    if (c.methodMismatches.length) parts.push('<h4>Method mismatches</h4>', htmlTable(['path', 'documented', 'in the code', 'where'], c.methodMismatches.slice(0, ROWS).map((m) => [`<code>${e(m.path)}</code>`, e(m.documented.join(', ')), e(m.found.join(', ')), htmlWhere(link(r, m.routes[0].file, m.routes[0].line))])), tail(c.methodMismatches.length));
    return parts.join('');
  },
};
