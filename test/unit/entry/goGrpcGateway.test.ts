// grpc-gateway: REST routes read from the .proto bindings of the services a Go service registers
// (test/fixtures/routes/go-grpc-gateway, whose generated code is not committed), their handlers
// on the server's type, and their guards from the mux's middleware and the public-procedure lists
// it consults. Also the proto reading itself: bindings, additional bindings, path templates.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildMap } from '../../../src/core/map/buildMap';
import { findEntryPoints } from '../../../src/core/entry/findEntryPoints';
import type { EntryPoint } from '../../../src/core/entry/types';
import { suggestFlows, type Flow } from '../../../src/core/callgraph/suggestFlows';
import { parseProto, templatePath } from '../../../src/core/entry/go/protoHttp';
import { reasonsOf } from './httpRoutes';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/go-grpc-gateway');

describe('proto HTTP bindings', () => {
  const text = ['syntax = "proto3";', 'package a.v1;', 'option go_package = "x/gen/a/v1;av1";', 'service S {', '  // rpc Old(R) returns (R) { option (google.api.http) = {get: "/old"}; }', '  rpc M(a.v1.MRequest) returns (stream R) {', '    option (google.api.http) = {', '      custom: {kind: "HEAD", path: "/v1/m"}', '      additional_bindings {get: "/v1/{parent=users/*}/m/{id}"}', '    };', '  }', '  rpc N(NRequest) returns (R);', '}'].join('\n');
  const proto = parseProto('a.proto', text);
  it('reads the package, go_package, rpcs and every binding with its line; a commented rpc is none', () => {
    assert.equal(proto.pkg, 'a.v1');
    assert.equal(proto.goPackage, 'x/gen/a/v1');
    assert.deepEqual(proto.services.map((s) => s.rpcs.map((r) => [r.name, r.input])), [[['M', 'MRequest'], ['N', 'NRequest']]]);
    assert.deepEqual(proto.services[0].rpcs[0].bindings, [
      { method: 'HEAD', template: '/v1/m', line: 8 },
      { method: 'GET', template: '/v1/{parent=users/*}/m/{id}', line: 9 },
    ]);
    assert.deepEqual(proto.services[0].rpcs[1].bindings, []);
  });
  it('writes templates as paths: a segment named after its collection, custom verbs kept, ** the rest', () => {
    assert.equal(templatePath('/api/v1/{name=memos/*}'), '/api/v1/memos/:memo');
    assert.equal(templatePath('/api/v1/{name=users/*/identities/*}:getSecret'), '/api/v1/users/:user/identities/:identity:getSecret');
    assert.equal(templatePath('/v1/{memo.name=memos/*}'), '/v1/memos/:memo');
    assert.equal(templatePath('/v1/shares/{share_token}/memo'), '/v1/shares/:share_token/memo');
    assert.equal(templatePath('/v1/{path=files/**}'), '/v1/files/*');
  });
});

