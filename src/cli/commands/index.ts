import type { CliCommand } from '../types';

/** A command by name; its module (and every library it uses) is loaded only when it is run or helped. */
export interface CommandEntry {
  readonly name: string;
  load(): Promise<CliCommand>;
}

/**
 * Every `deepdive` command, registered from this one table. Each lives in its own file in
 * this folder; add one line here to expose a new one. The modules are loaded on demand: loaded
 * up front, the other eleven commands' code (the map, flows, the report, YAML) cost each run of
 * one command more start-up time than Node itself, a quarter of a cold `deepdive history`'s
 * time beside its git log.
 */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'flow', load: async () => (await import('./flow')).flowCommand },
  { name: 'flows', load: async () => (await import('./flows')).flowsCommand },
  { name: 'history', load: async () => (await import('./history')).historyCommand },
  { name: 'import', load: async () => (await import('./import')).importCommand },
  { name: 'map', load: async () => (await import('./map')).mapCommand },
  { name: 'merge-driver', load: async () => (await import('./mergeDriver')).mergeDriverCommand },
  { name: 'note', load: async () => (await import('./note')).noteCommand },
  { name: 'read', load: async () => (await import('./read')).readCommand },
  { name: 'report', load: async () => (await import('./report')).reportCommand },
  { name: 'routes', load: async () => (await import('./routes')).routesCommand },
  { name: 'start', load: async () => (await import('./start')).startCommand },
  { name: 'status', load: async () => (await import('./status')).statusCommand },
];
