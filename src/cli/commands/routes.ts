import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildMap } from '../../core/map/buildMap';
import { findEntryPoints } from '../../core/entry/findEntryPoints';
import type { EntryPoint, EntryPointsResult } from '../../core/entry/types';
import type { CliCommand } from '../types';

export function renderRoutes(result: EntryPointsResult): string {
  const lines: string[] = [];
  const http = result.entries.filter((e) => e.kind === 'http');
  const open = http.filter((e) => e.public);
  lines.push(`${http.length} HTTP routes, ${http.length - open.length} guarded, ${open.length} with no required auth; ${result.entries.length - http.length} other entry points`);
  const width = Math.min(60, Math.max(10, ...result.entries.map((e) => e.id.length)));
  const row = (e: EntryPoint) => {
    const g = e.guards.filter((x) => x.kind !== 'other');
    const mark = e.kind !== 'http' ? '' : e.public ? (g.length ? 'PUBLIC (optional auth)' : 'PUBLIC') : g.map((x) => `${x.kind === 'authorization' ? 'authz' : 'auth'}: ${x.name}`).join('; ');
    const dyn = e.dynamic ? `  [dynamic: ${e.dynamic.expression}]` : '';
    return `  ${e.id.padEnd(width)}  ${e.file}:${e.line}  ${e.handler}  ${mark}${dyn}`;
  };
  if (open.length) {
    lines.push('', 'routes with no required authentication:');
    for (const e of open) lines.push(row(e));
  }
  lines.push('', 'all entry points:');
  for (const e of result.entries) lines.push(row(e));
  if (result.skippedCompiled.length) lines.push('', `left out ${result.skippedCompiled.length} compiled copies (dist/, build/) of source files`);
  if (result.parseErrors.length) lines.push('', `syntax errors (what parsed was used): ${result.parseErrors.slice(0, 5).join(', ')}${result.parseErrors.length > 5 ? ' …' : ''}`);
  return lines.join('\n');
}

export const routesCommand: CliCommand = {
  name: 'routes',
  summary: 'entry points (HTTP routes, consumers, jobs, CLI mains) with their auth guards',
  usage: 'deepdive routes [--root DIR] [--json]',
  async run(ctx) {
    const map = await buildMap({ root: ctx.root });
    const result = await findEntryPoints(map, (rel) => fs.readFileSync(path.join(ctx.root, rel), 'utf8'));
    ctx.out(ctx.json ? JSON.stringify(result, null, 2) : renderRoutes(result));
  },
};
