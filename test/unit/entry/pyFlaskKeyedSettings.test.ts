// Settings read by their keys from the service's own store whose fresh-install values are a nested
// dictionary literal of ours (`store.data["settings"]["application"].get("password")`, the literal in
// model/store.py), with an environment variable's literal default (`os.getenv("K", False)`), decide
// what a Flask hook or decorator under them does: a hook refusing only while a setting a fresh install
// leaves off holds refuses nobody; a decorator whose open way needs a setting off that is on by default
// guards. A key no literal holds decides nothing (changedetection's check_authentication and check_token).
// Fixture: test/fixtures/routes/flask-keyed-settings.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';
import { gateHolds, type GatePart } from '../../../src/core/entry/python/keyedSettings';
import { callFits } from '../../../src/core/entry/python/unresolvedMethods';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/flask-keyed-settings');

describe('python routes: settings kept in a nested dictionary literal of ours', () => {
  let got: EntryPoint[] = [];
  const entry = (id: string): EntryPoint | undefined => got.find((e) => e.id === id);
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });

  it('drops a hook that refuses only while a setting off by default holds', () => {
    assert.equal(entry('GET /watches')?.guardState, 'unguarded');
  });

  it('keeps a hook whose setting has no default in the code', () => {
    assert.equal(entry('GET /admin/panel')?.guardState, 'guarded');
  });

  it('guards through a decorator whose open way needs a setting that is on by default', () => {
    assert.equal(entry('GET /api/watches')?.guardState, 'guarded');
    assert.match(entry('GET /api/watches')!.guardReason ?? '', /check_token/);
  });

  it('leaves a decorator whose setting has no default in the code depending on it', () => {
    assert.equal(entry('GET /api/strict')?.guardState, 'unknown');
  });
});

describe('keyedSettings.gateHolds: a setting test under the fresh-install values', () => {
  const index = new Map([
    ['password', [{ path: ['settings', 'application', 'password'], value: 'False', line: 5, file: 'model/App.py' }]],
    ['enabled', [{ path: ['settings', 'application', 'enabled'], value: 'True', line: 6, file: 'model/App.py' }]],
    ['mode', [{ path: ['a', 'mode'], value: '"x"', line: 1, file: 'a.py' }, { path: ['b', 'mode'], value: '""', line: 2, file: 'b.py' }]],
  ]);
  const cases: { name: string; parts: GatePart[]; holds?: boolean }[] = [
    { name: 'a leaf off by default', parts: [{ keys: ['application', 'password'] }], holds: false },
    { name: 'a leaf on by default', parts: [{ keys: ['settings', 'application', 'enabled'] }], holds: true },
    { name: 'or an unset variable with a falsy default', parts: [{ keys: ['application', 'password'] }, { env: 'PASS', value: 'False' }], holds: false },
    { name: 'or an unset variable with a truthy default', parts: [{ keys: ['application', 'password'] }, { env: 'PASS', value: '"1"' }], holds: true },
    { name: 'keys no leaf ends with', parts: [{ keys: ['other', 'password'] }] },
    { name: 'a key two leaves of different values end with', parts: [{ keys: ['x', 'mode'] }] },
    { name: 'the shorter key path matching both differing leaves', parts: [{ keys: ['a', 'mode'] }], holds: true },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(gateHolds({ text: 't', parts: c.parts }, index)?.holds, c.holds);
    });
  }
});

describe('unresolvedMethods.callFits: a call the refusing method could be the callee of', () => {
  const m = { cls: 'C', kin: ['C'], line: 1, how: 'raises X', params: ['params', 'options'] };
  const cases: { name: string; positional: number; keywords: string[]; spread?: true; method?: typeof m & { varargs?: true; kwargs?: true }; fits: boolean }[] = [
    { name: 'one value by position', positional: 1, keywords: [], fits: true },
    { name: 'a keyword it names', positional: 1, keywords: ['options'], fits: true },
    { name: 'a keyword it does not name', positional: 0, keywords: ['passw'], fits: false },
    { name: 'more values than it takes', positional: 3, keywords: [], fits: false },
    { name: 'more values into *args', positional: 3, keywords: [], method: { ...m, varargs: true }, fits: true },
    { name: 'any keyword into **kwargs', positional: 0, keywords: ['passw'], method: { ...m, kwargs: true }, fits: true },
    { name: 'a spread call', positional: 0, keywords: ['passw'], spread: true, fits: true },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(callFits({ name: 'f', obj: 'x', line: 1, text: 'x.f()', positional: c.positional, keywords: c.keywords, ...(c.spread ? { spread: c.spread } : {}) }, c.method ?? m), c.fits);
    });
  }
});
