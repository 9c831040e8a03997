// The first hop of a flow (the handler's first call into the service's own code) on patterns
// seen in real services, each with its fixture under test/fixtures/flows/.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildMap } from '../../../src/core/map/buildMap';
import { findEntryPoints } from '../../../src/core/entry/findEntryPoints';
import { ownScopesOf, suggestFlows, type Flow } from '../../../src/core/callgraph/suggestFlows';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/flows');

/** `own`: with the service's own npm scopes from its package.json, as the CLI runs it. */
async function flowsOf(name: string, own = false): Promise<Flow[]> {
  const root = path.join(FIXTURES, name);
  const map = await buildMap({ root, cache: false, workers: 0 });
  const { entries } = await findEntryPoints(map, (rel) => fs.readFileSync(path.join(root, rel), 'utf8'));
  return suggestFlows(map, entries, own ? { ownScopes: ownScopesOf({ read: (rel) => fs.readFileSync(path.join(root, rel), 'utf8') }) } : {});
}

function firstHops(flows: Flow[], id: string): string[] {
  const f = flows.find((x) => x.entry === id);
  assert.ok(f, `no flow for ${id}: ${flows.map((x) => x.entry).join(', ')}`);
  return f.steps.filter((s) => s.depth === 1).map((s) => (s.kind === 'call' ? s.symbol : `${s.kind}:${s.callee}`));
}

describe('flows: first hop through a framework wrapper of controller objects (http(api.posts.browse))', () => {
  let flows: Flow[] = [];
  before(async () => {
    flows = await flowsOf('wrapped-controller');
  });
  it('the wrapped action is the first hop, read through a getter that builds the controller', () => {
    assert.deepEqual(firstHops(flows, 'GET /api/posts'), ['posts.browse']);
    assert.deepEqual(firstHops(flows, 'POST /api/posts'), ['posts.add']);
    assert.deepEqual(firstHops(flows, 'GET /api/site'), ['site.read']);
  });
  it('the action step points at the function doing the work, and the walk goes on from there', () => {
    const f = flows.find((x) => x.entry === 'GET /api/posts')!;
    assert.equal(f.steps[0].kind, 'handler');
    assert.equal(f.steps[0].file, 'server/web/routes.js');
    const action = f.steps[1];
    assert.equal(action.file, 'server/api/endpoints/posts.js');
    assert.equal(action.range.start, 12, 'query(), not validation()');
    assert.ok(f.steps.some((s) => s.depth === 2 && s.symbol === 'findPage'), JSON.stringify(f.steps));
    assert.ok(f.steps.some((s) => s.kind === 'store'), 'reaches the database');
  });
});

describe('flows: first hop into helpers a controller inherits (extends BaseController)', () => {
  let flows: Flow[] = [];
  before(async () => {
    flows = await flowsOf('inherited-helpers');
  });
  it('an unqualified call reaches the base class method, one and two levels up', () => {
    assert.deepEqual(firstHops(flows, 'GET /api/me'), ['BaseController.getCurrentUser']);
    assert.deepEqual(firstHops(flows, 'GET /api/device/:id'), ['AuditedController.checkParameter', 'BaseController.getCurrentUser']);
  });
  it('the walk goes on through the inherited method', () => {
    const f = flows.find((x) => x.entry === 'GET /api/me')!;
    assert.ok(f.steps.some((s) => s.depth === 2 && s.symbol === 'UserService.currentUser'), JSON.stringify(f.steps.map((s) => s.symbol)));
  });
});

describe('flows: first hop through a Go receiver named like a framework context (c.cfg.RawCopy())', () => {
  let flows: Flow[] = [];
  before(async () => {
    flows = await flowsOf('go-receiver');
  });
  it('a method of the receiver, called from an inline handler, is the first hop', () => {
    assert.deepEqual(firstHops(flows, 'PUT /rest/config'), ['configMuxBuilder.adjustConfig']);
  });
  it('an interface member resolves to the service implementation, not the test double', () => {
    assert.deepEqual(firstHops(flows, 'GET /rest/config'), ['sendJSON', 'wrapper.RawCopy']);
  });
  it('a field of a struct declared in another file of the package resolves through that file (a Go package spans files)', () => {
    assert.deepEqual(firstHops(flows, 'GET /rest/folders'), ['sendJSON', 'wrapper.FolderList']);
  });
  it("a struct's method declared in another file of its package than the struct is found", () => {
    assert.deepEqual(firstHops(flows, 'GET /rest/devices'), ['sendJSON', 'Store.Devices']);
  });
});

