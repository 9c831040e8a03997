// Handlers that call functions destructured out of an object the service builds: a class whose
// fields are set from factories (`users = makeUserStore(this.db)`), each factory returning an
// object literal of its functions (`return { findUser, saveUser }`), and route modules that take
// that object destructured (`const { users: { findUser } } = stores`, a parameter's `{ stores: {
// users } }`, a rest tuple's `...[router, { stores }]`). On a real Koa service more than half the
// handlers' first hops were left unresolved this way. Where two fields of one name hold the same
// function name, the outer name must spell the class; a name no factory returns stays unresolved.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { CallGraph } from '../../../src/core/callgraph/callGraph';
import { graphOf } from './graphOf';

const FILES: Record<string, string> = {
  'src/stores/users.ts': [
    'export const makeUserStore = (db: unknown) => {',
    '  const findUser = lookupBy(db)("users");',
    '  async function saveUser(user: unknown) {',
    '    return user;',
    '  }',
    '  const countUsers = async () => 0;',
    '  return { findUser, saveUser, countUsers, removeUser: async (id: string) => id };',
    '};',
    'const lookupBy = (db: unknown) => (table: string) => async (id: string) => ({ db, table, id });',
    '',
  ].join('\n'),
  'src/stores/base.ts': 'export class BaseStore {\n  constructor(protected readonly db: unknown) {}\n  async listAll() {\n    return [];\n  }\n}\n',
  'src/stores/teams.ts': [
    "import { BaseStore } from './base';",
    'export class TeamStore extends BaseStore {',
    '  constructor(db: unknown) {',
    '    super(db);',
    '  }',
    '  public readonly findDefault = memo(async () => this.listAll());',
    '  async rename(id: string) {',
    '    return id;',
    '  }',
    '}',
    'export const makeTeamStore = (db: unknown) => ({ members: new TeamStore(db), count: async () => 0 });',
    'const memo = <T>(fn: T) => fn;',
    '',
  ].join('\n'),
  'src/services/users.ts': 'export const makeUserService = (stores: unknown) => ({\n  saveUser: async (user: unknown) => ({ stores, user }),\n  welcome: async (id: string) => id,\n});\n',
  'src/stores/index.ts': "import { makeUserStore } from './users';\nimport { TeamStore, makeTeamStore } from './teams';\nexport class Stores {\n  users = makeUserStore(this.db);\n  teams = new TeamStore(this.db);\n  groups = makeTeamStore(this.db);\n  constructor(private readonly db: unknown) {}\n}\n",
  'src/services/index.ts': "import { makeUserService } from './users';\nexport class Services {\n  users = makeUserService(this.stores);\n  constructor(private readonly stores: unknown) {}\n}\n",
  'src/routes/users.ts': [
    'type Args = [router: any, context: any];',
    'export function userRoutes(...[router, { stores, services }]: Args) {',
    '  const {',
    '    users: { findUser, countUsers },',
    '  } = stores;',
    '  const { users } = services;',
    '  const { teams: { findDefault, rename, listAll }, groups } = stores;',
    '  router.get("/users/:id", async (ctx: any) => {',
    '    ctx.body = await findUser(ctx.params.id);',
    '    await countUsers();',
    '    await users.welcome(ctx.params.id);',
    '    await stores.users.saveUser(ctx.request.body);',
    '    await stores.users.removeUser(ctx.params.id);',
    '    await users.saveUser(ctx.request.body);',
    '    await users.unknownThing();',
    '  });',
    '}',
    'export const accountRoutes = (router: any, { stores: { users } }: any) => {',
    '  router.get("/me", async (ctx: any) => {',
    '    ctx.body = await users.findUser(ctx.state.id);',
    '  });',
    '};',
    '',
  ].join('\n'),
};

describe('flows: functions destructured out of an object a factory builds', () => {
  let root: string;
  let graph: CallGraph;
  before(async () => {
    [root, graph] = await graphOf(FILES);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const cases: [caller: string, callee: string, file: string, symbol: string, line: number][] = [
    // Bound in the factory to a call's result: the step is that binding's line.
    ['userRoutes', 'findUser', 'src/stores/users.ts', 'makeUserStore.findUser', 2],
    ['userRoutes', 'countUsers', 'src/stores/users.ts', 'makeUserStore.countUsers', 6],
    ['userRoutes', 'stores.users.saveUser', 'src/stores/users.ts', 'makeUserStore.saveUser', 3],
    // `users` of Services, not of Stores: only the service factory returns `welcome`.
    ['userRoutes', 'users.welcome', 'src/services/users.ts', 'makeUserService.welcome', 3],
    // Both factories return `saveUser`: the outer name (`services`) picks the class.
    ['userRoutes', 'users.saveUser', 'src/services/users.ts', 'makeUserService.saveUser', 2],
    // A field typed as a class: its method, the method it inherits, its field set from a call.
    ['userRoutes', 'rename', 'src/stores/teams.ts', 'TeamStore.rename', 7],
    ['userRoutes', 'listAll', 'src/stores/base.ts', 'BaseStore.listAll', 3],
    ['userRoutes', 'findDefault', 'src/stores/teams.ts', 'TeamStore.findDefault', 6],
    // An instance the factory's returned object makes, one level down.
    ['userRoutes', 'groups.members.rename', 'src/stores/teams.ts', 'TeamStore.rename', 7],
    ['accountRoutes', 'users.findUser', 'src/stores/users.ts', 'makeUserStore.findUser', 2],
  ];
  for (const [caller, callee, file, symbol, line] of cases) {
    it(`${callee} in ${caller} → ${file}#${symbol}`, () => {
      const c = graph.resolve('src/routes/users.ts', caller, callee);
      assert.equal(c.kind, 'symbol', JSON.stringify(c));
      assert.deepEqual(c.kind === 'symbol' ? [c.file, c.symbol, c.range.start] : [], [file, symbol, line]);
    });
  }

  it('a member no factory returns stays unresolved', () => {
    assert.equal(graph.resolve('src/routes/users.ts', 'userRoutes', 'users.unknownThing').kind, 'unresolved');
  });

  it('a name bound in another function is not followed', () => {
    assert.notEqual(graph.resolve('src/routes/users.ts', 'accountRoutes', 'countUsers').kind, 'symbol');
  });
});
