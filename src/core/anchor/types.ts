import type { LineRange } from '../model/types';
import type { SymbolInfo } from '../map/types';

/** One current file a note may have gone to: its text and, when the map knows them, its symbols. */
export interface AnchorFile {
  path: string;
  text: string;
  symbols?: readonly SymbolInfo[];
}

export interface ReanchorOptions {
  /** Files renamed since the anchor was made, old path → new path (e.g. from `git diff -M`). */
  renames?: Readonly<Record<string, string>>;
  /** Set false to re-anchor by text and line only (the benchmark compares). */
  useSymbols?: boolean;
}

export type AnchorStatus = 'anchored' | 'moved' | 'orphaned';
export type AnchorMethod = 'exact' | 'symbol' | 'fuzzy' | 'line';

export interface ReanchorResult {
  /** anchored: same file and lines; moved: found elsewhere; orphaned: not found (path/range are the last known). */
  status: AnchorStatus;
  path: string;
  range: LineRange;
  /** 0..1: how sure the match is. 0 when orphaned. */
  confidence: number;
  /** How it was found; absent when orphaned. */
  method?: AnchorMethod;
}
