// History and people: owners, churn, bus factor, hotspots, line origins, from git run safely.
export { analyzeHistory, unavailableHistory } from './analyze';
export type { HistoryOptions } from './analyze';
export { lineOrigins, parseLinePorcelain, blameOwners } from './lineOrigins';
export type { BlameOwner } from './lineOrigins';
export { rankHotspots, hotspotCandidates, fileChurn } from './hotspots';
export { fileComplexity, countDecisions } from './complexity';
export { whoToAsk, peopleOf } from './people';
export type { AskWhom } from './people';
export { busFactor, topFolderModule, assignModules, moduleHistories, fileHistories } from './knowledge';
export { repoInfo, UNTRUSTED_REASON } from './repo';
export { defaultCacheDir } from './cache';
export { runGit, gitSpawnCount, SAFE_CONFIG, safeEnv } from './git';
export { updateState } from './update';
export type * from './types';
