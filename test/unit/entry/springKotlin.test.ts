// Spring in Kotlin (test/fixtures/routes/spring-kotlin): class-level @RequestMapping prefixes (an
// array, a `const val`), bare and array method mappings, @PreAuthorize on the class and the
// method (the method's replaces the class's), a class with no primary constructor, a handler that
// takes a nullable @AuthenticationPrincipal (anonymous allowed, the caller used when there is one).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';
import { scanKotlin } from '../../../src/core/entry/kotlinScan';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/spring-kotlin');
const DIR = 'src/main/kotlin/com/example/api';

const ROUTES: [method: string, path: string, place: string, guards: string[]][] = [
  ['GET', '/api/v1/books', `${DIR}/BookController.kt:13`, []],
  ['GET', '/api/v1/books/:bookId', `${DIR}/BookController.kt:16`, []],
  ['POST', '/api/v1/books', `${DIR}/BookController.kt:19`, [`@PreAuthorize("hasRole('ADMIN')")`]],
  ['GET', '/api/v1/books/:bookId/file', `${DIR}/BookController.kt:26`, []],
  ['HEAD', '/api/v1/books/:bookId/file', `${DIR}/BookController.kt:26`, []],
  ['GET', '/api/v1/books/:bookId/raw', `${DIR}/BookController.kt:26`, []],
  ['HEAD', '/api/v1/books/:bookId/raw', `${DIR}/BookController.kt:26`, []],
  ['DELETE', '/api/v1/admin/cache', `${DIR}/AdminController.kt:11`, [`@PreAuthorize("hasRole('ADMIN')")`]],
  // permitAll() on the method replaces the class's hasRole: nothing required.
  ['GET', '/api/v1/admin/health', `${DIR}/AdminController.kt:17`, []],
  ['GET', '/api/v1/settings/global', `${DIR}/SettingsController.kt:12`, []],
  ['GET', '/api/v1/settings/mine', `${DIR}/SettingsController.kt:18`, []],
  ['GET', '/api/v1/settings/theme', `${DIR}/SettingsController.kt:22`, []],
  ['GET', '/api/v1/settings/theme/', `${DIR}/SettingsController.kt:22`, []],
];

describe('routes: Spring in Kotlin (test/fixtures/routes/spring-kotlin)', () => {
  let got: EntryPoint[] = [];
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });
  it('finds exactly the expected routes', () => {
    assert.deepEqual(got.map((e) => `${e.id} ${e.file}:${e.line}`).sort(), ROUTES.map(([m, p, place]) => `${m} ${p} ${place}`).sort());
  });
  for (const [method, p, place, guards] of ROUTES) {
    it(`${method} ${p}: guards [${guards.join(', ')}]`, () => {
      const e = got.find((x) => x.id === `${method} ${p}`);
      assert.ok(e, 'route missing');
      assert.equal(`${e.file}:${e.line}`, place);
      assert.equal(e.framework, 'spring');
      assert.deepEqual(e.guards.filter((g) => g.kind !== 'other' && !g.optional).map((g) => g.name), guards);
    });
  }
  it('a nullable @AuthenticationPrincipal makes the route anonymous allowed, with the parameter as evidence; a non-null one does not', () => {
    const global = got.find((x) => x.id === 'GET /api/v1/settings/global');
    assert.equal(global?.guardState, 'optional', global?.guardReason);
    const g = global.guards.find((x) => x.optional && x.kind === 'authentication');
    assert.deepEqual([g?.name, g?.line], ['@AuthenticationPrincipal principal: nullable', 14]);
    const mine = got.find((x) => x.id === 'GET /api/v1/settings/mine');
    assert.equal(mine?.guardState, 'unguarded', mine?.guardReason);
  });
  it('the handler is the Kotlin function, located in the map', () => {
    const e = got.find((x) => x.id === 'GET /api/v1/books');
    assert.equal(e?.handler, 'BookController.list');
    assert.equal(e?.handlerLocation?.file, `${DIR}/BookController.kt`);
  });
});

describe('kotlinScan: annotations attach to the declaration that follows them', () => {
  it('skips strings, comments and parameter annotations; ends a function at the next one', () => {
    const [cls] = scanKotlin(['@A("x}")', 'class C {', '  // @B {', '  @Get', '  fun f(@P p: String) = "{"', '', '  fun g() {', '  }', '}'].join('\n'));
    assert.equal(cls.name, 'C');
    assert.deepEqual(cls.annotations.map((a) => a.args.value), [['"x}"']]);
    assert.deepEqual(cls.functions.map((f) => [f.name, f.annotations.map((a) => a.name), f.line, f.endLine]), [
      ['f', ['Get'], 5, 6],
      ['g', [], 7, 8],
    ]);
  });
});
