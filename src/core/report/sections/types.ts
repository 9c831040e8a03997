// A report section renders one part of the report in both formats from the same data. The
// Markdown and HTML renderers walk the ordered lists in index.ts, so a new part (say "changed
// since read") is one file here and one line there.
import type { ReportData, ReportNote } from '../types';

export interface SectionContext {
  byId: Map<string, ReportNote>;
}

export interface ReportSection {
  id: string;
  /** Lines of GitHub Markdown; none when the section has nothing to say. */
  markdown(r: ReportData, c: SectionContext): string[];
  /** HTML (escaped); '' when the section has nothing to say. */
  html(r: ReportData, c: SectionContext): string;
}