describe('flows: first hop into Pony ORM entities (Flask views calling the model layer)', () => {
  let flows: Flow[] = [];
  before(async () => {
    flows = await flowsOf('pony-flask');
  });
  it('an entity loaded by key (Room[rid]) is a store access', () => {
    assert.deepEqual(firstHops(flows, 'GET /rooms/:rid'), ['store:Room.__getitem__']);
  });
  it('constructing a Pony entity inserts a row: a store step', () => {
    const f = flows.find((x) => x.entry === 'POST /messages')!;
    const steps = f.steps.filter((s) => s.depth === 1);
    assert.ok(steps.some((s) => s.kind === 'store' && s.callee === 'Message' && s.package === 'pony.orm'), JSON.stringify(steps));
  });
  it("an entity's inherited query methods and pony.orm's select are store calls", () => {
    assert.deepEqual(firstHops(flows, 'GET /tracks'), ['store:Track.select']);
    assert.ok(firstHops(flows, 'GET /genres').includes('store:select'), JSON.stringify(firstHops(flows, 'GET /genres')));
  });
  it('a plain class is not a store, and a type annotation (Optional[int]) is not a call', () => {
    const hops = firstHops(flows, 'GET /pages');
    assert.deepEqual(hops, ['Page.__init__']);
  });
});

describe('flows: first hop into a function handed to a background task (background_tasks.add_task(flow, …))', () => {
  let flows: Flow[] = [];
  before(async () => {
    flows = await flowsOf('background-task');
  });
  it('the function passed, through a module or imported by name, is the first hop', () => {
    assert.ok(firstHops(flows, 'POST /incidents/:incident_id/join').includes('add_participant_flow'), JSON.stringify(firstHops(flows, 'POST /incidents/:incident_id/join')));
    assert.ok(firstHops(flows, 'POST /incidents/:incident_id/digest').includes('send_digest'), JSON.stringify(firstHops(flows, 'POST /incidents/:incident_id/digest')));
  });
});

describe("flows: first hop into the service's own installed packages (createOrderWorkflow from @acme/flows)", () => {
  let flows: Flow[] = [];
  before(async () => {
    const root = path.join(FIXTURES, 'own-scope-package');
    const map = await buildMap({ root, cache: false, workers: 0 });
    const { entries } = await findEntryPoints(map, (rel) => fs.readFileSync(path.join(root, rel), 'utf8'));
    flows = suggestFlows(map, entries, { ownScopes: ownScopesOf({ read: (rel) => fs.readFileSync(path.join(root, rel), 'utf8') }) });
  });
  it('a call into an own-scope package is a step named as imported, at the call, once for the chained .run()', () => {
    assert.deepEqual(firstHops(flows, 'POST /orders'), ['createOrderWorkflow']);
    const step = flows.find((x) => x.entry === 'POST /orders')!.steps.find((s) => s.depth === 1)!;
    assert.equal(step.package, '@acme/flows');
    assert.equal(step.file, 'src/app.ts');
    assert.equal(step.range.start, 12);
  });
  it('a namespace import is named by its member; third-party packages (lodash) stay left out', () => {
    assert.deepEqual(firstHops(flows, 'GET /orders/:id'), ['notFound', 'refetchEntity']);
  });
  it("a query on an own package's database handle (db.delete(orders) from @acme/db) is the store, not a step into the package", () => {
    // `eq` builds the condition: a call into the package, after the store.
    assert.deepEqual(firstHops(flows, 'DELETE /orders/:id'), ['store:db.delete', 'eq']);
  });
  it('without the own scopes, the same calls are library calls, not steps', async () => {
    assert.equal(ownScopesOf({ read: () => '{"name":"@acme/api"}' })[0], '@acme/');
    assert.deepEqual(ownScopesOf({ read: () => undefined }), []);
    assert.deepEqual(firstHops(await flowsOf('own-scope-package'), 'POST /orders'), []);
  });
});

