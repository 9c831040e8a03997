// Sails.js globals in the call graph: an action calls the app's helpers as
// `sails.helpers.<folder>.<name>(…)` or `.with({ … })` (api/helpers/<folder>/<kebab-name>.js, its
// `fn`), a hook's methods as `sails.hooks.<hook>.<method>()`, and each model of api/models/ is a
// global whose Waterline methods are the store. `Model.qm.m` (methods the app attaches to a model)
// is the one other `Model.js` of the app that declares m; two such files leave it unresolved.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { CallGraph } from '../../../src/core/callgraph/callGraph';
import { graphOf } from './graphOf';

const FILES: Record<string, string> = {
  'package.json': '{ "name": "app", "dependencies": { "sails": "1.5.0" } }\n',
  'api/models/Task.js': 'module.exports = { attributes: { title: { type: "string" } } };\n',
  'api/helpers/tasks/get-visible.js': 'module.exports = {\n  inputs: {},\n  async fn(inputs) {\n    return Task.find({ owner: inputs.owner });\n  },\n};\n',
  'api/hooks/mailer/index.js': 'module.exports = function mailer(sails) {\n  return {\n    async sendDigest(user) {\n      return user;\n    },\n  };\n};\n',
  'api/hooks/extras/models/Task.js': 'const getOpenByOwner = (owner) => Task.find({ owner, done: false });\n\nmodule.exports = { getOpenByOwner };\n',
  'api/controllers/tasks/index.js': [
    'module.exports = {',
    '  async fn(inputs) {',
    '    const a = await sails.helpers.tasks.getVisible(inputs.owner);',
    '    const b = await sails.helpers.tasks.getVisible.with({ owner: inputs.owner });',
    '    const c = await Task.qm.getOpenByOwner(inputs.owner);',
    '    await sails.hooks.mailer.sendDigest(a);',
    '    return Task.updateOne({ id: inputs.id }).set({ seen: true });',
    '  },',
    '};',
    '',
  ].join('\n'),
};

describe('call graph: Sails helpers, hooks and model globals', () => {
  let root = '';
  let graph: CallGraph;
  before(async () => {
    [root, graph] = await graphOf(FILES);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const at = (callee: string) => graph.resolve('api/controllers/tasks/index.js', 'fn', callee);

  it('follows a helper, called plainly or with named arguments, to its fn', () => {
    for (const callee of ['sails.helpers.tasks.getVisible', 'sails.helpers.tasks.getVisible.with']) assert.deepEqual(at(callee), { kind: 'symbol', file: 'api/helpers/tasks/get-visible.js', symbol: 'fn', range: { start: 3, end: 5 } });
  });

  it("follows a hook's method and a method the app attaches to a model", () => {
    const hook = at('sails.hooks.mailer.sendDigest');
    assert.equal(hook.kind === 'symbol' && hook.file, 'api/hooks/mailer/index.js');
    const qm = at('Task.qm.getOpenByOwner');
    assert.equal(qm.kind === 'symbol' && `${qm.file}#${qm.symbol}`, 'api/hooks/extras/models/Task.js#getOpenByOwner');
  });

  it("reads a model's Waterline method as the store, and guesses nothing else", () => {
    assert.deepEqual(at('Task.updateOne'), { kind: 'store', package: 'waterline' });
    assert.equal(at('sails.helpers.tasks.missing').kind, 'unresolved');
    assert.notEqual(at('Task.qm.nothingHere').kind, 'symbol');
  });
});
