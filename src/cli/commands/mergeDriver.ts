import * as fs from 'node:fs';
import { mergeDiveFiles } from '../../core/dive/mergeFiles';
import { DeepDiveError } from '../../core/errors';
import type { CliCommand } from '../types';

/**
 * A git merge driver for `.deepdive/*.json`, so that one deep dive worked on two branches merges
 * with both sides kept. Git runs it as configured by the user, never by Deep Dive:
 *   .gitattributes:  .deepdive/*.json merge=deepdive
 *   git config merge.deepdive.driver "deepdive merge-driver %O %A %B %P"
 * It writes the merge into %A and exits 0; when a side does not decode it leaves %A as it was,
 * says why on one line and exits 1, which git reports as a conflict.
 */
export const mergeDriverCommand: CliCommand = {
  name: 'merge-driver',
  usage: 'deepdive merge-driver BASE OURS THEIRS [PATH]   (git: "deepdive merge-driver %O %A %B %P")',
  async run(ctx) {
    const [basePath, oursPath, theirsPath, name = oursPath] = ctx.positionals;
    if (!theirsPath || ctx.positionals.length > 4) throw new DeepDiveError('needs BASE OURS THEIRS [PATH] (git passes %O %A %B %P)');
    const read = (p: string, missingIsEmpty: boolean): Buffer => {
      try {
        return fs.readFileSync(p);
      } catch (err) {
        if (missingIsEmpty && (err as NodeJS.ErrnoException).code === 'ENOENT') return Buffer.alloc(0);
        throw new DeepDiveError(`cannot read: ${(err as Error).message}`, p);
      }
    };
    const text = mergeDiveFiles(
      { bytes: read(basePath, true), name: `${name} (common ancestor)` },
      { bytes: read(oursPath, false), name: `${name} (ours)` },
      { bytes: read(theirsPath, false), name: `${name} (theirs)` },
    );
    fs.writeFileSync(oursPath, text);
    if (!ctx.json) return 0;
    ctx.out(JSON.stringify({ merged: name }));
    return 0;
  },
};
