// What the People view and "Who to Ask" share: the open notes on each module's code, the
// module a path belongs to, and whom to ask about them (the core's whoToAsk).
import type { HistoryReport, ModuleHistory, Owner, Person } from '../../core/history/index';
import { topFolderModule, whoToAsk } from '../../core/history/index';
import type { NoteKind } from '../../core/model/types';
import type { DeepDiveContext } from '../deepDiveContext';
import { mapFile } from '../notes/liveFiles';
import { notesServices } from '../notes/services';
import type { WorkspaceModel } from '../workspace/workspaceModel';

export interface OpenItem {
  noteId: string;
  kind: NoteKind;
  /** First line of the note. */
  body: string;
  file: string;
  line: number;
  module: string;
}

export type AskOwner = Owner & { active: boolean };

/** The module of a root-relative path: the history's, else the map's, else its top-level folder. */
export function moduleOfPath(model: WorkspaceModel, report: HistoryReport | undefined, path: string): string {
  const inReport = report?.files.find((f) => f.path === path)?.module;
  if (inReport !== undefined) return inReport;
  return mapFile(model.mapIfReady, path)?.module ?? topFolderModule(path);
}

/** Open code notes of the active deep dive, by module (questions first). */
export function openItemsByModule(ctx: DeepDiveContext, model: WorkspaceModel, report: HistoryReport): Record<string, OpenItem[]> {
  const out: Record<string, OpenItem[]> = {};
  if (!model.dive) return out;
  const byPath = new Map(report.files.map((f) => [f.path, f.module]));
  const locations = notesServices(ctx).tracker.forModel(model);
  for (const n of locations?.notes.values() ?? []) {
    if (n.status !== 'open' || n.target !== 'code' || !n.file || n.line === undefined) continue;
    const module = byPath.get(n.file) ?? moduleOfPath(model, report, n.file);
    (out[module] ??= []).push({ noteId: n.id, kind: n.kind, body: n.body.split('\n')[0], file: n.file, line: n.line, module });
  }
  for (const list of Object.values(out)) list.sort((a, b) => Number(b.kind === 'question') - Number(a.kind === 'question') || a.file.localeCompare(b.file) || a.line - b.line);
  return out;
}

/** Per person (keyed like the core: lower-case email), the open items on modules where they are among those to ask. */
export function askAbout(report: HistoryReport, open: Record<string, OpenItem[]>): Map<string, Map<string, OpenItem[]>> {
  const out = new Map<string, Map<string, OpenItem[]>>();
  for (const a of whoToAsk(open, report.modules, report.people)) {
    for (const o of a.ask) {
      const key = personKey(o);
      const m = out.get(key) ?? new Map<string, OpenItem[]>();
      m.set(a.module, a.items);
      out.set(key, m);
    }
  }
  return out;
}

export function personKey(p: { name: string; email: string }): string {
  const e = p.email.trim().toLowerCase();
  return e || `name:${p.name.trim().toLowerCase()}`;
}

/** Owners with whether they still commit (the core's inactivity limit). */
export function withActivity(owners: readonly Owner[], people: readonly Person[]): AskOwner[] {
  const active = new Map(people.map((p) => [personKey(p), p.active]));
  return owners.map((o) => ({ ...o, active: active.get(personKey(o)) ?? false }));
}

/** Why a module's knowledge is at risk, in words; empty when it is not. */
export function riskOf(m: ModuleHistory): string[] {
  const out: string[] = [];
  if (m.busFactor === 1) out.push(m.flags.singleOwner ? 'bus factor 1: one person holds most of the knowledge' : 'bus factor 1');
  if (m.flags.mainOwnerInactive) out.push('main owner has not committed for a long time');
  return out;
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
