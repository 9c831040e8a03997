import type { CliCommand } from '../types';

/** A command by name; its module (and every library it uses) is loaded only when it is run or helped. */
export interface CommandEntry {
  readonly name: string;
  /**
   * One line for `deepdive --help` and the command's own help. It lives here, not in the
   * command's module: the overview lists every command, and loading all twelve bundles for their
   * summaries made `deepdive --help` cost half a second of CPU where one bundle costs a tenth.
   */
  readonly summary: string;
  load(): Promise<CliCommand>;
}

/**
 * Every `deepdive` command, registered from this one table. Each lives in its own file in
 * this folder; add an entry here (name, summary, loader) to expose a new one. The modules are loaded on demand: loaded
 * up front, the other eleven commands' code (the map, flows, the report, YAML) cost each run of
 * one command more start-up time than Node itself, a quarter of a cold `deepdive history`'s
 * time beside its git log.
 */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'flow',
    summary: 'create and edit flows, add/move/remove steps, step through them, mark them understood',
    load: async () => (await import('./flow')).flowCommand,
  },
  {
    name: 'flows',
    summary: 'suggested request flows from each entry point down to data stores and external calls',
    load: async () => (await import('./flows')).flowsCommand,
  },
  {
    name: 'history',
    summary: 'owners, churn, bus factor and hotspots per module, from git history (run safely)',
    load: async () => (await import('./history')).historyCommand,
  },
  {
    name: 'import',
    summary: "a scanner's SARIF (Semgrep, CodeQL, ESLint …) as leads: notes on their code to confirm or dismiss",
    load: async () => (await import('./import')).importCommand,
  },
  {
    name: 'map',
    summary: 'files, modules, symbols, import edges, skipped files, stats',
    load: async () => (await import('./map')).mapCommand,
  },
  {
    name: 'merge-driver',
    summary: 'git merge driver for deep-dive files: keeps both branches\' notes and reading',
    load: async () => (await import('./mergeDriver')).mergeDriverCommand,
  },
  {
    name: 'note',
    summary: 'add, list, edit, reply to, resolve and delete notes anchored to code',
    load: async () => (await import('./note')).noteCommand,
  },
  {
    name: 'read',
    summary: 'mark a file, or lines of it, as read (FILE[:START-END], 1-based, inclusive)',
    load: async () => (await import('./read')).readCommand,
  },
  {
    name: 'report',
    summary: 'the deep-dive report: executive summary and engineering appendix, as Markdown, HTML or JSON',
    load: async () => (await import('./report')).reportCommand,
  },
  {
    name: 'routes',
    summary: 'entry points (HTTP routes, consumers, jobs, CLI mains) with their auth guards, checked against an OpenAPI/Swagger document when there is one',
    load: async () => (await import('./routes')).routesCommand,
  },
  {
    name: 'start',
    summary: 'start a deep dive: title, scope, due date, question template',
    load: async () => (await import('./start')).startCommand,
  },
  {
    name: 'status',
    summary: 'coverage per module and file, flows, notes, questions, days left, what to read next',
    load: async () => (await import('./status')).statusCommand,
  },
];
