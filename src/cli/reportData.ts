// The report's data for `deepdive report`, given back from .deepdive/cache/answers/report.json
// while nothing it was gathered from changed: the deep-dive file (by its bytes), HEAD (by one
// `git rev-parse`, which never reads the work tree), trust, the day (days left, history's
// windows), and the stamps of every folder and file the map, coverage, notes, entry points and
// the API description check read. Only the rendering runs again, so the output is the same as
// a fresh one but for the time it says it was generated.
import * as fs from 'node:fs';
import { specCandidates } from '../core/apispec/checkRepo';
import { answerKey, loadAnswer, saveAnswer } from '../core/cache/answerCache';
import { diveFile } from '../core/dive/files';
import { repoInfo } from '../core/history/repo';
import type { DeepDive } from '../core/model/types';
import { buildReport } from '../core/report/buildReport';
import type { ReportData } from '../core/report/types';
import { isWholeRepository } from '../core/walk/scope';
import { recordedMap } from './recordedMap';
import type { Progress } from './progress';

const GENERATOR = 'deepdive cli';

function storedData(text: string): ReportData | undefined {
  try {
    const d = JSON.parse(text) as Partial<ReportData> | null;
    return d && typeof d === 'object' && typeof d.generated === 'string' && d.dive && typeof d.dive === 'object' ? (d as ReportData) : undefined;
  } catch {
    return undefined;
  }
}

export async function reportData(root: string, id: string, dive: DeepDive, o: { trusted: boolean; noCache: boolean; progress?: Progress }): Promise<ReportData> {
  if (o.noCache) return buildReport(root, dive, { trusted: o.trusted, noCache: true, generator: GENERATOR });
  const now = new Date();
  let diveBytes: Buffer | null;
  try {
    diveBytes = fs.readFileSync(diveFile(root, id));
  } catch {
    diveBytes = null;
  }
  const info = await repoInfo(root, o.trusted);
  const key = answerKey('report', [diveBytes, o.trusted, now.toISOString().slice(0, 10), info.head ?? info.reason ?? null, GENERATOR]);
  const known = loadAnswer(root, 'report', key);
  const stored = known === undefined ? undefined : storedData(known);
  if (stored) return { ...stored, generated: now.toISOString() };

  const scope = dive.scope.include.length ? dive.scope : undefined;
  const progress = o.progress;
  const m = await recordedMap(root, { ...(scope ? { scope } : {}), entryFacts: true, ...(progress ? { progress } : {}) });
  // The API description check looks through the whole repository, not only the dive's scope.
  // Routes and flows come from the whole repository (a mount outside the scope gives the full path).
  const all = scope && !isWholeRepository(scope) ? await recordedMap(root, { entryFacts: true, ...(progress ? { progress } : {}) }) : m;
  const whole = all.walked;
  const specFiles = specCandidates(whole);
  progress?.phase('building the report: entry points, flows, coverage, history');
  const data = await buildReport(root, dive, { map: m.map, wholeMap: all.map, files: all.files, trusted: o.trusted, generator: GENERATOR, now, specFiles });
  saveAnswer(
    root,
    'report',
    key,
    () => {
      // The scope's map read its own files (import resolution): they count as much as the whole one's.
      const scoped = all === m ? undefined : m.inputs();
      return all.inputs({
        // The remote's address, git's author names, and the complexity of each hotspot (read from disk, in scope or not).
        files: [...specFiles, '.git', '.git/config', '.mailmap', ...data.history.hotspots.map((h) => h.path), ...(scoped?.files.map((f) => f[0]) ?? [])],
        dirs: scoped?.dirs.map((d) => d[0]) ?? [],
      });
    },
    JSON.stringify(data),
  );
  return data;
}
