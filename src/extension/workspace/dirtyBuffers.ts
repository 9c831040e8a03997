import * as vscode from 'vscode';
import type { Overlay } from '../../core/analysis/protocol';
import { relativeInside } from '../../core/paths';

/**
 * The open buffers with unsaved edits under root, by root-relative path: what the analysis
 * worker reads instead of the disk (the worker cannot see the editor's documents).
 */
export function dirtyBuffers(root: string): Overlay {
  const out: Overlay = {};
  for (const doc of vscode.workspace.textDocuments) {
    if (!doc.isDirty || doc.uri.scheme !== 'file') continue;
    const rel = relativeInside(root, doc.uri.fsPath);
    if (rel) out[rel] = doc.getText();
  }
  return out;
}
