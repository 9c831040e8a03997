import { getOwn } from '../../core/ownKeys';
import { tooLargeToParse } from '../../core/parse/limits';
import * as fs from 'node:fs';
import { resolveDiveId } from '../../core/dive/active';
import { parseReadSpec, checkReadableFile } from '../../core/dive/readTarget';
import { markRead } from '../../core/dive/reading';
import { loadDive, saveDive } from '../../core/dive/store';
import { CodeLinesCache, defaultCodeLinesCacheDir } from '../../core/coverage/codeLinesCache';
import { fileCoverage } from '../../core/coverage/coverage';
import { splitLines } from '../../core/coverage/fingerprint';
import { DeepDiveError } from '../../core/errors';
import { repoInfo } from '../../core/history/repo';
import { symbolsOfFile } from '../../core/map/fileSymbols';
import type { SymbolInfo } from '../../core/map/types';
import { languageForPath } from '../../core/parse/languages';
import type { CliCommand } from '../types';

export const readCommand: CliCommand = {
  name: 'read',
  usage: 'deepdive read [--root DIR] [--dive ID] FILE[:START-END]... [--json]',
  options: { dive: { type: 'string' } },
  async run(ctx) {
    if (!ctx.positionals.length) throw new DeepDiveError('name a file to mark read: deepdive read src/auth.ts:10-40');
    const id = resolveDiveId(ctx.root, typeof ctx.values.dive === 'string' ? ctx.values.dive : undefined);
    const loaded = loadDive(ctx.root, id);
    const done: { path: string; range: { start: number; end: number }; lines: number; read: number; percent: number; fingerprints: number; notParsed?: string }[] = [];
    // Check every argument before recording any, so a typo in the third does not half-apply.
    const targets = [];
    for (const spec of ctx.positionals) {
      const { file, range } = parseReadSpec(spec);
      const { rel, abs } = checkReadableFile(ctx.root, file, loaded.dive.scope);
      const text = fs.readFileSync(abs, 'utf8');
      const lines = splitLines(text);
      const count = text.endsWith('\n') ? lines.length - 1 : lines.length;
      const r = range ?? { start: 1, end: Math.max(1, count) };
      if (r.end > Math.max(1, count)) throw new DeepDiveError(`line ${r.end} is past the end of the file (${count} lines)`, rel);
      targets.push({ rel, text, lines, range: r });
    }
    // HEAD is stored with what is read: "changed since read" names the commits after it.
    const repo = await repoInfo(ctx.root, true);
    const commit = repo.available ? repo.head : undefined;
    // Code lines by content hash, as status and the report keep them: the file is not parsed again.
    const codeLines = new CodeLinesCache(defaultCodeLinesCacheDir(ctx.root), ctx.root);
    for (const t of targets) {
      const language = languageForPath(t.rel);
      let symbols: SymbolInfo[] = [];
      if (language) symbols = await symbolsOfFile(ctx.root, t.rel, t.text, language);
      markRead(loaded.dive, t.rel, [[t.range.start, t.range.end]], { lines: t.lines, symbols, ...(commit ? { commit } : {}) });
      const cov = fileCoverage({ path: t.rel, module: '', codeLines: await codeLines.of(t.rel, t.text, language), reading: getOwn(loaded.dive.reading, t.rel), current: { lines: t.lines, symbols } });
      const notParsed = tooLargeToParse(t.text);
      done.push({ path: t.rel, range: t.range, lines: cov.lines, read: cov.read, percent: cov.percent, fingerprints: getOwn(loaded.dive.reading, t.rel)?.fingerprints?.length ?? 0, ...(notParsed ? { notParsed } : {}) });
    }
    const { merged } = saveDive(loaded);
    codeLines.save(ctx.root);
    if (ctx.json) {
      ctx.out(JSON.stringify({ dive: id, merged, files: done }, null, 2));
      return;
    }
    for (const d of done) {
      ctx.out(`read ${d.path}:${d.range.start}-${d.range.end} (deep dive ${id}): ${d.read}/${d.lines} code lines read (${d.percent}%)`);
      if (d.notParsed) ctx.out(`  ${d.path}: ${d.notParsed}; every non-blank line counts as code`);
    }
    if (merged) ctx.out('(the deep-dive file had changed on disk: merged, nothing lost)');
  },
};
