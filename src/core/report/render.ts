// One entry for every format, so the CLI and the editor write the same files.
import { DeepDiveError } from '../errors';
import { compareReports } from './compare';
import { renderMarkdown } from './markdown';
import { toSarif } from './sarif/export';
import type { ReportData } from './types';

export const REPORT_FORMATS = ['md', 'html', 'json', 'sarif'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function parseFormat(value: unknown): ReportFormat {
  if (value === undefined) return 'md';
  if (typeof value === 'string' && (REPORT_FORMATS as readonly string[]).includes(value)) return value as ReportFormat;
  throw new DeepDiveError(`unknown format '${String(value)}' (expected one of: ${REPORT_FORMATS.join(', ')})`);
}

/** The report with the comparison against an earlier one attached. */
export function withComparison(current: ReportData, previous: ReportData | undefined): ReportData {
  return previous ? { ...current, compare: compareReports(previous, current) } : current;
}

export interface RenderOptions {
  /** HTML only: the Content-Security-Policy to put in the page (the preview's webview policy). */
  csp?: string;
  /** HTML only: nonce for the style element, when the policy asks for one. */
  styleNonce?: string;
  /** SARIF only: today's text of a root-relative file (columns and snippets of regions). */
  readText?: (rel: string) => string | undefined;
  /** SARIF only: the version of Deep Dive writing it. */
  toolVersion?: string;
}

export async function renderReport(data: ReportData, format: ReportFormat, o: RenderOptions = {}): Promise<string> {
  switch (format) {
    case 'json':
      return JSON.stringify(data, null, 2) + '\n';
    case 'md':
      return renderMarkdown(data);
    case 'sarif':
      return JSON.stringify(toSarif(data, { readText: o.readText, toolVersion: o.toolVersion }), null, 2) + '\n';
    case 'html': {
      // Loaded on demand: the layout library is only needed for the HTML diagram.
      const { renderHtml } = await import('./html');
      return renderHtml(data, o);
    }
  }
}
