// A scanner's findings become leads: notes anchored to their code, to confirm or dismiss during
// the deep dive (leads.ts). A finding already imported (same key) is not added again, whatever
// the leader did with it since; one that cannot be anchored is reported, never guessed.
import { createAnchor } from '../../anchor/createAnchor';
import type { SymbolInfo } from '../../map/types';
import type { DeepDive, Note } from '../../model/types';
import { shortId } from '../../notes/ids';
import type { ReadSarifResult, SarifFinding } from './readFindings';

export interface ImportLeadsOptions {
  /** The SARIF file as the user named it. */
  source: string;
  readText(rel: string): string | undefined;
  /** Symbols of a file, to anchor by enclosing symbol too. */
  symbols?(rel: string, text: string): Promise<readonly SymbolInfo[] | undefined>;
  /** HEAD when imported. */
  commit?: string;
  now?: Date;
}

export interface ImportLeadsResult {
  dive: DeepDive;
  added: Note[];
  /** Findings imported before (same key): left as they are. */
  duplicates: number;
  unanchored: { finding: SarifFinding; reason: string }[];
  /** Results that are no findings (passes, suppressed). */
  notFindings: number;
  /** Findings in the file; anchored share = (added + duplicates) / findings. */
  findings: number;
}

function body(f: SarifFinding): string {
  return `${f.message}\n\n${f.tool} rule \`${f.rule}\`${f.helpUri ? ` (${f.helpUri})` : ''}, imported as a lead to confirm or dismiss.`;
}

export async function importLeads(dive: DeepDive, read: ReadSarifResult, o: ImportLeadsOptions): Promise<ImportLeadsResult> {
  const now = (o.now ?? new Date()).toISOString();
  const known = new Set(dive.notes.map((n) => n.lead?.key).filter((k): k is string => !!k));
  const ids = dive.notes.map((n) => n.id);
  const added: Note[] = [];
  const unanchored: ImportLeadsResult['unanchored'] = [];
  let duplicates = 0;
  const symbolCache = new Map<string, readonly SymbolInfo[] | undefined>();
  for (const f of read.findings) {
    if (known.has(f.key)) {
      duplicates++;
      continue;
    }
    if (!f.path) {
      unanchored.push({ finding: f, reason: `${f.uri ?? 'no file'}: ${f.problem ?? 'not found'}` });
      continue;
    }
    const text = o.readText(f.path);
    if (text === undefined) {
      unanchored.push({ finding: f, reason: `${f.path}: unreadable` });
      continue;
    }
    // A finding on the whole file (no region) is anchored to its first line.
    const range = f.range ?? { start: 1, end: 1 };
    if (!symbolCache.has(f.path)) symbolCache.set(f.path, await o.symbols?.(f.path, text).catch(() => undefined));
    let anchor;
    try {
      anchor = createAnchor(f.path, text, range, symbolCache.get(f.path), o.commit);
    } catch (err) {
      unanchored.push({ finding: f, reason: `${f.path}:${range.start}-${range.end}: ${(err as Error).message}` });
      continue;
    }
    const id = shortId('n', ids);
    ids.push(id);
    known.add(f.key);
    added.push({
      id,
      kind: 'risk',
      severity: f.severity,
      status: 'open',
      body: body(f),
      target: { type: 'code', anchor },
      author: f.tool,
      created: now,
      lead: { tool: f.tool, rule: f.rule, key: f.key, state: 'open', source: o.source, level: f.level, imported: now },
    });
  }
  return { dive: added.length ? { ...dive, notes: [...dive.notes, ...added] } : dive, added, duplicates, unanchored, notFindings: read.notFindings, findings: read.findings.length };
}
