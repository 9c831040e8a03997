// The repository as the interpreter sees it: entry facts per file and how a file's import
// specifiers resolve to other files (or to a package folder, in Go). Built from the map, which
// already resolved imports; nothing here reads or parses a file.
import type { EntryFacts } from '../facts/types';
import type { LanguageFamily } from '../frameworks/types';

export interface Program {
  /** Facts of every file the interpreter may look at, by root-relative path. */
  facts: Map<string, EntryFacts>;
  /** The language family of a file. */
  language(file: string): LanguageFamily | undefined;
  /**
   * A module key for an import specifier written in `from`: a file path, or `dir:<folder>` for a
   * package made of every file of a folder (Go); undefined for a package outside the repository.
   */
  resolve(from: string, spec: string): string | undefined;
  /** The files that make up a module key. */
  filesOf(key: string): string[];
  /** The text of a data file read by a path fixed in the code (dataFiles.ts), when it was read for the program. */
  dataFile?(path: string): string | undefined;
  /** The data files read for the program, by repository path (the configuration a fresh install runs with is among them: configPermission.ts). */
  dataFiles?(): string[];
  /** Repository paths `dataFile` was asked for and did not have (the caller may read them and run again). */
  missedData?(): string[];
  /** Whether a repository path was looked for as a data file and is not there. */
  dataFileAbsent?(path: string): boolean;
  /** A module by its dotted name (Django `include('app.urls')`, `ROOT_URLCONF`), relative to the repository. */
  moduleByName?(name: string, from?: string): string | undefined;
  /**
   * Whether a bare specifier names a package of the service's own npm scope that could not be read
   * (a sister package of a monorepo opened one package at a time): its code is the service's, unseen.
   */
  ownUnread?(spec: string): boolean;
}
