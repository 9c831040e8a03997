import * as fs from 'node:fs';
import { resolveDiveId } from '../../core/dive/active';
import { diveFile } from '../../core/dive/files';
import { loadDive } from '../../core/dive/store';
import type { DiveStatus } from '../../core/dive/status';
import { diveStatus } from '../../core/dive/status';
import { answerKey, loadAnswer, saveAnswer } from '../../core/cache/answerCache';
import { snapshotsFrom } from '../../core/coverage/coverage';
import { CodeLinesCache, defaultCodeLinesCacheDir } from '../../core/coverage/codeLinesCache';
import { recordedMap } from '../recordedMap';
import type { CliCommand } from '../types';

function bar(percent: number): string {
  const n = Math.round(percent / 10);
  return '#'.repeat(n) + '.'.repeat(10 - n);
}

export function renderStatus(s: DiveStatus): string {
  const out: string[] = [];
  out.push(`${s.dive.title} (${s.dive.id})${s.daysLeft !== undefined ? `: ${s.daysLeft >= 0 ? `${s.daysLeft} days left` : `${-s.daysLeft} days overdue`} (due ${s.dive.due})` : ''}`);
  out.push(`coverage: ${s.coverage.read}/${s.coverage.lines} code lines read (${s.coverage.percent}%), ${s.coverage.filesRead}/${s.coverage.files} files fully read`);
  const understood = s.flows.filter((f) => f.status === 'understood').length;
  const answered = s.questions.filter((q) => q.answered).length;
  const open = s.notes.filter((n) => n.status === 'open').length;
  out.push(`flows: ${understood}/${s.flows.length} understood · questions: ${answered}/${s.questions.length} answered · notes: ${s.notes.length} (${open} open)`);
  if (s.modules.length) {
    out.push('', 'modules:');
    const w = Math.min(50, Math.max(...s.modules.map((m) => m.id.length)));
    for (const m of s.modules) out.push(`  ${m.id.padEnd(w)}  ${bar(m.percent)} ${String(m.percent).padStart(5)}%  ${m.read}/${m.lines}`);
  }
  const stale = s.files.filter((f) => f.stale?.length);
  if (stale.length) {
    out.push('', 'changed since read:');
    for (const f of stale) for (const x of f.stale!) out.push(`  ${f.path}:${x.range.start}-${x.range.end} ${x.symbol} (${x.reason})`);
  }
  if (s.nextUnread.length) {
    out.push('', 'read next:');
    for (const p of s.nextUnread) out.push(`  ${p.path}:${p.range.start}-${p.range.end}${p.symbol ? ` ${p.symbol}` : ''} — ${p.reasons.join(', ')}`);
  }
  const openQ = s.questions.filter((q) => !q.answered);
  if (openQ.length) {
    out.push('', 'open questions:');
    for (const q of openQ) out.push(`  [ ] ${q.text}`);
  }
  return out.join('\n');
}

export const statusCommand: CliCommand = {
  name: 'status',
  usage: 'deepdive status [--root DIR] [--dive ID] [--json]',
  options: { dive: { type: 'string' } },
  async run(ctx) {
    const id = resolveDiveId(ctx.root, typeof ctx.values.dive === 'string' ? ctx.values.dive : undefined);
    // While the deep-dive file, the day and everything the last status read are as they were,
    // that status is the answer (core/cache/answerCache.ts): no map, no coverage, no ranking.
    const command = `status-${id}`;
    let key: string | undefined;
    try {
      key = answerKey(command, [fs.readFileSync(diveFile(ctx.root, id)), ctx.json, new Date().toISOString().slice(0, 10)]);
    } catch {
      key = undefined; // loadDive says what is wrong
    }
    const known = key ? loadAnswer(ctx.root, command, key) : undefined;
    if (known !== undefined) return void ctx.out(known);
    const { dive } = loadDive(ctx.root, id);
    const { map, files, inputs } = await recordedMap(ctx.root, { scope: dive.scope, progress: ctx.progress });
    const codeLines = new CodeLinesCache(defaultCodeLinesCacheDir(ctx.root), ctx.root);
    const { status } = await diveStatus(ctx.root, dive, map, { snapshot: snapshotsFrom(files), files, codeLines });
    codeLines.save(ctx.root);
    const text = ctx.json ? JSON.stringify(status, null, 2) : renderStatus(status);
    if (key) saveAnswer(ctx.root, command, key, () => inputs(), text);
    ctx.out(text);
  },
};
