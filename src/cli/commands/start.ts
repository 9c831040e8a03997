import { setActiveDive } from '../../core/dive/active';
import { diveFileName } from '../../core/dive/files';
import { checkFutureDate } from '../../core/dive/dueDate';
import { newDive } from '../../core/dive/ops';
import { insertDive, listDiveIds } from '../../core/dive/store';
import { TEMPLATE_NAMES } from '../../core/dive/templates';
import { DeepDiveError } from '../../core/errors';
import { repoInfo } from '../../core/history/repo';
import { listOption, stringOption } from '../options';
import type { CliCommand } from '../types';

function checkGlob(g: string, flag: string): string {
  const t = g.trim().replace(/\\/g, '/');
  if (!t) throw new DeepDiveError(`${flag} needs a glob, got an empty one`);
  if (t.startsWith('/') || /^[A-Za-z]:\//.test(t) || t.split('/').includes('..')) {
    throw new DeepDiveError(`${flag} ${JSON.stringify(g)}: globs are relative to the root and stay inside it`);
  }
  return t.replace(/^\.\//, '');
}

export const startCommand: CliCommand = {
  name: 'start',
  usage: `deepdive start [--root DIR] --title T [--scope GLOB]... [--exclude GLOB]... [--due YYYY-MM-DD] [--template ${TEMPLATE_NAMES.join('|')}] [--id ID] [--json]`,
  options: {
    title: { type: 'string' },
    scope: { type: 'string', multiple: true },
    exclude: { type: 'string', multiple: true },
    due: { type: 'string' },
    template: { type: 'string' },
    id: { type: 'string' },
  },
  async run(ctx) {
    const title = typeof ctx.values.title === 'string' ? ctx.values.title : undefined;
    if (!title?.trim()) throw new DeepDiveError('--title is required, e.g. --title "Auth and sessions"');
    if (ctx.positionals.length) throw new DeepDiveError(`unexpected argument ${JSON.stringify(ctx.positionals[0])}`);
    const include = listOption(ctx, 'scope').map((g) => checkGlob(g, '--scope'));
    const exclude = listOption(ctx, 'exclude').map((g) => checkGlob(g, '--exclude'));
    const str = (k: string) => stringOption(ctx, k);
    // Validate everything before asking git anything or touching the disk.
    const due = str('due');
    if (due !== undefined) checkFutureDate(due);
    const draft = newDive({ title, id: str('id'), include, exclude, due: str('due'), template: str('template') }, listDiveIds(ctx.root));
    const repo = await repoInfo(ctx.root, true);
    const dive = repo.available && repo.head ? { ...draft, baseCommit: repo.head } : draft;
    const loaded = insertDive(ctx.root, dive);
    setActiveDive(ctx.root, loaded.id);
    if (ctx.json) {
      ctx.out(JSON.stringify({ id: loaded.id, file: loaded.file, active: true, dive: loaded.dive }, null, 2));
      return;
    }
    const d = loaded.dive;
    ctx.out(`started deep dive "${d.title}" (${diveFileName(d.id)}), now active`);
    ctx.out(`  scope: ${d.scope.include.join(' ')}${d.scope.exclude.length ? ` excluding ${d.scope.exclude.join(' ')}` : ''}`);
    if (d.due) ctx.out(`  due: ${d.due}`);
    if (d.template) ctx.out(`  ${d.questions.length} questions from the ${d.template} template`);
    ctx.out(`  base commit: ${d.baseCommit ?? `none (${repo.reason ?? 'no git'})`}`);
  },
};
