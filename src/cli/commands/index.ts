import type { CliCommand } from '../types';
import { flowCommand } from './flow';
import { flowsCommand } from './flows';
import { historyCommand } from './history';
import { importCommand } from './import';
import { mapCommand } from './map';
import { mergeDriverCommand } from './mergeDriver';
import { noteCommand } from './note';
import { readCommand } from './read';
import { reportCommand } from './report';
import { routesCommand } from './routes';
import { startCommand } from './start';
import { statusCommand } from './status';

/**
 * Every `deepdive` command, registered from this one table. Each lives in its own file in
 * this folder; add one line here to expose a new one.
 */
export const COMMANDS: CliCommand[] = [
  flowCommand,
  flowsCommand,
  historyCommand,
  importCommand,
  mapCommand,
  mergeDriverCommand,
  noteCommand,
  readCommand,
  reportCommand,
  routesCommand,
  startCommand,
  statusCommand,
];
