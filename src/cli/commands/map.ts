import { buildMap } from '../../core/map/buildMap';
import type { RepoMap } from '../../core/map/types';
import { listOption } from '../options';
import type { CliCommand } from '../types';
import { DeepDiveError } from '../../core/errors';

export function renderMap(map: RepoMap): string {
  const lines: string[] = [];
  const i = map.imports;
  const pct = (n: number) => (i.total ? ((100 * n) / i.total).toFixed(1) : '0.0');
  lines.push(`${map.files.length} files, ${map.stats.lines} lines, ${map.modules.filter((m) => m.kind !== 'external').length} modules, ${map.edges.length} module edges`);
  lines.push(`imports: ${i.total} total, ${i.resolved} resolved (${pct(i.resolved)}%), ${i.external} external, ${i.unresolved} unresolved`);
  const skipped = Object.entries(map.skipped).sort();
  if (skipped.length) lines.push(`skipped: ${skipped.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  const errors = map.files.filter((f) => f.parseErrors > 0);
  if (errors.length) lines.push(`syntax errors in ${errors.length} files (symbols still extracted): ${errors.slice(0, 5).map((f) => f.path).join(', ')}${errors.length > 5 ? ' …' : ''}`);
  lines.push(`time: ${map.stats.ms} ms (${map.stats.filesParsed} parsed, ${map.stats.filesCached} from cache)`);
  lines.push('');
  lines.push('modules (files, lines, symbols, fan-in, fan-out):');
  const width = Math.min(60, Math.max(6, ...map.modules.map((m) => m.id.length)));
  for (const m of map.modules) {
    if (m.kind === 'external') continue;
    lines.push(`  ${m.id.padEnd(width)}  ${String(m.files).padStart(5)} ${String(m.lines).padStart(8)} ${String(m.symbols).padStart(6)} ${String(m.fanIn).padStart(4)} ${String(m.fanOut).padStart(4)}`);
  }
  const ext = map.modules.filter((m) => m.kind === 'external');
  if (ext.length) lines.push(`outside the scope, imported: ${ext.map((m) => m.id).join(', ')}`);
  if (map.edges.length) {
    lines.push('');
    lines.push('module edges (imports):');
    for (const e of map.edges) lines.push(`  ${e.from} -> ${e.to} (${e.count})`);
  }
  if (map.cycles.length) {
    lines.push('');
    lines.push('cycles:');
    for (const c of map.cycles) lines.push(`  ${c.join(' <-> ')}`);
  }
  return lines.join('\n');
}

export const mapCommand: CliCommand = {
  name: 'map',
  usage: 'deepdive map [--root DIR] [--scope GLOB]... [--exclude GLOB]... [--json] [--no-cache] [--workers N]',
  options: {
    scope: { type: 'string', multiple: true },
    exclude: { type: 'string', multiple: true },
    'no-cache': { type: 'boolean' },
    workers: { type: 'string' },
  },
  async run(ctx) {
    let workers: number | undefined;
    if (typeof ctx.values.workers === 'string') {
      workers = Number(ctx.values.workers);
      if (!Number.isInteger(workers) || workers < 0) throw new DeepDiveError(`--workers must be a whole number, got '${ctx.values.workers}'`);
    }
    for (const g of [...listOption(ctx, 'scope'), ...listOption(ctx, 'exclude')]) {
      if (g.startsWith('/') || g.split('/').includes('..')) throw new DeepDiveError('scope globs are relative to the root and stay inside it', g);
    }
    const map = await buildMap({
      root: ctx.root,
      scope: { include: listOption(ctx, 'scope'), exclude: listOption(ctx, 'exclude') },
      cache: ctx.values['no-cache'] !== true,
      ...(workers !== undefined ? { workers } : {}),
      onProgress: (done, total) => ctx.progress.count('mapping', done, total),
    });
    ctx.out(ctx.json ? JSON.stringify(map, null, 2) : renderMap(map));
    return 0;
  },
};