describe('flows: first hop into a service object of functions (secretsService = { exists: () => … })', () => {
  it("the imported object's member is the function of that key in its module", async () => {
    const flows = await flowsOf('object-service');
    assert.deepEqual(firstHops(flows, 'GET /secret/:name'), ['exists']);
    const step = flows.find((x) => x.entry === 'GET /secret/:name')!.steps.find((s) => s.depth === 1)!;
    assert.equal(step.file, 'src/secrets.js');
    assert.equal(step.range.start, 8);
  });
});

describe('flows: first hop into a root package that imports itself by its name (dist-packages/storefront/)', () => {
  let flows: Flow[] = [];
  before(async () => {
    flows = await flowsOf('root-package');
  });
  it('`from storefront.user_util import get_profile` reaches the root module user_util.py', () => {
    assert.deepEqual(firstHops(flows, 'ANY /account/me'), ['get_profile', 'json_error']);
    assert.deepEqual(firstHops(flows, 'GET /orders'), ['get_profile', 'orders_of']);
    assert.deepEqual(firstHops(flows, 'ANY /orders/new'), ['save_order', 'get_profile']);
  });
  it('the walk goes on to the store through the nested package (storefront.orders.store)', () => {
    const f = flows.find((x) => x.entry === 'ANY /orders/new')!;
    const save = f.steps.find((s) => s.symbol === 'save_order')!;
    assert.equal(save.file, 'orders/store.py');
    assert.ok(f.steps.some((s) => s.kind === 'store' && s.depth === 2), JSON.stringify(f.steps.map((s) => s.symbol)));
  });
});

describe('flows: first hop into nested helpers, members of an exported object and own-package classes (nested-helpers)', () => {
  let flows: Flow[] = [];
  before(async () => {
    flows = await flowsOf('nested-helpers', true);
  });
  it('a function declared in the enclosing function is the first hop', () => {
    assert.deepEqual(firstHops(flows, 'GET /profile'), ['profiles.buildProfile']);
  });
  it("a member of an exported object literal resolves to what it names, into the service's own package", () => {
    assert.deepEqual(firstHops(flows, 'GET /missing'), ['problems.notFound']);
    assert.deepEqual(firstHops(flows, 'GET /gone'), ['problems.gone']);
  });
  it("a helper the handler declares is reached through its call, not read as the handler's own calls", () => {
    assert.deepEqual(firstHops(flows, 'PUT /pkg/:name'), ['isPublishable', 'problems.conflict', 'publish.writeFile']);
  });
  it('a member of one of two objects with same-named members is the one that object holds', () => {
    assert.deepEqual(firstHops(flows, 'DELETE /account/:id'), ['remove']);
    const step = flows.find((x) => x.entry === 'DELETE /account/:id')!.steps.find((st) => st.depth === 1)!;
    assert.deepEqual([step.file, step.range.start], ['src/services.js', 7]);
  });
  it("a receiver named like a class of the service's own installed package is a step into that package", () => {
    assert.deepEqual(firstHops(flows, 'POST /secret'), ['Vault.keep']);
  });
});

describe('flows: a check the handler calls itself is a guard and its first hop (verifyHookToken(token))', () => {
  let flows: Flow[] = [];
  before(async () => {
    flows = await flowsOf('handler-check');
  });
  it('lists the check as the route guard, and as the handler first call, then the rest', () => {
    const f = flows.find((x) => x.entry === 'POST /hooks/event')!;
    assert.ok(f.steps.some((s) => s.kind === 'guard' && s.symbol === 'verifyHookToken'), JSON.stringify(f.steps));
    assert.deepEqual(firstHops(flows, 'POST /hooks/event'), ['verifyHookToken', 'saveEvent']);
  });
});

describe('flows: first hop through a member whose class a module exports as a class expression', () => {
  let flows: Flow[] = [];
  before(async () => {
    flows = await flowsOf('class-expression-members');
  });
  it('this.webhookManager.parseWebhook reaches `module.exports = class WebhookManager`', () => {
    assert.deepEqual(firstHops(flows, 'POST /webhooks'), ['WebhookManager.parseWebhook']);
  });
});

