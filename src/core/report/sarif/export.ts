// The deep dive's findings as SARIF 2.1.0 (`deepdive report --format sarif`), for code scanning
// and any tool that reads static-analysis results. Each note kind is a rule; a note on code is a
// result at the lines it is anchored to today. Risks and gaps are problems ("fail", level from
// the severity); questions, decisions and insights are not, so SARIF wants level "none" for them
// (§3.27.9) and the severity travels in `rank` and the properties instead.
import { createHash } from 'node:crypto';
import type { NoteKind, Severity } from '../../model/types';
import { NOTE_KINDS } from '../../model/types';
import { isLeaderNote } from '../summary';
import type { ReportData, ReportNote } from '../types';
import type { SarifLog, SarifRegion, SarifResult, SarifRule } from './types';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** The key of our partial fingerprint: the note's identity, which survives edits and moves. */
export const FINGERPRINT_KEY = 'deepDiveNote/v1';

const RULES: Record<NoteKind, { name: string; short: string; full: string; level: 'error' | 'warning' | 'note' }> = {
  risk: { name: 'Risk', short: 'A risk found reading the code', full: 'Something in this code can go wrong in production or be abused; the finding says what and why it matters.', level: 'warning' },
  gap: { name: 'Gap', short: 'A gap: something the system should do and does not', full: 'A control, check or behaviour the system needs is missing here.', level: 'warning' },
  question: { name: 'OpenQuestion', short: 'A question the code does not answer', full: 'The reader could not tell from the code; someone who knows should answer it.', level: 'note' },
  decision: { name: 'Decision', short: 'A design decision worth knowing', full: 'A choice made in this code, kept or to revisit as the reader marked it.', level: 'note' },
  insight: { name: 'Insight', short: 'How this code works', full: 'An explanation a newcomer needs to read this code.', level: 'note' },
};

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
const RANK: Record<Severity, number> = { critical: 95, high: 80, medium: 50, low: 20 };

export function ruleId(kind: NoteKind): string {
  return `deep-dive/${kind}`;
}

export interface SarifOptions {
  /** Today's text of a root-relative file: gives the region its columns and a snippet. */
  readText?: (rel: string) => string | undefined;
  /** The version of Deep Dive writing the file. */
  toolVersion?: string;
}

/** Stable across runs, machines and code moves: the dive and the note, nothing that changes. */
export function noteFingerprint(diveId: string, noteId: string): string {
  return createHash('sha256').update(`${diveId}\0${noteId}`).digest('hex').slice(0, 32);
}

function region(n: ReportNote, text: string | undefined): SarifRegion {
  const code = n.code!;
  const r: SarifRegion = { startLine: code.line, endLine: code.endLine };
  const lines = text?.split(/\r?\n/);
  if (!lines || code.endLine > lines.length) return r;
  const first = lines[code.line - 1];
  const last = lines[code.endLine - 1].trimEnd();
  // The code itself, not the indentation before it nor the blanks after it.
  const startColumn = first.length - first.trimStart().length + 1;
  if (last.length && (code.endLine > code.line || last.length + 1 > startColumn)) {
    r.startColumn = startColumn;
    r.endColumn = last.length + 1;
  }
  r.snippet = { text: lines.slice(code.line - 1, code.endLine).join('\n') };
  return r;
}

function kindOf(n: ReportNote): SarifResult['kind'] {
  if (n.kind === 'risk' || n.kind === 'gap') return 'fail';
  return n.kind === 'insight' || n.decision === 'kept' ? 'informational' : 'review';
}

function result(data: ReportData, n: ReportNote, ruleIndex: number, o: SarifOptions): SarifResult {
  const kind = kindOf(n);
  const level = kind === 'fail' ? (n.severity ? LEVEL[n.severity] : RULES[n.kind].level) : 'none';
  const text = n.impact ? `${n.body}\n\nBusiness impact: ${n.impact}` : n.body;
  const r: SarifResult = {
    ruleId: ruleId(n.kind),
    ruleIndex,
    kind,
    level,
    message: { text, markdown: text },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: encodeURI(n.code!.file), uriBaseId: 'SRCROOT' }, region: region(n, o.readText?.(n.code!.file)) },
        ...(n.module ? { logicalLocations: [{ name: n.module, kind: 'module' }] } : {}),
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: noteFingerprint(data.dive.id, n.id) },
    properties: {
      ...(n.severity ? { severity: n.severity } : {}),
      ...(n.impact ? { businessImpact: n.impact } : {}),
      deepDive: {
        note: n.id,
        kind: n.kind,
        status: n.status,
        ...(n.decision ? { decision: n.decision } : {}),
        ...(n.anchor ? { anchor: n.anchor } : {}),
        ...(n.author ? { author: n.author } : {}),
        created: n.created,
        ...(n.updated ? { updated: n.updated } : {}),
        ...(n.lead ? { lead: { tool: n.lead.tool, rule: n.lead.rule } } : {}),
        ...(n.entries?.length ? { entries: n.entries } : {}),
      },
      tags: [n.kind, ...(n.severity ? [n.severity] : [])],
    },
  };
  if (n.severity) r.rank = RANK[n.severity];
  if (n.code!.web) r.hostedViewerUri = n.code!.web;
  // Resolved in the deep dive: kept for the record, suppressed so that code scanning closes it.
  if (n.status === 'resolved') r.suppressions = [{ kind: 'external', status: 'accepted', justification: 'resolved in the deep dive' }];
  return r;
}

/**
 * The notes on code that the leader stands behind (their own and confirmed scanner leads). Notes
 * on a module, a flow or the whole dive have no lines for code scanning to show, orphaned notes
 * no longer point at their code, and unconfirmed leads are the scanner's, not the dive's: those
 * are counted in the run's properties, not exported.
 */
export function toSarif(data: ReportData, o: SarifOptions = {}): SarifLog {
  const rules: SarifRule[] = NOTE_KINDS.map((k) => ({
    id: ruleId(k),
    name: RULES[k].name,
    shortDescription: { text: RULES[k].short },
    fullDescription: { text: RULES[k].full },
    defaultConfiguration: { level: RULES[k].level },
    properties: { tags: ['deep-dive', k] },
  }));
  const omitted = { notOnCode: 0, orphaned: 0, unconfirmedLeads: 0 };
  const results: SarifResult[] = [];
  for (const n of data.notes) {
    if (!isLeaderNote(n)) omitted.unconfirmedLeads++;
    else if (!n.code) omitted.notOnCode++;
    else if (n.anchor === 'orphaned') omitted.orphaned++;
    else results.push(result(data, n, NOTE_KINDS.indexOf(n.kind), o));
  }
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Deep Dive', ...(o.toolVersion ? { semanticVersion: o.toolVersion } : {}), rules } },
        automationDetails: { id: `deep-dive/${data.dive.id}/`, description: { text: data.dive.title } },
        originalUriBaseIds: { SRCROOT: { description: { text: 'The root of the repository the deep dive reads.' } } },
        ...(data.remote ? { versionControlProvenance: [{ repositoryUri: data.remote.web }] } : {}),
        invocations: [{ executionSuccessful: true, endTimeUtc: data.generated }],
        results,
        properties: { deepDive: { dive: data.dive.id, title: data.dive.title, ...(data.dive.baseCommit ? { baseCommit: data.dive.baseCommit } : {}), generator: data.generator }, omitted },
      },
    ],
  };
}
