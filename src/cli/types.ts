import type { ParseArgsConfig } from 'node:util';
import type { Progress } from './progress';

/** What every command gets: its parsed options, the root, and where to write. */
export interface CliContext {
  root: string;
  json: boolean;
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  out: (text: string) => void;
  err: (text: string) => void;
  /**
   * This process runs only this command (`deepdive <name>` from a shell, not a host that calls
   * main()): the command may tune the runtime for its own work (V8 flags).
   */
  ownProcess?: boolean;
  /** What a long command is doing, for a terminal that watches it (progress.ts); a no-op otherwise. */
  progress: Progress;
}

export interface CliCommand {
  name: string;
  /** Its one-line summary is in the command table (commands/index.ts), which --help reads without loading this. */
  usage: string;
  /** Options besides the common --root/--json/--help. */
  options?: ParseArgsConfig['options'];
  /** Commands with sub-commands (note add, flow step …) take the rest of argv as positionals. */
  run(ctx: CliContext): Promise<number | void>;
}
