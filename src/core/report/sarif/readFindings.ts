// A scanner's SARIF 2.1.0 read into findings Deep Dive can anchor: the tool, the rule, the
// message (message strings of the rule filled in), the level, a root-relative file and lines,
// and a key that stays the same when the same file is imported again. Pure: the caller says
// which files exist.
import { createHash } from 'node:crypto';
import { DeepDiveError } from '../../errors';
import type { LineRange, Severity } from '../../model/types';
import type { SarifLog, SarifResult, SarifRule, SarifRun } from './types';

export interface SarifFinding {
  tool: string;
  rule: string;
  level: 'error' | 'warning' | 'note' | 'none';
  severity: Severity;
  message: string;
  helpUri?: string;
  /** The artifact as the SARIF names it (for messages). */
  uri?: string;
  /** Root-relative file, when found in the repository. */
  path?: string;
  range?: LineRange;
  /** Stable identity (see findingKeys). */
  key: string;
  /** Why it cannot be anchored, when it cannot. */
  problem?: string;
}

export interface ReadSarifResult {
  findings: SarifFinding[];
  /** Results that are not findings: passes, not-applicable, suppressed in the source or accepted. */
  notFindings: number;
}

export interface FileLookup {
  /** True when the root-relative path is a file of the repository. */
  exists(rel: string): boolean;
  /** Every file of the repository (root-relative), for SARIF written on another machine. */
  files(): readonly string[];
  /** The repository root as a file:// URI path (absolute, forward slashes). */
  rootPath: string;
  /** Today's text of a root-relative file: keys follow the code, not its line numbers. */
  text?(rel: string): string | undefined;
}

/** The region's code with blanks squeezed, or undefined when the file or lines are not there. */
function codeOf(files: FileLookup, rel: string | undefined, range: LineRange | undefined): string | undefined {
  if (!rel || !range) return undefined;
  const lines = files.text?.(rel)?.split(/\r?\n/);
  if (!lines || range.end > lines.length) return undefined;
  return lines.slice(range.start - 1, range.end).join('\n').replace(/\s+/g, ' ').trim();
}

function parse(text: string, source: string): SarifLog {
  let log: unknown;
  try {
    log = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new DeepDiveError(`not JSON (${(err as Error).message})`, source);
  }
  const l = log as Partial<SarifLog>;
  if (!l || typeof l !== 'object' || !Array.isArray(l.runs)) throw new DeepDiveError('not a SARIF log (no "runs")', source);
  if (l.version !== undefined && l.version !== '2.1.0') throw new DeepDiveError(`SARIF version ${String(l.version)} (only 2.1.0 is read)`, source);
  return l as SarifLog;
}

function ruleOf(run: SarifRun, r: SarifResult): SarifRule | undefined {
  const rules = run.tool?.driver?.rules ?? [];
  const index = r.ruleIndex ?? r.rule?.index;
  if (index !== undefined && rules[index]) return rules[index];
  const id = r.ruleId ?? r.rule?.id;
  return id === undefined ? undefined : rules.find((x) => x.id === id);
}

/** The message's text: its own, or the rule's message string with the arguments put in (§3.11.5). */
function messageOf(r: SarifResult, rule: SarifRule | undefined): string {
  let text = r.message?.text ?? r.message?.markdown;
  if (text === undefined && r.message?.id) text = rule?.messageStrings?.[r.message.id]?.text;
  text ??= rule?.shortDescription?.text ?? '';
  const args = r.message?.arguments ?? [];
  return text.replace(/\{(\d+)\}/g, (m, i: string) => args[Number(i)] ?? m).replace(/\[([^\]]+)\]\(\d+\)/g, '$1').trim();
}

function severityOf(level: SarifFinding['level'], rule: SarifRule | undefined, r: SarifResult): Severity {
  // CodeQL and GitHub's own scale, when the tool gives it: 9+ critical, 7+ high, 4+ medium.
  const score = Number((r.properties?.['security-severity'] ?? rule?.properties?.['security-severity']) as string | undefined);
  if (Number.isFinite(score) && score > 0) return score >= 9 ? 'critical' : score >= 7 ? 'high' : score >= 4 ? 'medium' : 'low';
  return level === 'error' ? 'high' : level === 'warning' ? 'medium' : 'low';
}

function decodeUri(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}

