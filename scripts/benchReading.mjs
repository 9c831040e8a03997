// Reading-record benchmark: what following every read line costs. For each file, the whole file
// is marked read (a 4-character hash per line is stored), then 10 lines are inserted at the top
// and every 1000th line is changed, and the record is followed into the new text (a line diff on
// hashes per read span); also followed into the unchanged text. Figures, not pass/fail.
//
//   node scripts/benchReading.mjs [FILE...]     (after `npx tsc -p tsconfig.json`)
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const core = (p) => require(path.join(root, 'out', 'src', 'core', p));
const { splitLines } = core('coverage/fingerprint.js');
const { addRead, effectiveReading } = core('coverage/staleness.js');

const files = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ['src/core/entry/interp/interpreter.ts', 'node_modules/typescript/lib/lib.dom.d.ts', 'node_modules/typescript/lib/typescript.js'];

const ms = (t) => (Number(process.hrtime.bigint() - t) / 1e6).toFixed(1);
console.log('| file | lines | record bytes (per line) | mark all read | follow an edited text | follow the same text | lines still read | units changed |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const rel of files) {
  const lines = splitLines(fs.readFileSync(path.resolve(root, rel), 'utf8'));
  let t = process.hrtime.bigint();
  const record = addRead(undefined, [[1, lines.length]], { lines, symbols: [] });
  const write = ms(t);
  const bytes = JSON.stringify(record).length;
  const edited = ['// a', '// b', 'const inserted = 1;', '', '', '', '', '', '', 'let more;', ...lines.map((l, i) => (i % 1000 === 500 ? `${l} /* changed */` : l))];
  t = process.hrtime.bigint();
  const eff = effectiveReading(record, { lines: edited, symbols: [] });
  const follow = ms(t);
  t = process.hrtime.bigint();
  effectiveReading(record, { lines: [...lines], symbols: [] });
  const same = ms(t);
  const read = eff.ranges.reduce((n, [a, b]) => n + b - a + 1, 0);
  console.log(`| ${rel} | ${lines.length} | ${bytes} (${(bytes / lines.length).toFixed(1)}) | ${write} ms | ${follow} ms | ${same} ms | ${read} | ${eff.stale.length} |`);
}
