import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveDiveId } from '../../core/dive/active';
import { loadDive, saveDive } from '../../core/dive/store';
import { DeepDiveError } from '../../core/errors';
import { repoInfo } from '../../core/history/repo';
import { symbolsOfFile } from '../../core/map/fileSymbols';
import { languageForPath } from '../../core/parse/languages';
import { importLeads } from '../../core/report/sarif/importLeads';
import { readSarif } from '../../core/report/sarif/readFindings';
import { repoFileLookup } from '../../core/report/sarif/repoFiles';
import { stringOption } from '../options';
import type { CliCommand } from '../types';

function percent(n: number, of: number): string {
  return of ? `${((100 * n) / of).toFixed(1).replace(/\.0$/, '')}%` : '–';
}

export const importCommand: CliCommand = {
  name: 'import',
  usage:
    'deepdive import [--root DIR] [--dive ID] [--json] FILE.sarif\n\n' +
    '  Each result becomes a "lead" note anchored to its code (kind risk, severity from the level or\n' +
    '  security-severity). Importing the same file again adds nothing it added before. Confirm or\n' +
    '  dismiss a lead with: deepdive note confirm|dismiss NOTE_ID',
  options: { dive: { type: 'string' } },
  async run(ctx) {
    if (ctx.positionals.length !== 1) throw new DeepDiveError('name one SARIF file: deepdive import FILE.sarif');
    const file = ctx.positionals[0];
    let text: string;
    try {
      text = fs.readFileSync(path.resolve(process.cwd(), file), 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new DeepDiveError(`cannot read it (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder' : (code ?? 'unreadable')})`, file);
    }
    const diveId = resolveDiveId(ctx.root, stringOption(ctx, 'dive'));
    const files = repoFileLookup(ctx.root);
    const read = readSarif(text, file, files);
    let commit: string | undefined;
    try {
      commit = (await repoInfo(ctx.root, true)).head;
    } catch {
      commit = undefined;
    }
    const loaded = loadDive(ctx.root, diveId);
    const result = await importLeads(loaded.dive, read, {
      source: file,
      readText: files.readText,
      commit,
      symbols: async (rel, t) => {
        const language = languageForPath(rel);
        return language ? symbolsOfFile(ctx.root, rel, t, language) : undefined;
      },
    });
    if (result.added.length) {
      loaded.dive = result.dive;
      saveDive(loaded);
    }
    const anchored = result.added.length + result.duplicates;
    if (ctx.json) {
      ctx.out(
        JSON.stringify(
          {
            dive: diveId,
            source: file,
            findings: result.findings,
            added: result.added.map((n) => n.id),
            duplicates: result.duplicates,
            anchored,
            anchoredShare: result.findings ? anchored / result.findings : 1,
            unanchored: result.unanchored.map((u) => ({ tool: u.finding.tool, rule: u.finding.rule, uri: u.finding.uri, line: u.finding.range?.start, reason: u.reason })),
            notFindings: result.notFindings,
          },
          null,
          2,
        ),
      );
      return;
    }
    const tools = [...new Set(read.findings.map((f) => f.tool))].join(', ') || 'the scanner';
    ctx.out(`imported ${result.added.length} lead${result.added.length === 1 ? '' : 's'} from ${tools} into deep dive ${diveId}; ${anchored} of ${result.findings} findings anchored (${percent(anchored, result.findings)})${result.duplicates ? `, ${result.duplicates} of them imported before` : ''}${result.notFindings ? `; ${result.notFindings} results that are no findings (passing or suppressed) left out` : ''}`);
    if (result.unanchored.length) {
      ctx.out(`not anchored (${result.unanchored.length}):`);
      for (const u of result.unanchored.slice(0, 20)) ctx.out(`  ${u.finding.rule}  ${u.reason}`);
      if (result.unanchored.length > 20) ctx.out(`  … ${result.unanchored.length - 20} more (--json lists them all)`);
    }
    if (result.added.length) ctx.out('confirm or dismiss each: deepdive note list, then deepdive note confirm|dismiss NOTE_ID');
  },
};
