// Anchoring benchmark: replays the git history of real repositories. At an old commit it puts
// notes on functions and methods (the whole definition, and the line with its name); at a later
// commit it re-finds them with reanchor() and checks against ground truth from the parser:
// a symbol whose path still exists (once, anywhere) must be found at its new range; a symbol
// that is gone must come back orphaned. Line-only anchoring (same path, same lines; gone when
// the file is gone) and text-only anchoring (no symbols) are scored beside it in the same run.
//
//   node scripts/benchAnchors.mjs [--json] GIT_DIR...     (after `npx tsc -p tsconfig.json`)
//
// GIT_DIR is a repository's git directory (a bare mirror is fine). Git is only run as
// plumbing (rev-list, ls-tree, cat-file, diff --name-status) with hooks off, no external diff,
// no textconv: a repository is untrusted input. Its code is never run.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const GAPS = [5, 25, 100, 300];
const PAIRS_PER_GAP = 6;
const NOTES_PER_PAIR = 120;
const MAX_FILE_BYTES = 300_000;

function loadCore() {
  const out = path.join(root, 'out', 'src', 'core');
  if (!fs.existsSync(path.join(out, 'anchor', 'index.js'))) {
    throw new Error('compiled core not found in out/: run `npx tsc -p tsconfig.json` first');
  }
  return {
    anchor: require(path.join(out, 'anchor', 'index.js')),
    text: require(path.join(out, 'anchor', 'text.js')),
    extract: require(path.join(out, 'map', 'extractFile.js')),
    languages: require(path.join(out, 'parse', 'languages.js')),
  };
}

