import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { isDeepDiveError } from '../core/errors';
import { COMMANDS } from './commands/index';
import { processIo } from './stdio';
import type { CliIo } from './stdio';
import { safeForTerminal } from './terminal';
import { tuneJitForOneShot } from './jitTiering';
import { NO_PROGRESS, progressFor } from './progress';
import type { Progress } from './progress';
import type { CliCommand, CliContext } from './types';

const COMMON = {
  root: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The overview, from the command table alone: no command's module is loaded for it. */
export function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length), 4);
  const lines = [
    'deepdive: guided code-reading deep dives, headless',
    '',
    'usage: deepdive <command> [--root DIR] [--json] [options]',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Every command takes --root DIR (default: the current folder) and --json.',
    'Run `deepdive <command> --help` for its options.',
  ];
  return lines.join('\n');
}

/** Set when this process is `deepdive` itself (not a host that imports main): see CliContext.ownProcess. */
let ownProcess = false;

/** Raised for bad command-line input: printed as one line, exit code 2. */
class UsageError extends Error {}

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  try {
    // One gate for everything printed: no control character from a repository or a dive
    // reaches the terminal raw (terminal.ts).
    return await run(argv, { out: (s) => io.out(safeForTerminal(s)), err: (s) => io.err(safeForTerminal(s)) });
  } finally {
    io.flush?.();
  }
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    io.out(readVersion());
    return 0;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.err(`deepdive: unknown command '${name}' (try deepdive --help)`);
    return 2;
  }
  // Only a `deepdive` process draws progress on its terminal: a host that calls main() owns its own.
  const progress = ownProcess ? progressFor(process.stderr, process.env) : NO_PROGRESS;
  // The line is erased before anything else is written, so no output ever holds it; once the
  // output starts, the command is answering and the line is not drawn again.
  const shown: CliIo = { out: (s) => (progress.stop(), io.out(s)), err: (s) => (progress.clear(), io.err(s)) };
  try {
    const command = await entry.load();
    const ctx = parseFor(command, rest, shown, progress);
    if (ctx === 'help') {
      shown.out(`usage: ${command.usage}\n\n${entry.summary}`);
      return 0;
    }
    const code = await command.run(ctx);
    return typeof code === 'number' ? code : 0;
  } catch (err) {
    if (err instanceof UsageError || isDeepDiveError(err)) {
      shown.err(`deepdive ${name}: ${(err as Error).message}`);
      return err instanceof UsageError ? 2 : 1;
    }
    shown.err(`deepdive ${name}: internal error: ${(err as Error)?.stack ?? String(err)}`);
    return 70;
  } finally {
    progress.stop();
  }
}

function parseFor(command: CliCommand, args: string[], io: CliIo, progress: Progress): CliContext | 'help' {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...COMMON, ...(command.options ?? {}) }, allowPositionals: true, strict: true });
  } catch (err) {
    // node's messages are multi-line with hints; keep the first line.
    throw new UsageError(String((err as Error).message).split('\n')[0]);
  }
  const values = parsed.values as CliContext['values'];
  if (values.help) return 'help';
  const root = path.resolve(typeof values.root === 'string' ? values.root : process.cwd());
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(root);
  } catch {
    throw new UsageError(`root folder does not exist: ${root}`);
  }
  if (!stat.isDirectory()) throw new UsageError(`root is not a folder: ${root}`);
  return { root, json: values.json === true, values, positionals: parsed.positionals, out: io.out, err: io.err, ownProcess, progress };
}

export function readVersion(): string {
  for (const p of [path.join(__dirname, '..', 'package.json'), path.join(__dirname, '..', '..', '..', 'package.json')]) {
    try {
      return JSON.parse(fs.readFileSync(p, 'utf8')).version;
    } catch {
      /* try the next layout */
    }
  }
  return 'unknown';
}

if (require.main === module) {
  ownProcess = true;
  tuneJitForOneShot();
  main(process.argv.slice(2)).then((code) => {
    // A failed write of the output (stdio.ts) has set 1 already; a closed pipe leaves the code.
    process.exitCode = code || process.exitCode || 0;
  });
}