describe('flows: first hop into a function declared beside the routes inside a factory', () => {
  let flows: Flow[] = [];
  before(async () => {
    flows = await flowsOf('closure-helpers');
  });
  it('a one-line inline handler on the registration line calls the closure function', () => {
    assert.deepEqual(firstHops(flows, 'GET /feed.txt'), ['createFeedHandler.serveFeed']);
  });
  it('so does an inline handler written over several lines', () => {
    assert.deepEqual(firstHops(flows, 'GET /feed-full.txt'), ['createFeedHandler.serveFeed']);
  });
});

describe('flows: first hop of a library handler that runs a callback of the service (gin-jwt LoginHandler)', () => {
  it('the Authenticator set in the middleware configuration is the first hop, and the walk goes on from it', async () => {
    const flows = await flowsOf('gin-jwt-login');
    assert.deepEqual(firstHops(flows, 'POST /login'), ['JWT.Authenticator']);
    const f = flows.find((x) => x.entry === 'POST /login')!;
    assert.ok(f.steps.some((s) => s.depth === 2 && s.symbol === 'Users.CheckPassword'), JSON.stringify(f.steps.map((s) => s.symbol)));
  });
});

describe('flows: Go first hops through an import alias and a value the handler constructs', () => {
  let flows: Flow[] = [];
  before(async () => {
    flows = await flowsOf('go-constructed');
  });
  it('`feedHandler.CreateFeed` with `feedHandler "…/reader/handler"` is that package\'s function', () => {
    assert.deepEqual(firstHops(flows, 'POST /feeds'), ['CreateFeed']);
  });
  it('`h := opml.NewHandler(…); h.Export(…)` is the method of the type NewHandler returns', () => {
    assert.ok(firstHops(flows, 'GET /export').includes('Handler.Export'), JSON.stringify(firstHops(flows, 'GET /export')));
  });
});

describe('flows: first hop of a one-line OpenAPIHono handler (app.openapi(route, async (c) => …))', () => {
  it("the handler's own call is the first hop; the registration call on its line is not", async () => {
    assert.deepEqual(firstHops(await flowsOf('hono-openapi-inline'), 'GET /items/:id'), ['loadItem']);
  });
});

describe('flows: Go, a struct of ours embedding the ORM handle (type DB struct { *gorm.DB })', () => {
  let flows: Flow[] = [];
  before(async () => {
    flows = await flowsOf('go-embedded-store');
  });
  it('a method the struct does not declare (c.dbc.Order, c.dbc.Save) is the store, promoted through the embedding', () => {
    assert.deepEqual(firstHops(flows, 'GET /items'), ['store:c.dbc.Order', 'external:http.Error']);
    assert.deepEqual(firstHops(flows, 'POST /items'), ['store:c.dbc.Save', 'external:http.Error']);
  });
  it('a method it declares itself stays a step into our code', () => {
    assert.deepEqual(firstHops(flows, 'GET /users/:name'), ['DB.UserByName', 'external:http.Error']);
  });
});

describe('flows: first hop through CommonJS index files, handlers in another file than the routes', () => {
  let flows: Flow[] = [];
  before(async () => {
    flows = await flowsOf('cjs-module-index');
  });
  it('`store.item.find` through `module.exports = { item }` and `helpers.present` through `module.exports = require(…)`', () => {
    assert.deepEqual(firstHops(flows, 'GET /items/:id'), ['find', 'present']);
  });
  it("a handler's call on a line of the same number as the route's registration (in another file) is kept", () => {
    assert.deepEqual(firstHops(flows, 'POST /items'), ['add']);
  });
});

describe('flows: Go, a method called straight on what a function returns (store.FromContext(c).ItemFind(id))', () => {
  let flows: Flow[] = [];
  before(async () => {
    flows = await flowsOf('go-chained-result');
  });
  it('is the method of the type the function returns, as when the result is kept in a local first', () => {
    assert.ok(firstHops(flows, 'GET /items/:id').some((s) => /ItemFind$/.test(s)), JSON.stringify(firstHops(flows, 'GET /items/:id')));
    assert.ok(firstHops(flows, 'GET /kept').some((s) => /Ping$/.test(s)), JSON.stringify(firstHops(flows, 'GET /kept')));
  });
  it('also inside an if statement\'s initializer', () => {
    assert.ok(firstHops(flows, 'GET /ping').some((s) => /Ping$/.test(s)), JSON.stringify(firstHops(flows, 'GET /ping')));
  });
});
