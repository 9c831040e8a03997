// The report as GitHub-flavoured Markdown: the executive summary, then the engineering appendix
// (sections/index.ts lists the parts). Every piece of repository or note text goes through
// mdText/mdCode so that it shows as text.
import { mdCode, mdText } from './escape';
import { compareMarkdown } from './compareMarkdown';
import { day, shortCommit } from './format';
import { APPENDIX_SECTIONS, SUMMARY_SECTIONS } from './sections/index';
import type { SectionContext } from './sections/types';
import type { ReportData } from './types';

export function renderMarkdown(r: ReportData): string {
  const c: SectionContext = { byId: new Map(r.notes.map((n) => [n.id, n])) };
  const out: string[] = [];
  out.push(`# Deep dive report: ${mdText(r.dive.title)}`, '');
  out.push(`_Deep dive ${mdCode(r.dive.id)} · base commit ${mdCode(shortCommit(r.dive.baseCommit))} · generated ${day(r.generated)}_`, '');
  out.push('## Executive summary', '');
  for (const s of SUMMARY_SECTIONS) out.push(...s.markdown(r, c));
  if (r.compare) out.push(...compareMarkdown(r.compare, c.byId), '');
  out.push('## Engineering appendix', '');
  for (const s of APPENDIX_SECTIONS) out.push(...s.markdown(r, c));
  return out.join('\n');
}
