// softChecks.ts: a test that ends the request with neither 401 nor 403 is a doubt when it reads a
// credential; a setting compared with a constant (`l.svcCtx.Config.ProjectConf.LoginVerify != "email"`,
// which sign-in kinds a deployment offers) reads nothing the caller sends, whatever its words.
import * as assert from 'node:assert/strict';
import { createParser } from '../../../src/core/parse/languages';
import { softChecks } from '../../../src/core/entry/go/softChecks';

async function softLines(body: string): Promise<number[]> {
  const parser = await createParser('go');
  const tree = parser.parse(`package x\n\nfunc f() {\n${body}\n}\n`)!;
  const fn = tree.rootNode.namedChildren.find((n) => n?.type === 'function_declaration')!;
  return softChecks(fn.childForFieldName('body')!, () => undefined).lines;
}

const ends = '{\n\t\treturn nil, errorx.NewCodeAbortedError("login.loginTypeForbidden")\n\t}';

describe('Go soft checks: a setting compared with a constant is no credential check', () => {
  const rows: [title: string, cond: string, soft: boolean][] = [
    ['a setting of the service context against string constants', 'l.svcCtx.Config.ProjectConf.LoginVerify != "email" && l.svcCtx.Config.ProjectConf.LoginVerify != "all"', false],
    ['a setting read through a `cfg` value', 'h.cfg.Auth.Verify == "off"', false],
    ['a feature switch (as before)', '!app.Conf.Auth.Enabled', false],
    ['what the caller sent, against a constant', 'req.LoginVerify != "email"', true],
    ['a setting and a credential the caller sent', 'l.svcCtx.Config.LoginVerify != "email" || req.Token == ""', true],
    ['a setting compared with what the caller sent', 'l.svcCtx.Config.Auth.AccessSecret != req.Token', true],
    ['a call on the settings', 'l.svcCtx.Config.Login.Verify(req) != "ok"', true],
  ];
  for (const [title, cond, soft] of rows) {
    it(`${title}: ${soft ? 'a doubt' : 'no check'}`, async () => {
      assert.equal((await softLines(`\tif ${cond} ${ends}`)).length > 0, soft, cond);
    });
  }
});
