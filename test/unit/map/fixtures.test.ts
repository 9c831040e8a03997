import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildMap } from '../../../src/core/map/buildMap';
import type { RepoMap } from '../../../src/core/map/types';
import { FIXTURES } from './helpers';

interface ExpectedImport {
  from: string;
  specifier: string;
  to: string | null;
  kind: 'resolved' | 'external' | 'package';
  line: number;
  names?: string[];
}

const FIXTURE_NAMES = ['auth-service-ts', 'fastapi-py', 'gin-go', 'spring-java'];

describe('map: sample services against their ground truth', () => {
  for (const name of FIXTURE_NAMES) {
    describe(name, () => {
      const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'expected', `${name}.json`), 'utf8')) as { modules: string[]; imports: ExpectedImport[] };
      let map: RepoMap;
      before(async () => {
        map = await buildMap({ root: path.join(FIXTURES, name), cache: false, workers: 0 });
      });

      it('groups files into the expected modules', () => {
        assert.deepEqual(
          map.modules.filter((m) => m.kind !== 'external').map((m) => m.id),
          [...expected.modules].sort(),
        );
      });

      for (const exp of expected.imports) {
        it(`resolves ${exp.from}:${exp.line} '${exp.specifier}' → ${exp.to ?? exp.kind}`, () => {
          const file = map.files.find((f) => f.path === exp.from);
          assert.ok(file, `${exp.from} is mapped`);
          const found = file.importDetails.filter((i) => i.specifier === exp.specifier && i.line === exp.line);
          assert.ok(found.length > 0, `import '${exp.specifier}' found in ${exp.from}: ${JSON.stringify(file.importDetails.map((i) => i.specifier))}`);
          if (exp.kind === 'external') {
            assert.equal(found[0].kind, 'external');
          } else if (exp.kind === 'package') {
            assert.equal(found[0].kind, 'resolved');
            assert.equal(found[0].resolvedDir, exp.to);
          } else {
            const hit = found.find((i) => i.resolved === exp.to);
            assert.ok(hit, `resolved to ${exp.to}, got ${JSON.stringify(found.map((i) => i.resolved))}`);
            assert.equal(hit.kind, 'resolved');
            for (const n of exp.names ?? []) assert.ok(Object.values(hit.names ?? {}).includes(n), `name ${n} in ${JSON.stringify(hit.names)}`);
            if (exp.kind === 'resolved') assert.ok(file.imports.includes(exp.to!));
          }
        });
      }

      it('resolves every in-repo import and leaves nothing unresolved', () => {
        assert.equal(map.imports.unresolved, 0, JSON.stringify(map.files.flatMap((f) => f.importDetails.filter((i) => i.kind === 'unresolved').map((i) => `${f.path}: ${i.specifier}`))));
        assert.ok(map.imports.resolved > 0);
        assert.equal(map.imports.total, map.imports.resolved + map.imports.external + map.imports.unresolved);
      });

      it('gives every symbol a range, a name line inside it and an enclosing path', () => {
        const symbols = map.files.flatMap((f) => f.symbols);
        assert.ok(symbols.length > 5);
        for (const s of symbols) {
          assert.ok(s.range.start >= 1 && s.range.end >= s.range.start, JSON.stringify(s));
          assert.ok(s.nameLine >= s.range.start && s.nameLine <= s.range.end, JSON.stringify(s));
          assert.ok(s.path === s.name || s.path.endsWith(`.${s.name}`), JSON.stringify(s));
        }
        assert.ok(map.files.reduce((n, f) => n + f.codeLines, 0) > map.stats.lines / 2);
        for (const f of map.files) {
          assert.ok(f.codeLines <= f.lines, `${f.path}: ${f.codeLines}/${f.lines}`);
          assert.equal(f.parseErrors, 0, f.path);
        }
      });

      it('counts module edges from the file imports', () => {
        let count = 0;
        for (const f of map.files) {
          for (const i of f.importDetails) {
            if (i.kind !== 'resolved') continue;
            const target = map.files.find((g) => g.path === i.resolved);
            if (target && target.module !== f.module) count++;
          }
        }
        assert.equal(map.edges.reduce((s, e) => s + e.count, 0), count);
        for (const m of map.modules) {
          assert.equal(m.fanOut, map.edges.filter((e) => e.from === m.id).length);
          assert.equal(m.fanIn, map.edges.filter((e) => e.to === m.id).length);
        }
      });
    });
  }

  it('finds the flow steps of the auth service as symbols with calls', async () => {
    const map = await buildMap({ root: path.join(FIXTURES, 'auth-service-ts'), cache: false, workers: 0 });
    const svc = map.files.find((f) => f.path === 'src/services/authService.ts')!;
    const login = svc.symbols.find((s) => s.path === 'AuthService.login');
    assert.ok(login, JSON.stringify(svc.symbols.map((s) => s.path)));
    assert.equal(login.kind, 'method');
    assert.equal(login.nameLine, 28);
    const calls = svc.calls.filter((c) => c.caller === 'AuthService.login').map((c) => c.callee);
    assert.ok(calls.some((c) => c.endsWith('findByEmail')), JSON.stringify(calls));
  });
});
