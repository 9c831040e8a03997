// "Changed since read" in the editor: a diff from the version that was read to the text now,
// one click from the Overview. The read version comes from git's object database by the blob id
// stored with the read (`deepdive-read:` documents); nothing runs in an untrusted workspace.
import * as vscode from 'vscode';
import type { ChangedUnit } from '../../core/coverage/changedSinceRead';
import { readVersionText } from '../../core/history/sinceRead';
import { DeepDiveError } from '../../core/errors';
import type { DeepDiveContext } from '../deepDiveContext';

export const READ_VERSION_SCHEME = 'deepdive-read';

/** Serves the text of a read version: deepdive-read:/<path>?root=…&blob=…&commit=… */
export class ReadVersionProvider implements vscode.TextDocumentContentProvider {
  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const q = new URLSearchParams(uri.query);
    const root = q.get('root') ?? '';
    const rel = uri.path.replace(/^\//, '');
    const text = await readVersionText(root, rel, { blob: q.get('blob') ?? undefined, commit: q.get('commit') ?? undefined }, { trusted: vscode.workspace.isTrusted });
    if (text !== undefined) return text;
    return vscode.workspace.isTrusted
      ? `The version of ${rel} that was read is not in git (it was read before it was committed).\n`
      : `The version of ${rel} that was read is kept in git, and this workspace is not trusted: Deep Dive runs no git here.\n`;
  }
}

export function registerReadVersions(ctx: DeepDiveContext): void {
  ctx.own(vscode.workspace.registerTextDocumentContentProvider(READ_VERSION_SCHEME, new ReadVersionProvider()));
}

export interface DiffSinceReadArgs {
  root: string;
  path: string;
  unit: string;
  blob?: string;
  commit?: string;
  range: { start: number; end: number };
}

export function diffArgs(root: string, u: ChangedUnit): DiffSinceReadArgs {
  return { root, path: u.path, unit: u.unit, range: { ...u.range }, ...(u.blob ? { blob: u.blob } : {}), ...(u.commit ? { commit: u.commit } : {}) };
}

/** Opens the diff from the read version of a unit's file to its text now, at the unit. */
export async function diffSinceRead(_ctx: DeepDiveContext, arg: unknown): Promise<void> {
  const a = arg as DiffSinceReadArgs | undefined;
  if (!a || typeof a.path !== 'string' || typeof a.root !== 'string') throw new DeepDiveError('pick a unit under "Changed since read" in the Overview');
  const now = vscode.Uri.joinPath(vscode.Uri.file(a.root), ...a.path.split('/'));
  const query = new URLSearchParams({ root: a.root, ...(a.blob ? { blob: a.blob } : {}), ...(a.commit ? { commit: a.commit } : {}) }).toString();
  const read = vscode.Uri.from({ scheme: READ_VERSION_SCHEME, path: `/${a.path}`, query });
  const line = Math.max(0, a.range.start - 1);
  await vscode.commands.executeCommand('vscode.diff', read, now, `${a.unit} — as read ↔ now`, { selection: new vscode.Range(line, 0, line, 0), preview: false });
}
