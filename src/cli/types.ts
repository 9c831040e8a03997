import type { ParseArgsConfig } from 'node:util';

/** What every command gets: its parsed options, the root, and where to write. */
export interface CliContext {
  root: string;
  json: boolean;
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface CliCommand {
  name: string;
  /** One line for `deepdive --help`. */
  summary: string;
  usage: string;
  /** Options besides the common --root/--json/--help. */
  options?: ParseArgsConfig['options'];
  /**
   * V8 flags for a process that runs only this command (`deepdive <name>` from a shell), set
   * before it runs; a host that calls main() in its own process keeps its flags.
   */
  v8Flags?: readonly string[];
  /** Commands with sub-commands (note add, flow step …) take the rest of argv as positionals. */
  run(ctx: CliContext): Promise<number | void>;
}
