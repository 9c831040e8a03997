// The one request/response protocol between the editor's thread and the analysis worker.
// Every request carries an id; the worker answers each with exactly one reply of that id, and may
// send progress messages of that id before it.
import type { Flow } from '../callgraph/suggestFlows';
import type { ApiSpecCheck } from '../apispec/types';
import type { EntryPoint, EntryPointsResult } from '../entry/types';
import type { FileInfo, SymbolInfo } from '../map/types';
import type { Pair } from '../coverage/ranges';
import type { EntryRef, UnreadPlace } from '../coverage/nextUnread';
import type { DeepDive } from '../model/types';
import type { GraphModule, ReportData } from '../report/types';
import type { GraphLayout } from '../report/layout';
import type { ViewOptions } from '../report/moduleGraph';
import type { Scope } from '../walk/scope';
import type { MapDelta } from './mapDelta';

/** Unsaved editor buffers (root-relative path → text): they win over the disk. */
export type Overlay = Record<string, string>;

export interface Ops {
  /** Builds the map of a scope (once; a new scope starts over) and cuts the editor's delta. */
  map: { args: { scope?: Scope }; result: MapDelta };
  /** Re-maps the changed files (absolute or root-relative paths). */
  update: { args: { paths: string[] }; result: MapDelta };
  /** One chunk of the latest delta's files. */
  chunk: { args: { version: number; index: number }; result: FileInfo[] };
  /**
   * Entry points of the current map (computed once per map version and overlay): all but the
   * entries themselves, which the editor pulls in chunks (`entryChunk`) of this answer's `id`.
   */
  entries: { args: { overlay: Overlay }; result: { id: number; head: Omit<EntryPointsResult, 'entries'>; chunks: number } };
  /** One chunk of the entry points announced by `entries` (an error once a newer answer replaced it). */
  entryChunk: { args: { id: number; index: number }; result: EntryPoint[] };
  /** The repository's OpenAPI/Swagger documents against the entry points (undefined: none); it walks the folder, so never on the editor's thread. */
  /** `generation` changes when the user asks to look again (the documents are not source files the map watches). */
  apiSpec: { args: { overlay: Overlay; generation?: number }; result: ApiSpecCheck | undefined };
  /** The suggested flow of one entry point. */
  flow: { args: { overlay: Overlay; entry: string }; result: Flow | undefined };
  /** The module map's modules: coverage of the dive, entry-point and note files marked. */
  moduleGraph: { args: { overlay: Overlay; dive?: DeepDive }; result: GraphModule[] };
  /** The module map laid out for the panel's view (filter, focus, room): hundreds of ms of layout, off the editor's thread. */
  moduleLayout: { args: { modules: GraphModule[]; view: ViewOptions }; result: GraphLayout & { shown: number; total: number } };
  /** The report's data; progress messages name the steps. */
  report: { args: { overlay: Overlay; dive: DeepDive; trusted: boolean; generator: string }; result: ReportData };
  /** The report rendered as the editor's preview page (only the page crosses over, not the data). */
  preview: { args: { overlay: Overlay; dive: DeepDive; trusted: boolean; generator: string; csp: string; styleNonce: string }; result: { title: string; html: string } };
  /** The most valuable unread places of the dive, ranked on its exact coverage of every file in scope (near the entry points the worker found, unless `entries` says otherwise). */
  rank: { args: { overlay: Overlay; dive: DeepDive; entries?: EntryRef[]; hotspots?: Record<string, number>; limit: number }; result: UnreadPlace[] };
  /** Code lines (and, when asked, symbols) of one file's text: tree-sitter runs here, not in the editor. */
  analyze: { args: { rel: string; text: string; symbols: boolean }; result: { codeLines: Pair[]; symbols?: SymbolInfo[] } };
  /** Writes what the map cache learned and lets go of everything. */
  close: { args: Record<string, never>; result: undefined };
}

export type Op = keyof Ops;

export type Request = { [K in Op]: { id: number; op: K; args: Ops[K]['args'] } }[Op] | { id: number; op: 'cancel'; target: number };

export type Reply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: { message: string; name?: string; deepDive?: boolean } }
  | { id: number; progress: { done?: number; total?: number; step?: string } };