/** The root-relative file a result's artifact names, or why there is none. */
function locate(run: SarifRun, r: SarifResult, files: FileLookup): { uri?: string; path?: string; problem?: string } {
  const loc = r.locations?.find((l) => l.physicalLocation?.artifactLocation);
  const art = loc?.physicalLocation?.artifactLocation;
  let uri = art?.uri ?? (art?.index !== undefined ? run.artifacts?.[art.index]?.location?.uri : undefined);
  if (uri === undefined) return { problem: 'no file location' };
  let baseId = art?.uriBaseId ?? (art?.index !== undefined ? run.artifacts?.[art.index]?.location?.uriBaseId : undefined);
  // A base id may itself be relative to another (§3.14.14): resolve the chain into the uri.
  for (let hops = 0; baseId && hops < 8; hops++) {
    const base = run.originalUriBaseIds?.[baseId];
    if (!base?.uri) break;
    uri = base.uri.replace(/\/?$/, '/') + uri.replace(/^\.?\//, '');
    baseId = base.uriBaseId;
  }
  const shown = uri;
  let p = decodeUri(uri.replace(/[?#].*$/, ''));
  if (/^file:/i.test(p)) {
    p = p.replace(/^file:(\/\/[^/]*)?/i, '');
    const root = files.rootPath.replace(/\/?$/, '/');
    if (p.toLowerCase().startsWith(root.toLowerCase())) p = p.slice(root.length);
  } else if (/^[a-z][a-z0-9+.-]*:/i.test(p)) {
    return { uri: shown, problem: 'not a file in the repository' };
  }
  p = p.replace(/\\/g, '/').replace(/^\.\//, '');
  if (!p.startsWith('/') && !p.split('/').includes('..') && files.exists(p)) return { uri: shown, path: p };
  // Written on another machine (a CI runner's checkout): the longest tail that names one file here.
  const segments = p.split('/').filter((s) => s && s !== '.');
  // A bare file name matches too easily (index.js): a folder and the name at least, when the SARIF gives one.
  for (let n = Math.min(segments.length, 12); n >= Math.min(2, segments.length); n--) {
    const tail = segments.slice(-n).join('/');
    const hits = files.files().filter((f) => f === tail || f.endsWith(`/${tail}`));
    if (hits.length === 1) return { uri: shown, path: hits[0] };
    if (hits.length > 1) return { uri: shown, problem: `names ${hits.length} files here (${hits.slice(0, 2).join(', ')} …)` };
  }
  return { uri: shown, problem: 'no such file in the repository' };
}

function rangeOf(r: SarifResult): LineRange | undefined {
  const region = r.locations?.find((l) => l.physicalLocation?.artifactLocation)?.physicalLocation?.region;
  if (!region?.startLine) return undefined;
  const start = region.startLine;
  // endColumn 1 on a later line ends the region at the end of the line before (§3.30.7).
  let end = region.endLine ?? start;
  if (end > start && region.endColumn === 1) end--;
  return { start, end: Math.max(start, end) };
}

function hash(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 24);
}

/**
 * Reads every run's results. A result's key is the tool, the rule and its fingerprints when the
 * tool gives them (they survive edits), else the file, the code of its lines (the line numbers
 * when the code is not there) and the message; results with the same key in one file are told
 * apart by their order, so that importing the same file again gives the same keys, and so does
 * a new scan of code that only moved.
 */
export function readSarif(text: string, source: string, files: FileLookup): ReadSarifResult {
  const log = parse(text, source);
  const findings: SarifFinding[] = [];
  let notFindings = 0;
  const seen = new Map<string, number>();
  for (const run of log.runs) {
    const tool = run.tool?.driver?.name?.trim() || 'scanner';
    for (const r of run.results ?? []) {
      if (r.kind && r.kind !== 'fail' && r.kind !== 'open' && r.kind !== 'review') {
        notFindings++;
        continue;
      }
      if (r.suppressions?.some((s) => s.status === undefined || s.status === 'accepted')) {
        notFindings++;
        continue;
      }
      const rule = ruleOf(run, r);
      const ruleId = r.ruleId ?? r.rule?.id ?? rule?.id ?? 'unknown-rule';
      const level = r.level ?? rule?.defaultConfiguration?.level ?? 'warning';
      const message = messageOf(r, rule) || ruleId;
      const where = locate(run, r, files);
      const range = rangeOf(r);
      const prints = { ...(r.partialFingerprints ?? {}), ...(r.fingerprints ?? {}) };
      const printText = Object.keys(prints)
        .sort()
        .map((k) => `${k}=${prints[k]}`)
        .join(';');
      const code = codeOf(files, where.path, range);
      const place = code !== undefined ? [where.path!, code] : [where.path ?? where.uri ?? '', String(range?.start ?? ''), String(range?.end ?? '')];
      const base = hash(printText ? [tool, ruleId, printText] : [tool, ruleId, ...place, message]);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      const f: SarifFinding = { tool, rule: ruleId, level, severity: severityOf(level, rule, r), message, key: n ? `${base}-${n}` : base };
      if (rule?.helpUri) f.helpUri = rule.helpUri;
      if (where.uri) f.uri = where.uri;
      if (where.path) f.path = where.path;
      if (range) f.range = range;
      if (where.problem) f.problem = where.problem;
      findings.push(f);
    }
  }
  return { findings, notFindings };
}
