import { entryPointsOf } from '../../core/entry/entryCache';
import { ownScopesOf, suggestFlows, type Flow } from '../../core/callgraph/suggestFlows';
import { DeepDiveError } from '../../core/errors';
import type { CliCommand } from '../types';
import { answerKey, loadAnswer, saveAnswer } from '../../core/cache/answerCache';
import { recordedMap } from '../recordedMap';

export function renderFlows(flows: Flow[]): string {
  const lines: string[] = [];
  for (const f of flows) {
    lines.push(`${f.title}${f.truncated ? '  (cut at the depth/step limit)' : ''}`);
    for (const s of f.steps) {
      const where = `${s.file}:${s.range.start}${s.range.end !== s.range.start ? '-' + s.range.end : ''}`;
      const what =
        s.kind === 'handler' || s.kind === 'call'
          ? `${s.symbol}${s.package ? ` (${s.package}, not in the map)` : ''}`
          : s.kind === 'guard'
            ? `GUARD ${s.callee ?? s.symbol}${s.callee && s.callee !== s.symbol ? ` (${s.symbol})` : ''}`
            : `${s.kind.toUpperCase()} ${s.callee ?? ''}${s.package ? ` (${s.package})` : ''}`;
      const again = s.repeats ? `  (+${s.repeats} more call${s.repeats === 1 ? '' : 's'})` : '';
      lines.push(`  ${'  '.repeat(s.depth)}${what}  ${where}${again}`);
    }
    if (f.omittedCalls) lines.push(`  (${f.omittedCalls} calls to built-ins and utility libraries not listed)`);
    lines.push('');
  }
  return lines.join('\n').trimEnd();
}

export const flowsCommand: CliCommand = {
  name: 'flows',
  usage: 'deepdive flows [--root DIR] [--entry ID] [--depth N] [--json]',
  options: { entry: { type: 'string' }, depth: { type: 'string' } },
  async run(ctx) {
    const entry = typeof ctx.values.entry === 'string' ? ctx.values.entry : undefined;
    const depth = typeof ctx.values.depth === 'string' ? Number(ctx.values.depth) : undefined;
    if (depth !== undefined && (!Number.isInteger(depth) || depth < 1 || depth > 50)) throw new DeepDiveError(`--depth must be a whole number from 1 to 50, got '${ctx.values.depth}'`);
    // The last answer while nothing it was read from changed (core/cache/answerCache.ts).
    const key = answerKey('flows', [ctx.json, entry ?? null, depth ?? null]);
    const known = loadAnswer(ctx.root, 'flows', key);
    if (known !== undefined) return void ctx.out(known);
    const { map, files, inputs } = await recordedMap(ctx.root, { entryFacts: true, progress: ctx.progress });
    ctx.progress.phase('finding entry points and tracing their flows');
    const { entries } = await entryPointsOf(map, files);
    if (entry && !entries.some((e) => e.id === entry)) {
      throw new DeepDiveError(`no entry point '${entry}' (see deepdive routes; ids look like 'GET /api/users/:id')`);
    }
    const flows = suggestFlows(map, entries, { entry, maxDepth: depth, ownScopes: ownScopesOf(files) });
    const text = ctx.json ? JSON.stringify({ flows }, null, 2) : renderFlows(flows);
    saveAnswer(ctx.root, 'flows', key, () => inputs(), text);
    ctx.out(text);
  },
};