describe('grpc-gateway routes: test/fixtures/routes/go-grpc-gateway', () => {
  let routes: EntryPoint[] = [];
  let flows: Flow[] = [];
  before(async () => {
    const map = await buildMap({ root: ROOT, cache: false, workers: 0 });
    const listDir = (rel: string): string[] | undefined => {
      try {
        return fs.readdirSync(path.join(ROOT, rel)).sort();
      } catch {
        return undefined;
      }
    };
    const result = await findEntryPoints(map, (rel) => fs.readFileSync(path.join(ROOT, rel), 'utf8'), { listDir });
    routes = result.entries.filter((e) => e.kind === 'http');
    flows = suggestFlows(map, result.entries);
    assert.ok(result.dataFiles?.some((d) => d.path === 'proto/notes/v1/notes.proto'), 'the .proto read is stamped');
  });
  const route = (id: string): EntryPoint => {
    const e = routes.find((x) => x.id === id);
    assert.ok(e, `${id} missing; found ${routes.map((x) => x.id).join(', ')}`);
    return e;
  };
  it('one route per binding of each registered service, at the binding in the .proto; an rpc without one has none', () => {
    const gateway = routes.filter((e) => e.framework === 'grpc-gateway');
    assert.deepEqual(gateway.map((e) => e.id).sort(), ['DELETE /v1/notes/:note/revisions/:revision', 'GET /v1/health', 'GET /v1/notes', 'GET /v1/notes/:note', 'POST /v1/admin:purge', 'POST /v1/auth/login', 'POST /v1/notes', 'POST /v1/notes/:note/revisions/:revision:delete', 'POST /v1/ops:drain']);
    const e = route('GET /v1/notes/:note');
    assert.equal(e.file, 'proto/notes/v1/notes.proto');
    assert.equal(e.line, 15);
    assert.equal(e.framework, 'grpc-gateway');
  });
  it("the handler is the registered server's method of the rpc's name, not another type's", () => {
    const e = route('GET /v1/notes/:note');
    assert.equal(e.handler, 'Server.GetNote');
    assert.equal(e.handlerLocation?.file, 'server/notes.go');
    assert.equal(route('POST /v1/admin:purge').handlerLocation?.symbol, 'adminServer.Purge');
  });
  it('the mux middleware that refuses guards every rpc no public list names', () => {
    for (const id of ['GET /v1/notes/:note', 'POST /v1/notes', 'DELETE /v1/notes/:note/revisions/:revision']) {
      const e = route(id);
      assert.equal(e.guardState, 'guarded', reasonsOf(e));
      assert.match(reasonsOf(e), /authMw .*server\/gateway\.go:\d+.*not in publicProcedures/);
    }
  });
  it('named in every list the middleware reads: open; in some only: unknown; a list it never reads does not count', () => {
    assert.equal(route('POST /v1/auth/login').guardState, 'unguarded', reasonsOf(route('POST /v1/auth/login')));
    assert.equal(route('GET /v1/health').guardState, 'unguarded');
    const list = route('GET /v1/notes');
    assert.equal(list.guardState, 'unknown');
    assert.match(list.guardReason ?? '', /in publicProcedures .* but not in openWhenPrivate/);
  });
  it('a mux without middleware (a proxy to the gRPC server) is unknown, never open', () => {
    const e = route('POST /v1/admin:purge');
    assert.equal(e.guardState, 'unknown');
    assert.match(e.guardReason ?? '', /no middleware in sight/);
  });
  it("a mux mounted in a router's guarded group is guarded by it; the catch-all mount is no route of its own", () => {
    const e = route('POST /v1/ops:drain');
    assert.equal(e.guardState, 'guarded', reasonsOf(e));
    assert.match(reasonsOf(e), /requireOperator/);
    assert.ok(!routes.some((x) => x.id === 'ANY /v1/*'), 'the mount ANY /v1/* stays a route');
  });
  it('Connect: every rpc of the service at its procedure path, POST (GET too without side effects), at the generated constructor call', () => {
    const connect = routes.filter((e) => e.framework === 'connect');
    // `mux.Handle(path, handler)` of the constructor's results is these routes, not one at a path written as a variable.
    assert.deepEqual(routes.filter((e) => e.framework !== 'connect' && e.framework !== 'grpc-gateway').map((e) => e.id), []);
    assert.deepEqual(connect.map((e) => e.id).sort(), ['GET /notes.v1.AuthService/Health', 'POST /notes.v1.AuthService/Health', 'POST /notes.v1.AuthService/Login', 'POST /notes.v1.AuthService/Logout']);
    const e = route('POST /notes.v1.AuthService/Logout');
    assert.equal(e.file, 'server/connect.go');
    assert.equal(e.line, 14);
    assert.equal(e.handler, 'connectServer.Logout');
  });
  it('Connect: the interceptors handed in by the caller judge each procedure; one that refuses nobody is no guard', () => {
    const out = route('POST /notes.v1.AuthService/Logout');
    assert.equal(out.guardState, 'guarded', reasonsOf(out));
    assert.match(reasonsOf(out), /newAuthInterceptor\(s\)/);
    assert.doesNotMatch(reasonsOf(out), /newLogger/);
    assert.equal(route('POST /notes.v1.AuthService/Login').guardState, 'unguarded');
  });
  it("a route's flow starts in the handler's body", () => {
    const f = flows.find((x) => x.entry === 'GET /v1/notes/:note');
    assert.ok(f);
    assert.deepEqual(f.steps.filter((s) => s.depth === 1).map((s) => (s.kind === 'call' ? s.symbol : s.kind)).slice(0, 2), ['noteID', 'Store.GetNote']);
  });
});
