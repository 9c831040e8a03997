// Methods called on what a factory method returns, reached through declared types: a handler
// takes `ctx: AppContext`, the interface says `app: AppParts`, that one `models: Models`, and each
// method of the class Models returns a new model (`return new UserModel(this.db)`), so
// `ctx.app.models.user().load(id)` runs UserModel's `load` — inherited from BaseModel when
// UserModel does not declare it. A local bound to the chain (`const users = ….user()`, `const
// models = ctx.app.models`) stands for it; so does a module-level value a typed factory function
// builds. On a real Koa service a tenth of the handlers' first hops were lost this way. Where a
// step is not stated (a type of a third-party package, a method no class declares, an untyped
// parameter) the call is left to the rest of the graph, never guessed from the method's name.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { CallGraph } from '../../../src/core/callgraph/callGraph';
import { graphOf } from './graphOf';

const FILES: Record<string, string> = {
  'package.json': '{ "name": "@acme/server", "dependencies": { "koa": "2.0.0", "@acme/types": "1.0.0" } }\n',
  'src/models/BaseModel.ts': [
    'export default abstract class BaseModel<T> {',
    '  constructor(protected readonly db: unknown) {}',
    '  public async load(id: string): Promise<T> {',
    '    return { id } as T;',
    '  }',
    '  public async save(item: T): Promise<T> {',
    '    return item;',
    '  }',
    '}',
    '',
  ].join('\n'),
  'src/models/UserModel.ts': [
    "import BaseModel from './BaseModel';",
    'export default class UserModel extends BaseModel<{ id: string }> {',
    '  public async checkAllowed(id: string) {',
    '    return id;',
    '  }',
    '}',
    '',
  ].join('\n'),
  'src/models/TeamModel.ts': [
    "import BaseModel from './BaseModel';",
    'export class TeamModel extends BaseModel<{ id: string }> {',
    '  public async checkAllowed(id: string) {',
    '    return id;',
    '  }',
    '  public async save(item: { id: string }) {',
    '    return item;',
    '  }',
    '}',
    '',
  ].join('\n'),
  'src/models/factory.ts': [
    "import UserModel from './UserModel';",
    "import { TeamModel } from './TeamModel';",
    'export class Models {',
    '  constructor(private readonly db: unknown) {}',
    '  public user() {',
    '    return new UserModel(this.db);',
    '  }',
    '  public team(): TeamModel {',
    '    return pick(this.db);',
    '  }',
    '}',
    'const pick = (db: unknown) => new TeamModel(db);',
    'export function createModels(db: unknown): Models {',
    '  return new Models(db);',
    '}',
    '',
  ].join('\n'),
  'src/models/index.ts': "export { Models, createModels } from './factory';\n",
  'src/types.ts': [
    "import type * as Koa from 'koa';",
    "import { Models } from './models';",
    'interface AppParts {',
    '  models: Models;',
    '  owner: { id: string };',
    '}',
    'export interface AppContext extends Koa.Context {',
    '  app: AppParts;',
    '}',
    '',
  ].join('\n'),
  'src/routes/users.ts': [
    "import Router from 'koa-router';",
    "import { AppContext } from '../types';",
    'const router = new Router();',
    "router.get('/users/:id', async (ctx: AppContext) => {",
    '  const user = await ctx.app.models.user().load(ctx.params.id);',
    '  await ctx.app.models.team().checkAllowed(user.id);',
    '  ctx.throw(404);',
    '});',
    "router.post('/users', async (ctx: AppContext) => {",
    '  const users = ctx.app.models.user();',
    '  const models = ctx.app.models;',
    '  await users.checkAllowed(ctx.app.owner.id);',
    '  await models.team().save({ id: "x" });',
    '  await ctx.app.models.nothing().load("x");',
    '});',
    'export default router;',
    '',
  ].join('\n'),
  'src/jobs/cleanup.ts': [
    "import { createModels } from '../models';",
    'const models = createModels(null);',
    'export async function cleanup(ctx: { models: unknown }, id: string) {',
    '  await models.user().save({ id });',
    '  await ctx.models.user().checkAllowed(id);',
    '}',
    '',
  ].join('\n'),
  'src/routes/auth.ts': [
    "import type { IAuthService } from '@acme/types';",
    "import type { Request, Response } from '@acme/http';",
    'export async function login(req: Request, res: Response) {',
    '  const service: IAuthService = req.scope.resolve("auth");',
    '  res.status(200);',
    '  return service.authenticate(req.body);',
    '}',
    '',
  ].join('\n'),
};

describe('flows: methods of what a factory method returns, through declared types', () => {
  let root: string;
  let graph: CallGraph;
  before(async () => {
    [root, graph] = await graphOf(FILES, ['@acme/']);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const cases: [file: string, caller: string, callee: string, line: number, want: string][] = [
    // Through the handler's typed parameter, two interfaces and the factory method's `return new UserModel`: inherited from BaseModel.
    ['src/routes/users.ts', '<inline>', 'ctx.app.models.user().load', 5, 'src/models/BaseModel.ts#BaseModel.load'],
    // The factory method itself, on the same chain.
    ['src/routes/users.ts', '<inline>', 'ctx.app.models.user', 5, 'src/models/factory.ts#Models.user'],
    // A return type written on the method (`team(): TeamModel`), the class imported by name.
    ['src/routes/users.ts', '<inline>', 'ctx.app.models.team().checkAllowed', 6, 'src/models/TeamModel.ts#TeamModel.checkAllowed'],
    // A local bound to the factory's result, and a local alias of the factories' holder.
    ['src/routes/users.ts', '<inline>', 'users.checkAllowed', 12, 'src/models/UserModel.ts#UserModel.checkAllowed'],
    ['src/routes/users.ts', '<inline>', 'models.team().save', 13, 'src/models/TeamModel.ts#TeamModel.save'],
    // A module-level value built by a factory function whose return type is stated (through a barrel).
    ['src/jobs/cleanup.ts', 'cleanup', 'models.user().save', 4, 'src/models/BaseModel.ts#BaseModel.save'],
  ];
  for (const [file, caller, callee, line, want] of cases) {
    it(`${callee} at ${file}:${line} → ${want}`, () => {
      const c = graph.resolve(file, caller, callee, line);
      assert.equal(c.kind === 'symbol' ? `${c.file}#${c.symbol}` : JSON.stringify(c), want);
    });
  }

  it("a type of the service's own installed package names the call as that package's", () => {
    assert.deepEqual(graph.resolve('src/routes/auth.ts', 'login', 'service.authenticate', 6), { kind: 'ownPackage', package: '@acme/types', name: 'IAuthService.authenticate' });
    // The framework's response, typed by our own package, stays the framework's.
    assert.equal(graph.resolve('src/routes/auth.ts', 'login', 'res.status', 5).kind, 'noise');
  });

  it('a step no declaration states is not guessed by name', () => {
    // No factory method `nothing`; a member of an untyped object; a method of the framework's context.
    assert.notEqual(graph.resolve('src/routes/users.ts', '<inline>', 'ctx.app.models.nothing().load', 14).kind, 'symbol');
    assert.notEqual(graph.resolve('src/jobs/cleanup.ts', 'cleanup', 'ctx.models.user().checkAllowed', 5).kind, 'symbol');
    assert.notEqual(graph.resolve('src/routes/users.ts', '<inline>', 'ctx.throw', 7).kind, 'symbol');
  });
});
