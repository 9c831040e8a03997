import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveDiveId } from '../../core/dive/active';
import { loadDive } from '../../core/dive/store';
import { DeepDiveError } from '../../core/errors';
import { parsePreviousReport } from '../../core/report/compare';
import type { ReportData } from '../../core/report/types';
import { parseFormat, renderReport, withComparison } from '../../core/report/render';
import { relativeInside, resolveInside } from '../../core/paths';
import { restampAfterOwnWrite } from '../../core/cache/answerCache';
import type { SarifLog } from '../../core/report/sarif/types';
import type { CliCommand } from '../types';
import { reportPlan } from './reportPlans';
import { reportData } from '../reportData';
import { defaultLayoutCacheDir, loadLayouts, saveLayouts } from '../../core/report/layoutCache';

function readPrevious(file: string): ReportData {
  const abs = path.resolve(process.cwd(), file);
  let text: string;
  try {
    text = fs.readFileSync(abs, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new DeepDiveError(`--compare ${file}: cannot read it (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder' : (code ?? 'unreadable')})`);
  }
  return parsePreviousReport(text, `--compare ${file}`);
}

/** What a SARIF file holds and what it left out, on standard error (standard output is the file). */
function sarifCounts(text: string): string {
  const run = (JSON.parse(text) as SarifLog).runs[0];
  const o = (run.properties?.omitted ?? {}) as Record<string, number>;
  const left = [o.notOnCode ? `${o.notOnCode} not on code` : '', o.orphaned ? `${o.orphaned} orphaned` : '', o.unconfirmedLeads ? `${o.unconfirmedLeads} unconfirmed scanner leads` : ''].filter(Boolean);
  return `${run.results?.length ?? 0} notes on code as SARIF results${left.length ? `; left out: ${left.join(', ')}` : ''}`;
}

export const reportCommand: CliCommand = {
  name: 'report',
  usage:
    'deepdive report [--root DIR] [--dive ID] [--format md|html|json|sarif] [--out FILE] [--compare PREVIOUS.json] [--untrusted] [--no-cache]\n' +
    '       deepdive report verdict ["TEXT" | --clear]          the verdict of the summary (without TEXT: shows it, or the draft)\n' +
    '       deepdive report recommendations                    the recommendations with their ids, owners and due dates\n' +
    '       deepdive report assign REC_ID [--owner NAME] [--due YYYY-MM-DD] [--clear]\n\n' +
    '  --format     md (GitHub Markdown, Mermaid diagram; default), html (one self-contained file), json (all the data),\n' +
    '               sarif (the notes as SARIF 2.1.0, for code scanning)\n' +
    '  --out FILE   write there (an existing file is replaced atomically); default: standard output\n' +
    '  --compare    an earlier report written with --format json: adds what changed since\n' +
    '  --untrusted  run no git at all (no owners or hotspots in the report)',
  options: {
    dive: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    compare: { type: 'string' },
    untrusted: { type: 'boolean' },
    'no-cache': { type: 'boolean' },
    owner: { type: 'string' },
    due: { type: 'string' },
    clear: { type: 'boolean' },
  },
  async run(ctx) {
    const [verb, ...args] = ctx.positionals;
    if (verb !== undefined) {
      if (!['verdict', 'recommendations', 'assign'].includes(verb)) throw new DeepDiveError(`unknown report action "${verb}" (verdict, recommendations, assign; or no action to write the report)`);
      return reportPlan(ctx, resolveDiveId(ctx.root, typeof ctx.values.dive === 'string' ? ctx.values.dive : undefined), verb, args);
    }
    // Check the cheap arguments before the expensive work.
    const format = parseFormat(ctx.values.format ?? (ctx.json ? 'json' : undefined));
    const previous = typeof ctx.values.compare === 'string' ? readPrevious(ctx.values.compare) : undefined;
    const out = typeof ctx.values.out === 'string' ? path.resolve(process.cwd(), ctx.values.out) : undefined;
    if (out && fs.existsSync(out) && fs.statSync(out).isDirectory()) throw new DeepDiveError(`--out ${ctx.values.out}: is a folder`);
    const id = resolveDiveId(ctx.root, typeof ctx.values.dive === 'string' ? ctx.values.dive : undefined);
    const { dive } = loadDive(ctx.root, id);
    // Gathered again only when something it was gathered from changed (../reportData.ts).
    const data = await reportData(ctx.root, id, dive, { trusted: ctx.values.untrusted !== true, noCache: ctx.values['no-cache'] === true, progress: ctx.progress });
    const readText = (rel: string) => {
      try {
        return fs.readFileSync(resolveInside(ctx.root, rel), 'utf8');
      } catch {
        return undefined;
      }
    };
    const layouts = ctx.values['no-cache'] === true ? undefined : defaultLayoutCacheDir(ctx.root);
    if (layouts) loadLayouts(layouts, ctx.root);
    const text = await renderReport(withComparison(data, previous), format, format === 'sarif' ? { readText, toolVersion: (await import('../main')).readVersion() } : {});
    if (layouts && format === 'html') saveLayouts(layouts, ctx.root);
    if (format === 'sarif') ctx.err(sarifCounts(text));
    if (!out) {
      ctx.out(text.replace(/\n$/, ''));
      return 0;
    }
    const tmp = `${out}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(tmp, text);
      fs.renameSync(tmp, out);
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      throw new DeepDiveError(`--out ${ctx.values.out}: cannot write it (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
    // Written into the repository: its folder's new times must not make the next run gather again.
    const inside = relativeInside(ctx.root, out);
    if (inside !== undefined && ctx.values['no-cache'] !== true) restampAfterOwnWrite(ctx.root, 'report', [inside]);
    ctx.err(`wrote ${path.relative(process.cwd(), out) || out} (${format}, ${text.length.toLocaleString('en-US')} bytes)`);
    return 0;
  },
};
