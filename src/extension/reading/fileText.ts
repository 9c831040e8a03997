import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { codeLinesOf } from '../../core/coverage/codeLines';
import type { CurrentFile } from '../../core/coverage/staleness';
import { splitLines } from '../../core/coverage/fingerprint';
import type { Pair } from '../../core/coverage/ranges';
import { parseFile } from '../../core/map/extractFile';
import { hashText } from '../../core/map/processFile';
import type { FileInfo, SymbolInfo } from '../../core/map/types';
import { languageForPath } from '../../core/parse/languages';
import { resolveInside } from '../../core/paths';

/** A file as the reader sees it now: the editor's text when open and edited, else the disk. */
export interface AnalyzedText {
  /** Changes whenever the text may have changed: editor version or disk mtime and size. */
  key: string;
  current: CurrentFile;
  codeLines: Pair[];
}

/** The open document of a root-relative path, if any. */
export function openDocument(root: string, rel: string): vscode.TextDocument | undefined {
  let abs: string;
  try {
    abs = resolveInside(root, rel);
  } catch {
    return undefined;
  }
  return vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === abs);
}

/**
 * Text, symbols and code lines of a file. Symbols come from the map when the text is the one on
 * disk (the map already parsed it, off the main thread); an edited buffer is parsed here, once
 * per version (callers cache by `key`).
 */
/** Parses a text off this thread (the folder's analysis worker): code lines, and symbols when asked. */
export type Analyze = (rel: string, text: string, symbols: boolean) => Promise<{ codeLines: Pair[]; symbols?: SymbolInfo[] }>;

export async function analyzeText(root: string, rel: string, info: FileInfo | undefined, analyze?: Analyze): Promise<AnalyzedText | undefined> {
  const doc = openDocument(root, rel);
  let text: string;
  let key: string;
  let fromDisk: boolean;
  if (doc && doc.isDirty) {
    text = doc.getText();
    key = `doc:${doc.version}`;
    fromDisk = false;
  } else {
    try {
      const abs = resolveInside(root, rel);
      const st = await fs.promises.stat(abs);
      key = `disk:${st.mtimeMs}:${st.size}`;
      text = await fs.promises.readFile(abs, 'utf8');
    } catch {
      return undefined;
    }
    fromDisk = true;
  }
  const language = info?.language ?? languageForPath(rel);
  // The map's symbols and code lines hold only for the text it hashed: a file saved (or changed
  // by git) since the map last saw it is parsed, or its units would be named by old lines.
  const mapped = fromDisk && !!info && hashText(text) === info.hash;
  let symbols: readonly SymbolInfo[] = mapped ? info.symbols : [];
  let codeLines: Pair[] | undefined = mapped && info.codeLineRanges ? info.codeLineRanges : undefined;
  if (analyze && !codeLines) {
    // Loading a grammar and parsing blocks a thread for long: the worker does it.
    const needSymbols = !!language && !mapped;
    const r = await analyze(rel, text, needSymbols);
    if (needSymbols) symbols = r.symbols ?? [];
    codeLines = r.codeLines;
  } else if (language) {
    if (!mapped) symbols = (await parseFile(rel, text, language)).symbols;
    codeLines ??= await codeLinesOf(rel, text, language);
  } else {
    codeLines ??= await codeLinesOf(rel, text);
  }
  return { key, current: { lines: splitLines(text), symbols }, codeLines };
}

/** The cheap part of a text key, to tell whether a cached analysis is still current. */
export async function currentTextKey(root: string, rel: string): Promise<string | undefined> {
  const doc = openDocument(root, rel);
  if (doc && doc.isDirty) return `doc:${doc.version}`;
  try {
    const st = await fs.promises.stat(resolveInside(root, rel));
    return `disk:${st.mtimeMs}:${st.size}`;
  } catch {
    return undefined;
  }
}
