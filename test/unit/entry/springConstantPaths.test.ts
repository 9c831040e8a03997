// Paths and Spring Security rules written with another class's constants
// (test/fixtures/routes/spring-constant-paths): `@RequestMapping(Paths.API + "/things")`,
// `requestMatchers(Paths.API + "/**")` read from Paths.java; a chain bean whose rules are written
// in helper methods it calls (read in call order); a rule chosen by a setting (`if (filesPublic)
// … permitAll() else … hasRole()`) and a path we cannot read (a getter) are unknown, never open;
// WebSocket endpoints registered in code (springWebSockets.ts).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint, GuardState } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';
import { concatPattern, JAVA_CONST } from '../../../src/core/entry/springRuleConstants';
import { chainSegments, localMethods } from '../../../src/core/entry/springChainMethods';
import { joinedConstants } from '../../../src/core/entry/javaConstantExprs';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/spring-constant-paths');

const STATES: [id: string, state: GuardState, because: RegExp][] = [
  ['GET /svc/api/things/:id', 'guarded', /\/svc\/api\/\*\* → hasRole/],
  ['GET /svc/api/status', 'guarded', /\/svc\/api\/\*\* → hasRole/],
  ['GET /svc/api/public-info', 'unguarded', /permitAll/],
  ['GET /svc/files/*', 'unknown', /open only when filesPublic/],
  // WebSocket endpoints: the upgrade a rule lets through is not known to be open (the message code decides); one a rule refuses is guarded.
  ['GET /svc/ws', 'unknown', /message code/],
  ['GET /svc/api/stomp', 'guarded', /\/svc\/api\/\*\* → hasRole/],
  // A view controller at the path a bean's getter answers with a constant (`panelConfig.getPanelPath() + "/"`).
  ['GET /panel', 'guarded', /\/panel\/\*\* → hasRole/],
  // A resource pattern whose last segment narrows the files by name (`/logs/**.log`): every file there.
  ['GET /svc/api/logs/*', 'guarded', /\/svc\/api\/\*\* → hasRole/],
];

describe('routes: paths and rules from another class\'s constants (test/fixtures/routes/spring-constant-paths)', () => {
  let got: EntryPoint[] = [];
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });
  for (const [id, state, because] of STATES) {
    it(`${id}: ${state}`, () => {
      const e = got.find((x) => x.id === id);
      assert.ok(e, `route missing: ${got.map((x) => x.id).join(', ')}`);
      assert.equal(e.guardState, state, e.guardReason);
      assert.ok(because.test(`${e.guards.map((g) => `${g.name} ${g.reason}`).join(' ')} ${e.guardReason ?? ''}`), `${JSON.stringify(e.guards)} ${e.guardReason}`);
    });
  }
  it('a view controller at a path a getter returns from no constant is unknown, not open', () => {
    const unread = got.filter((x) => x.handler.startsWith('FilesHandler.addViewControllers') && x.dynamic);
    assert.deepEqual(unread.map((e) => e.dynamic?.expression).sort(), ['panelConfig.getTheme()', 'settings.panelPath()']);
    for (const e of unread) assert.equal(e.guardState, 'unknown', e.guardReason);
  });
});

describe('Spring Security: matcher arguments and helper methods', () => {
  const consts = new Map([['OWN', ['/own']]]);
  const cases: [arg: string, want: string | null | undefined][] = [
    ['Paths.API + "/**"', `${JAVA_CONST}Paths.API${JAVA_CONST}/**`],
    ['OWN + "/x"', '/own/x'],
    ['Paths.API', `${JAVA_CONST}Paths.API${JAVA_CONST}`],
    // Another class's OWN is that class's, not the file's namesake (session 30); a call cannot be read (never "/**" alone).
    ['Other.OWN', `${JAVA_CONST}Other.OWN${JAVA_CONST}`],
    ['prefix() + "/**"', null],
    ['"/a"', undefined],
  ];
  for (const [arg, want] of cases) it(`${arg} → ${String(want)}`, () => assert.equal(concatPattern(arg, consts), want));

  it('reads a chain through the statement-level calls of local methods, in call order', () => {
    const text = 'class C { SecurityFilterChain c(H http) { a(); http.x(); return b(http); } void a() { A; } SecurityFilterChain b(H h) { B; d(paths()); } void d(X x) { D; } String[] paths() { P; } }';
    const methods = localMethods(text);
    const body = methods.get('c')!;
    const read = chainSegments(text, body, methods).map((s) => text.slice(s.start, s.end)).join('|');
    assert.match(read, /A;.*http\.x\(\).*B;.*D;/);
    assert.doesNotMatch(read, /P;/);
  });
});

describe('Java: getters that answer a constant (javaConstantExprs)', () => {
  const table: [text: string, name: string, value: string | undefined][] = [
    ['class C { static final String A = "/a"; public String getPath() { return A + "/x"; } }', 'getPath()', '/a/x'],
    ['class C { public String getPath() {\n\t\treturn "/lit";\n\t} }', 'getPath()', '/lit'],
    ['class C { public String getPath() { return Paths.PANEL; } }', 'getPath()', '/panel'],
    // A field the bean fills (from a property or a setter) is no constant, whatever it starts as.
    ['class C { private String path = "/p"; public String getPath() { return path; } }', 'getPath()', undefined],
    ['class C { public String getPath(String p) { return "/x"; } }', 'getPath()', undefined],
    ['class C { public String getPath() { if (x) return "/a"; return "/b"; } }', 'getPath()', undefined],
  ];
  for (const [text, name, value] of table) {
    it(`${text.replace(/\s+/g, ' ')} → ${String(value)}`, () => {
      assert.equal(joinedConstants(text, new Map(), (ref) => (ref === 'Paths.PANEL' ? '/panel' : undefined)).get(name), value);
    });
  }
});
