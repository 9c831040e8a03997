// `npm run bench`: every benchmark quoted in the README, one after the other, each in its own
// process so that its time and memory are its own. Figures, never pass/fail: the budgets are
// in DESIGN.md and the README says what was measured, where, with this command.
//   node scripts/bench.mjs [--only commands,map,edit,history,anchors,dive,reading,activation,host] [--anchors-repo DIR]...
import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from './lib/codeServer.mjs';

const { values } = parseArgs({ options: { only: { type: 'string' }, 'anchors-repo': { type: 'string', multiple: true } } });
const wanted = new Set((values.only ?? 'commands,map,edit,history,anchors,dive,reading,activation,host').split(','));

function run(title, args) {
  console.log(`\n## ${title}\n`);
  const r = spawnSync(process.execPath, args, { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) console.log(`(${title}: exit ${r.status})`);
  return r.status === 0;
}

// Everything measures the real build: tsc output for the core, dist/ for the extension.
run('build', [path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json']) || process.exit(1);
run('bundle', [path.join(repoRoot, 'scripts', 'build.mjs')]) || process.exit(1);

let ok = true;
if (wanted.has('commands')) ok = run('Every command, cold and warm, on a real service and on 1M lines; vs ctags, dependency-cruiser, git log', [path.join(repoRoot, 'scripts', 'benchCommands.mjs')]) && ok;
if (wanted.has('map')) ok = run('Map: 1,000,000 lines of real JS/TS, cold, warm, one changed file; vs ctags and dependency-cruiser', [path.join(repoRoot, 'scripts', 'benchMap.mjs')]) && ok;
if (wanted.has('edit')) ok = run('After a one-file edit: the analysis worker\'s map update, entry points, a flow and coverage on 1M lines', [path.join(repoRoot, 'scripts', 'benchEdit.mjs')]) && ok;
if (wanted.has('history')) ok = run('History: 50,000 commits, cold, warm, incremental', [path.join(repoRoot, 'scripts', 'benchHistory.mjs'), '--blame', '10']) && ok;
if (wanted.has('anchors')) {
  // Replays real git history: by default this repository's own; pass --anchors-repo for others
  // (the README's figures also name the public repositories they were measured on).
  // benchAnchors takes git directories: this checkout's own (a worktree's .git is a file).
  const ownGitDir = () => execFileSync('git', ['-C', repoRoot, 'rev-parse', '--absolute-git-dir'], { encoding: 'utf8' }).trim();
  const repos = values['anchors-repo']?.length ? values['anchors-repo'] : [ownGitDir()];
  ok = run('Anchors: notes placed at an old commit, re-found at a later one', [path.join(repoRoot, 'scripts', 'benchAnchors.mjs'), ...repos]) && ok;
}
if (wanted.has('dive')) ok = run('A large deep dive: 20,000 and 100,000 notes, 5,000 read ranges; status, note list, report, note add, read', [path.join(repoRoot, 'scripts', 'benchDive.mjs')]) && ok;
if (wanted.has('reading')) ok = run('Reading record: following every read line through an edit', [path.join(repoRoot, 'scripts', 'benchReading.mjs')]) && ok;
if (wanted.has('host')) ok = run('The extension host\'s thread while the main job runs on 150k lines', [path.join(repoRoot, 'scripts', 'benchHost.mjs')]) && ok;
if (wanted.has('activation')) ok = run('Activation in the real extension host', [path.join(repoRoot, 'scripts', 'benchActivation.mjs')]) && ok;
process.exit(ok ? 0 : 1);