function git(gitDir, args, encoding = 'utf8') {
  return execFileSync('git', ['--git-dir', gitDir, '-c', 'core.hooksPath=/dev/null', '-c', 'core.fsmonitor=false', '--no-pager', ...args], {
    encoding,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0' },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
}

const SKIP = /(^|\/)(node_modules|dist|build|vendor|third_party|coverage)\/|\.min\.js$|\.bundle\.js$/;

function treeFiles(gitDir, commit, languageForPath) {
  const out = git(gitDir, ['ls-tree', '-r', '-z', '--long', commit]);
  const files = [];
  for (const rec of out.split('\0')) {
    const m = /^\d+ blob ([0-9a-f]+)\s+(\d+)\t(.+)$/.exec(rec);
    if (!m) continue;
    const [, sha, size, p] = m;
    if (Number(size) > MAX_FILE_BYTES || SKIP.test(p)) continue;
    const language = languageForPath(p);
    if (language) files.push({ path: p, sha, language });
  }
  return files;
}

/** Git's rename detection between two commits, old path → new path. */
function renamesBetween(gitDir, a, b) {
  const out = git(gitDir, ['diff', '--no-ext-diff', '--no-textconv', '--name-status', '-z', '-M', a, b]);
  const parts = out.split('\0');
  const renames = {};
  for (let i = 0; i < parts.length; i++) {
    if (/^R\d*$/.test(parts[i])) {
      renames[parts[i + 1]] = parts[i + 2];
      i += 2;
    } else if (/^[ACDMTUX]/.test(parts[i])) i += 1;
  }
  return renames;
}

export async function benchAnchors({ repos, log = console.log, gaps = GAPS, pairsPerGap = PAIRS_PER_GAP, notesPerPair = NOTES_PER_PAIR } = {}) {
  const core = loadCore();
  const { createAnchor, reanchor } = core.anchor;
  const blobCache = new Map();
  async function blob(gitDir, f) {
    let got = blobCache.get(f.sha);
    if (!got) {
      const text = git(gitDir, ['cat-file', 'blob', f.sha]);
      let symbols = [];
      try {
        symbols = (await core.extract.parseFile(f.path, text, f.language)).symbols;
      } catch {
        symbols = [];
      }
      got = { text, symbols };
      blobCache.set(f.sha, got);
    }
    return got;
  }

  const modes = ['full', 'textOnly', 'lineOnly'];
  const blank = () => ({ notes: 0, changed: 0, expectFound: 0, expectOrphan: 0, right: 0, rightChanged: 0, changedFound: 0, orphanedRight: 0, wrongPlace: 0, missed: 0, foundDeleted: 0, followedRename: 0, lost: 0, ms: 0 });
  const totals = Object.fromEntries(modes.map((m) => [m, blank()]));
  const perRepo = [];

  for (const gitDir of repos) {
    const name = path.basename(path.dirname(gitDir)).replace('+', '/');
    const commits = git(gitDir, ['rev-list', '--first-parent', '--reverse', 'HEAD']).trim().split('\n');
    const repoTotals = Object.fromEntries(modes.map((m) => [m, blank()]));
    let pairs = 0;
    for (const gap of gaps) {
      if (commits.length <= gap) continue;
      for (let k = 0; k < pairsPerGap; k++) {
        // Old commits spread evenly over the history that has `gap` commits after it.
        const i = Math.floor(((commits.length - gap - 1) * (k + 0.5)) / pairsPerGap);
        const oldC = commits[i];
        const newC = commits[i + gap];
        const oldFiles = treeFiles(gitDir, oldC, core.languages.languageForPath);
        const newFiles = treeFiles(gitDir, newC, core.languages.languageForPath);
        if (!oldFiles.length || !newFiles.length) continue;
        pairs++;
        const renames = renamesBetween(gitDir, oldC, newC);
        const current = [];
        const newSymbolCount = new Map();
        const newSymbolAt = new Map();
        for (const f of newFiles) {
          const b = await blob(gitDir, f);
          current.push({ path: f.path, text: b.text, symbols: b.symbols });
          for (const s of b.symbols) {
            newSymbolCount.set(s.path, (newSymbolCount.get(s.path) ?? 0) + 1);
            newSymbolAt.set(s.path, { file: f.path, sym: s });
          }
        }
        const currentNoSymbols = current.map((f) => ({ path: f.path, text: f.text }));
        const newShaByPath = new Map(newFiles.map((f) => [f.path, f.sha]));

        // Notes on every function and method whose path is unique at the old commit.
        const oldCount = new Map();
        const candidates = [];
        for (const f of oldFiles) {
          const b = await blob(gitDir, f);
          for (const s of b.symbols) oldCount.set(s.path, (oldCount.get(s.path) ?? 0) + 1);
          for (const s of b.symbols) if (s.kind === 'function' || s.kind === 'method') candidates.push({ f, b, s });
        }
        const unique = candidates.filter((c) => oldCount.get(c.s.path) === 1 && (newSymbolCount.get(c.s.path) ?? 0) <= 1);
        unique.sort((a, b) => (a.f.path + '#' + a.s.path < b.f.path + '#' + b.s.path ? -1 : 1));
        const step = Math.max(1, unique.length / notesPerPair);
        const picked = [];
        for (let x = 0; x < unique.length && picked.length < notesPerPair; x += step) picked.push(unique[Math.floor(x)]);

        for (const { f, b, s } of picked) {
          for (const variant of ['whole', 'nameLine']) {
            const range = variant === 'whole' ? s.range : { start: s.nameLine, end: s.nameLine };
            const anchor = createAnchor(f.path, b.text, range, b.symbols, oldC);
            const truthAt = newSymbolAt.get(s.path);
            const truth = truthAt ? { file: truthAt.file, range: variant === 'whole' ? truthAt.sym.range : { start: truthAt.sym.nameLine, end: truthAt.sym.nameLine } } : undefined;
            const changed = newShaByPath.get(f.path) !== f.sha;
            for (const mode of modes) {
              const t0 = performance.now();
              let got;
              try {
                if (mode === 'lineOnly') got = lineOnly(anchor, current, renames);
                else got = reanchor(anchor, mode === 'full' ? current : currentNoSymbols, { renames });
              } catch {
                got = undefined;
              }
              const ms = performance.now() - t0;
              if (process.env.BENCH_DEBUG && mode === 'full' && truth && got?.status === 'orphaned') {
                console.error(`missed ${variant} ${f.path}#${s.path} -> ${truth.file} renames=${renames[f.path] ?? '-'} sameFileExists=${newShaByPath.has(f.path)}`);
              }
              for (const acc of [repoTotals[mode], totals[mode]]) {
                acc.ms += ms;
                score(acc, got, truth, changed, core.text, current, b.text, range);
              }
            }
          }
        }
      }
    }
    perRepo.push({ repo: name, commits: commits.length, pairs, ...summarize(repoTotals) });
  }
  const result = { gaps, pairsPerGap, notesPerPair, repos: perRepo, overall: summarize(totals) };
  log(format(result));
  return result;
}

function lineOnly(anchor, files, renames) {
  const p = files.find((f) => f.path === anchor.path) ? anchor.path : renames[anchor.path] && files.find((f) => f.path === renames[anchor.path]) ? renames[anchor.path] : undefined;
  if (!p) return { status: 'orphaned', path: anchor.path, range: anchor.range, confidence: 0 };
  return { status: 'anchored', path: p, range: anchor.range, confidence: 0.5, method: 'line' };
}

function iou(a, b) {
  const inter = Math.min(a.end, b.end) - Math.max(a.start, b.start) + 1;
  if (inter <= 0) return 0;
  return inter / (Math.max(a.end, b.end) - Math.min(a.start, b.start) + 1);
}

function score(acc, got, truth, changed, text, current, oldText, oldRange) {
  acc.notes++;
  if (changed) acc.changed++;
  // Lost: no answer at all, or an answer pointing at no file — the note would disappear.
  if (!got || (got.status !== 'orphaned' && !current.some((f) => f.path === got.path))) {
    acc.lost++;
    return;
  }
  if (truth) {
    acc.expectFound++;
    if (changed) acc.changedFound++;
    if (got.status === 'orphaned') acc.missed++;
    else if (got.path === truth.file && iou(got.range, truth.range) >= 0.5) {
      acc.right++;
      if (changed) acc.rightChanged++;
    } else acc.wrongPlace++;
    return;
  }
  acc.expectOrphan++;
  if (got.status === 'orphaned') {
    acc.orphanedRight++;
    return;
  }
  // Found code for a symbol whose name is gone: a rename the parser cannot see is fine when the
  // code there is mostly the code the note was on; anything else should have been orphaned.
  const f = current.find((x) => x.path === got.path);
  const oldLines = text.splitLines(oldText).slice(oldRange.start - 1, oldRange.end).map(text.normalizeLine);
  const newLines = text.splitLines(f.text).slice(got.range.start - 1, got.range.end).map(text.normalizeLine);
  const sim = oldLines.filter((l) => l).length <= 2 ? text.alignedSimilarity(oldLines, newLines) : text.blockSimilarity(oldLines, newLines);
  if (sim >= 0.6) acc.followedRename++;
  else acc.foundDeleted++;
}

function pct(a, b) {
  return b === 0 ? null : Math.round((1000 * a) / b) / 10;
}

function summarize(totals) {
  const out = {};
  for (const [mode, t] of Object.entries(totals)) {
    out[mode] = {
      ...t,
      ms: Math.round(t.ms),
      rightPct: pct(t.right, t.expectFound),
      rightChangedPct: pct(t.rightChanged, t.changedFound),
      orphanedRightPct: pct(t.orphanedRight, t.expectOrphan),
      orphanedOrFollowedPct: pct(t.orphanedRight + t.followedRename, t.expectOrphan),
    };
  }
  return out;
}

function format(result) {
  const lines = [`anchors: notes on functions/methods re-found ${result.gaps.join('/')} commits later (${result.pairsPerGap} commit pairs per gap)`];
  const row = (label, m) =>
    `  ${label.padEnd(9)} right ${String(m.rightPct).padStart(5)}% (${m.right}/${m.expectFound}; in changed files ${m.rightChangedPct}% of ${m.changedFound})  ` +
    `orphaned correctly ${m.orphanedRightPct}% (${m.orphanedRight}/${m.expectOrphan}, +${m.followedRename} followed a rename)  wrong place ${m.wrongPlace}  missed ${m.missed}  kept on deleted code ${m.foundDeleted}  lost ${m.lost}  ${m.ms} ms`;
  for (const r of result.repos) {
    lines.push(`${r.repo}: ${r.commits} commits, ${r.pairs} pairs, ${r.full.notes} notes (${r.full.changed} in changed files)`);
    for (const mode of ['full', 'textOnly', 'lineOnly']) lines.push(row(mode, r[mode]));
  }
  lines.push(`overall: ${result.overall.full.notes} notes`);
  for (const mode of ['full', 'textOnly', 'lineOnly']) lines.push(row(mode, result.overall[mode]));
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const repos = args.filter((a) => a !== '--json');
  if (!repos.length) {
    console.error('usage: node scripts/benchAnchors.mjs [--json] GIT_DIR...');
    process.exit(2);
  }
  const result = await benchAnchors({ repos, log: json ? () => {} : console.log });
  if (json) console.log(JSON.stringify(result, null, 2));
}
