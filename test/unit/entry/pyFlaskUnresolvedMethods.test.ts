// A Flask view handing a value to a method of an object whose class is decided at run time
// (`device = find_device(serial)` then `device.complete_pairing(params)`), where a class of ours
// defines a method of that name that refuses (raises InvalidChallengeError) and takes what the call
// hands it, is `unknown`, not unguarded — in the view or a function of ours it calls (privacyIDEA's
// `container.finalize_registration(params)`). A method none of ours refuses in, or a refusing one the
// call could not be made to (a keyword it has no parameter for), leaves the view as it was.
// Fixture: test/fixtures/routes/flask-unresolved-methods.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';
import { mayBeOf } from '../../../src/core/entry/python/unresolvedMethods';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/flask-unresolved-methods');

describe('python routes: Flask views calling a method of an object of a class decided at run time', () => {
  let got: EntryPoint[] = [];
  const entry = (id: string): EntryPoint | undefined => got.find((e) => e.id === id);
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });

  it('leaves a view unknown when a same-named method of ours refuses', () => {
    assert.equal(entry('POST /device/pair')?.guardState, 'unknown');
    assert.match(entry('POST /device/pair')!.guardReason ?? '', /PhoneDevice\.complete_pairing refuses \(raises InvalidChallengeError/);
  });

  it('follows the call into a function of ours', () => {
    assert.equal(entry('POST /device/pair/helper')?.guardState, 'unknown');
    assert.match(entry('POST /device/pair/helper')!.guardReason ?? '', /lib\/devices\.py/);
  });

  it('does not doubt a call the refusing method could not take, nor a method none of ours refuses in', () => {
    assert.equal(entry('POST /device/answer')?.guardState, 'unguarded');
    assert.equal(entry('POST /device/rename')?.guardState, 'unguarded');
  });

  it('does not doubt a call on an object whose name speaks of no refusing class', () => {
    assert.equal(entry('POST /report/pair')?.guardState, 'unguarded');
  });
});

describe('unresolvedMethods.mayBeOf: the object\'s name shares a word with the class or a base', () => {
  const cases: { obj: string; kin: string[]; may: boolean }[] = [
    { obj: 'container', kin: ['SmartphoneContainer', 'TokenContainerClass'], may: true },
    { obj: 'phone_device', kin: ['PhoneDevice'], may: true },
    { obj: 'workout', kin: ['Comment', 'BaseModel'], may: false },
    { obj: 'token_object', kin: ['SmartphoneContainer'], may: false },
    { obj: 'obj', kin: ['Object'], may: false },
  ];
  for (const c of cases) {
    it(`${c.obj} / ${c.kin.join(', ')}`, () => {
      assert.equal(mayBeOf(c.obj, { kin: c.kin }), c.may);
    });
  }
});
