import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { SymbolInfo, RepoMap, FileInfo } from '../../core/map/types';
import type { DeepDive } from '../../core/model/types';
import { relativeInside, resolveInside } from '../../core/paths';
import { hashText } from '../../core/map/processFile';
import type { WorkspaceModel } from '../workspace/workspaceModel';

/** Root-relative path of a file URI inside the model's folder, or undefined. */
export function relPath(model: WorkspaceModel, uri: vscode.Uri): string | undefined {
  if (uri.scheme !== 'file') return undefined;
  return relativeInside(model.root, uri.fsPath);
}

export function uriOf(model: WorkspaceModel, rel: string): vscode.Uri {
  return vscode.Uri.file(resolveInside(model.root, rel));
}

/** The open document of a root-relative path, if the editor has it. */
export function openDocument(model: WorkspaceModel, rel: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => !d.isClosed && relPath(model, d.uri) === rel);
}

/** Today's text of a file: the editor's (unsaved edits included) when open, else the disk's. */
export function liveText(model: WorkspaceModel, rel: string): string | undefined {
  const doc = openDocument(model, rel);
  if (doc) return doc.getText();
  try {
    return fs.readFileSync(resolveInside(model.root, rel), 'utf8');
  } catch {
    return undefined; // gone or unreadable: anchors there are orphaned, never lost
  }
}

/**
 * The same, read off this thread when the file is not open: a command that reads many files (a
 * traced flow's steps) waits for the disk without holding the extension host.
 */
export async function liveTextAsync(model: WorkspaceModel, rel: string): Promise<string | undefined> {
  const doc = openDocument(model, rel);
  if (doc) return doc.getText();
  try {
    return await fs.promises.readFile(resolveInside(model.root, rel), 'utf8');
  } catch {
    return undefined;
  }
}

const indexes = new WeakMap<RepoMap, Map<string, FileInfo>>();

export function mapFile(map: RepoMap | undefined, rel: string): FileInfo | undefined {
  if (!map) return undefined;
  let index = indexes.get(map);
  if (!index) {
    index = new Map(map.files.map((f) => [f.path, f]));
    indexes.set(map, index);
  }
  return index.get(rel);
}

/**
 * Symbols of a file when the map's view of it is today's text: the map updates after a save
 * (and after files change on disk), and stale symbol ranges would pull anchors back to where
 * the code was.
 */
export function symbolsOf(model: WorkspaceModel, rel: string, text = liveText(model, rel)): readonly SymbolInfo[] | undefined {
  const info = mapFile(model.mapIfReady, rel);
  if (!info || text === undefined || hashText(text) !== info.hash) return undefined;
  return info.symbols;
}

/** The module a file belongs to: the map's when known, else its folder. */
export function moduleOf(model: WorkspaceModel, rel: string): string {
  const known = mapFile(model.mapIfReady, rel)?.module;
  if (known !== undefined) return known || '(root)';
  const slash = rel.lastIndexOf('/');
  return slash > 0 ? rel.slice(0, slash) : '(root)';
}

/**
 * Applies a pure core operation (dive → new dive) through `model.mutate`, so that every change
 * is saved atomically and merged with changes made on disk.
 */
export function applyOp(model: WorkspaceModel, op: (dive: DeepDive) => DeepDive): Promise<DeepDive> {
  return model.mutate((draft) => {
    const next = op(draft);
    for (const key of Object.keys(draft) as (keyof DeepDive)[]) if (!(key in next)) delete draft[key];
    Object.assign(draft, next);
  });
}

/** The models of every workspace folder (created on first use; each is cheap). */
export function allModels(ctx: { modelFor(folder: vscode.WorkspaceFolder): WorkspaceModel }): WorkspaceModel[] {
  return (vscode.workspace.workspaceFolders ?? []).map((f) => ctx.modelFor(f));
}

/** The model whose folder holds the URI. */
export function modelOf(ctx: { modelFor(folder: vscode.WorkspaceFolder): WorkspaceModel }, uri: vscode.Uri): WorkspaceModel | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return folder ? ctx.modelFor(folder) : undefined;
}
