import { entryPointsOf } from '../../core/entry/entryCache';
import { countProtections, PROTECTION_LABELS, protectionOf, protectionSummary } from '../../core/entry/protection';
import type { EntryPoint, EntryPointsResult } from '../../core/entry/types';
import { checkApiSpec, specCandidates } from '../../core/apispec/checkRepo';
import { answerKey, loadAnswer, saveAnswer } from '../../core/cache/answerCache';
import type { ApiSpecCheck } from '../../core/apispec/types';
import type { CliCommand } from '../types';
import { recordedMap } from '../recordedMap';

export function renderRoutes(result: EntryPointsResult): string {
  const lines: string[] = [];
  const http = result.entries.filter((e) => e.kind === 'http');
  // The same states, words and counts as the Entry Points view and the report (core/entry/protection.ts).
  const counts = countProtections(http);
  lines.push(`${http.length} HTTP routes: ${protectionSummary(counts)}; ${result.entries.length - http.length} other entry points`);
  const width = Math.min(60, Math.max(10, ...result.entries.map((e) => e.id.length)));
  const row = (e: EntryPoint) => {
    const p = protectionOf(e);
    const names = (optional: boolean) => e.guards.filter((x) => x.kind !== 'other' && !!x.optional === optional).map((x) => `${x.kind === 'authorization' ? 'authz' : 'auth'}: ${x.name}`).join('; ');
    const mark = !p ? '' : p === 'guarded' ? `guarded (${names(false)})` : p === 'anonymousAllowed' ? `anonymous allowed (${names(true)})` : p === 'publicOnPurpose' ? `public on purpose: ${e.publicOnPurpose}` : PROTECTION_LABELS[p];
    const dyn = e.dynamic ? `  [dynamic: ${e.dynamic.expression}]` : e.pathDependsOn ? `  [path under default settings: ${e.pathDependsOn}]` : '';
    return `  ${e.id.padEnd(width)}  ${e.file}:${e.line}  ${e.handler}  ${mark}${dyn}`;
  };
  const noAuth = http.filter((e) => protectionOf(e) === 'noAuth');
  if (noAuth.length) {
    lines.push('', 'routes with no auth (no auth check, nothing says they are meant to be public):');
    for (const e of noAuth) lines.push(row(e));
  }
  lines.push('', 'all entry points:');
  for (const e of result.entries) lines.push(row(e));
  if (result.skippedCompiled.length) lines.push('', `left out ${result.skippedCompiled.length} compiled copies (dist/, build/) of source files`);
  if (result.parseErrors.length) lines.push('', `syntax errors (what parsed was used): ${result.parseErrors.slice(0, 5).join(', ')}${result.parseErrors.length > 5 ? ' …' : ''}`);
  return lines.join('\n');
}

/** The API description check, as text (empty when the repository has no OpenAPI/Swagger document). */
export function renderApiSpec(c: ApiSpecCheck | undefined): string {
  if (!c) return '';
  const lines: string[] = [];
  const docs = c.documents.map((d) => `${d.file} (${d.version}, ${d.operations} operations${d.basePath ? `, base ${d.basePath}` : ''})`);
  lines.push(`API description: ${docs.join('; ') || 'none readable'} — ${c.matched} documented operations found in the code, ${c.undocumented.length} routes undocumented, ${c.notFound.length} documented operations not found, ${c.methodMismatches.length} method mismatches`);
  for (const u of c.unreadable) lines.push(`  unreadable: ${u.file}: ${u.reason}`);
  if (c.undocumented.length) {
    lines.push('  undocumented routes (in the code, not in the description):');
    for (const r of c.undocumented) lines.push(`    ${r.id}  ${r.file}:${r.line}`);
  }
  if (c.notFound.length) {
    lines.push('  documented, not found in the code:');
    for (const o of c.notFound) lines.push(`    ${o.method} ${o.path}  ${o.file}${o.line ? `:${o.line}` : ''}`);
  }
  if (c.methodMismatches.length) {
    lines.push('  method mismatches (documented → found):');
    for (const m of c.methodMismatches) lines.push(`    ${m.path}: ${m.documented.join(', ')} → ${m.found.join(', ')}  ${m.routes[0].file}:${m.routes[0].line}`);
  }
  if (c.dynamic) lines.push(`  ${c.dynamic} routes with a computed path were not compared`);
  return lines.join('\n');
}

export const routesCommand: CliCommand = {
  name: 'routes',
  usage: 'deepdive routes [--root DIR] [--json]',
  async run(ctx) {
    // The last answer while nothing it was read from changed (core/cache/answerCache.ts).
    const key = answerKey('routes', [ctx.json]);
    const known = loadAnswer(ctx.root, 'routes', key);
    if (known !== undefined) return void ctx.out(known);
    const { map, walked, files, inputs } = await recordedMap(ctx.root, { entryFacts: true, progress: ctx.progress });
    ctx.progress.phase('finding entry points and their guards');
    const result = await entryPointsOf(map, files);
    // The map's walk already listed every folder: the description check need not walk again.
    const candidates = specCandidates(walked);
    const apiSpec = checkApiSpec(ctx.root, result.entries, candidates);
    const text = ctx.json ? JSON.stringify(apiSpec ? { ...result, apiSpec } : result, null, 2) : apiSpec ? `${renderRoutes(result)}\n\n${renderApiSpec(apiSpec)}` : renderRoutes(result);
    saveAnswer(ctx.root, 'routes', key, () => inputs({ files: candidates }), text);
    ctx.out(text);
  },
};
