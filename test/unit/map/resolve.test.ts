import * as assert from 'node:assert/strict';
import { buildMap } from '../../../src/core/map/buildMap';
import { importOf, makeRepo } from './helpers';

describe('map import resolution', () => {
  it('resolves tsconfig paths through extends, workspaces through exports and main, and dist back to src', async () => {
    const root = makeRepo({
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'] }),
      'tsconfig.base.json': '{\n // comments are allowed\n "compilerOptions": { "baseUrl": ".", "paths": { "~/*": ["apps/web/src/*"], "#cfg": ["config/index.ts"], }, },\n}\n',
      'apps/web/tsconfig.json': '{ "extends": "../../tsconfig.base.json" }',
      'apps/web/src/main.tsx': [
        "import { a } from '~/a';",
        "import cfg from '#cfg';",
        "import { util } from '@acme/util';",
        "import { deep } from '@acme/util/deep';",
        "import { core } from '@acme/core';",
        "import React from 'react';",
        "import fs from 'node:fs';",
        "import data from './data.json';",
        "import { nope } from './missing';",
        'export const App = () => a + cfg + util + deep + core;',
      ].join('\n'),
      'apps/web/src/a.ts': 'export const a = 1;\n',
      'apps/web/src/data.json': '{}',
      'config/index.ts': 'export default 1;\n',
      'packages/util/package.json': JSON.stringify({ name: '@acme/util', exports: { '.': { import: './dist/index.js' }, './*': './dist/*.js' } }),
      'packages/util/src/index.ts': 'export const util = 1;\n',
      'packages/util/src/deep.ts': 'export const deep = 1;\n',
      'packages/core/package.json': JSON.stringify({ name: '@acme/core', main: 'lib/main.js' }),
      'packages/core/lib/main.js': 'exports.core = 1;\n',
    });
    const map = await buildMap({ root, cache: false, workers: 0 });
    const from = 'apps/web/src/main.tsx';
    assert.equal(importOf(map, from, '~/a').resolved, 'apps/web/src/a.ts');
    assert.equal(importOf(map, from, '#cfg').resolved, 'config/index.ts');
    assert.equal(importOf(map, from, '@acme/util').resolved, 'packages/util/src/index.ts');
    assert.equal(importOf(map, from, '@acme/util/deep').resolved, 'packages/util/src/deep.ts');
    assert.equal(importOf(map, from, '@acme/core').resolved, 'packages/core/lib/main.js');
    assert.equal(importOf(map, from, 'react').kind, 'external');
    assert.equal(importOf(map, from, 'node:fs').kind, 'external');
    assert.equal(importOf(map, from, './data.json').resolved, 'apps/web/src/data.json');
    assert.equal(importOf(map, from, './missing').kind, 'unresolved');
    assert.deepEqual(map.imports, { total: 9, resolved: 6, external: 2, unresolved: 1 });
    // Workspace packages are modules of their own; the root package's folders are folders.
    assert.ok(map.modules.some((m) => m.id === 'packages/util' && m.kind === 'package'));
    assert.ok(map.edges.some((e) => e.from === 'apps/web/src' && e.to === 'packages/util' && e.count === 2));
  });

  it("resolves Node subpath imports ('#controllers/users') through the nearest package.json's imports", async () => {
    const root = makeRepo({
      'package.json': JSON.stringify({ name: 'app', type: 'module', imports: { '#controllers/*': './app/controllers/*.js', '#config': { node: './config/app.js' } } }),
      'start/routes.ts': "import UsersController from '#controllers/users_controller';\nimport config from '#config';\nimport x from '#missing/x';\nexport default [UsersController, config, x];\n",
      'app/controllers/users_controller.ts': 'export default class UsersController {}\n',
      'config/app.ts': 'export default {};\n',
    });
    const map = await buildMap({ root, cache: false, workers: 0 });
    assert.equal(importOf(map, 'start/routes.ts', '#controllers/users_controller').resolved, 'app/controllers/users_controller.ts');
    assert.equal(importOf(map, 'start/routes.ts', '#config').resolved, 'config/app.ts');
    assert.notEqual(importOf(map, 'start/routes.ts', '#missing/x').kind, 'resolved');
  });

  it("resolves SvelteKit's $lib through the .svelte-kit/tsconfig.json a checkout does not hold", async () => {
    const root = makeRepo({
      'package.json': JSON.stringify({ name: 'kit-app', devDependencies: { '@sveltejs/kit': '2.0.0' } }),
      'tsconfig.json': '{ "extends": "./.svelte-kit/tsconfig.json", "compilerOptions": { "strict": true } }',
      'src/routes/+server.ts': "import { load } from '$lib/server/data';\nimport cfg from '$lib';\nexport const GET = () => new Response(String(load() + cfg));\n",
      'src/lib/server/data.ts': 'export const load = () => 1;\n',
      'src/lib/index.ts': 'export default 2;\n',
    });
    const map = await buildMap({ root, cache: false, workers: 0 });
    assert.equal(importOf(map, 'src/routes/+server.ts', '$lib/server/data').resolved, 'src/lib/server/data.ts');
    assert.equal(importOf(map, 'src/routes/+server.ts', '$lib').resolved, 'src/lib/index.ts');
  });

  it("resolves Nuxt's ~~, ~ and #shared through the .nuxt tsconfigs a checkout does not hold, beside the project's own paths", async () => {
    const root = makeRepo({
      'package.json': JSON.stringify({ name: 'nuxt-app', devDependencies: { nuxt: '4.0.0' } }),
      'tsconfig.json': '{ "extends": "./.nuxt/tsconfig.json", "compilerOptions": { "paths": { "@models": ["./models"] } } }',
      'server/tsconfig.json': '{ "extends": "../.nuxt/tsconfig.server.json" }',
      'server/api/items.get.ts': "import { list } from '~~/server/lib/items';\nimport { shape } from '~/utils/shape';\nimport { pick } from '#shared/pick';\nexport default defineEventHandler(() => pick(shape(list())));\n",
      'server/lib/items.ts': 'export const list = () => [1];\n',
      'app/utils/shape.ts': 'export const shape = (x: number[]) => x;\n',
      'shared/pick.ts': 'export const pick = (x: number[]) => x[0];\n',
      'app/pages/index.ts': "import { list } from '~~/server/lib/items';\nimport { Model } from '@models';\nexport const page = () => [list(), Model];\n",
      'models/index.ts': 'export const Model = 1;\n',
    });
    const map = await buildMap({ root, cache: false, workers: 0 });
    assert.equal(importOf(map, 'server/api/items.get.ts', '~~/server/lib/items').resolved, 'server/lib/items.ts');
    // Nuxt 4: `~` is the app/ folder when there is one.
    assert.equal(importOf(map, 'server/api/items.get.ts', '~/utils/shape').resolved, 'app/utils/shape.ts');
    assert.equal(importOf(map, 'server/api/items.get.ts', '#shared/pick').resolved, 'shared/pick.ts');
    // The project's own paths replace nothing of Nuxt's: both hold.
    assert.equal(importOf(map, 'app/pages/index.ts', '~~/server/lib/items').resolved, 'server/lib/items.ts');
    assert.equal(importOf(map, 'app/pages/index.ts', '@models').resolved, 'models/index.ts');
  });

  it('resolves Python src layouts, Go nested modules and Java multiple source roots', async () => {
    const root = makeRepo({
      'py/pyproject.toml': '[project]\nname = "svc"\n',
      'py/src/svc/__init__.py': '',
      'py/src/svc/api.py': 'from svc.core import engine\nimport svc.core.engine as e\nimport requests\nfrom svc import missing_mod\n',
      'py/src/svc/core/__init__.py': 'from .engine import run\n',
      'py/src/svc/core/engine.py': 'def run():\n    pass\n',
      'go/go.mod': 'module example.com/shop\n\ngo 1.22\n',
      'go/cmd/main.go': 'package main\n\nimport (\n\t"example.com/shop/internal/cart"\n\t"example.com/shop/tools/gen"\n\t"net/http"\n)\n',
      'go/internal/cart/cart.go': 'package cart\n',
      'go/internal/cart/cart_test.go': 'package cart\n',
      'go/tools/go.mod': 'module example.com/shop/tools\n',
      'go/tools/gen/gen.go': 'package gen\n',
      'java/api/src/main/java/com/acme/api/Api.java': 'package com.acme.api;\nimport com.acme.core.Core;\nimport com.acme.core.Core.Inner;\nimport com.acme.core.*;\nimport static com.acme.core.Core.helper;\nimport com.acme.core.Gone;\nimport java.util.List;\nclass Api {}\n',
      'java/core/src/main/java/com/acme/core/Core.java': 'package com.acme.core;\npublic class Core { public static class Inner {} }\n',
    });
    const map = await buildMap({ root, cache: false, workers: 0 });
    assert.equal(importOf(map, 'py/src/svc/api.py', 'svc.core').resolved, 'py/src/svc/core/engine.py');
    assert.equal(importOf(map, 'py/src/svc/api.py', 'svc.core.engine').resolved, 'py/src/svc/core/engine.py');
    assert.equal(importOf(map, 'py/src/svc/api.py', 'requests').kind, 'external');
    assert.equal(importOf(map, 'py/src/svc/core/__init__.py', '.engine').resolved, 'py/src/svc/core/engine.py');
    assert.equal(importOf(map, 'go/cmd/main.go', 'example.com/shop/internal/cart').resolvedDir, 'go/internal/cart');
    assert.equal(importOf(map, 'go/cmd/main.go', 'example.com/shop/tools/gen').resolvedDir, 'go/tools/gen');
    assert.equal(importOf(map, 'go/cmd/main.go', 'net/http').kind, 'external');
    const api = 'java/api/src/main/java/com/acme/api/Api.java';
    const core = 'java/core/src/main/java/com/acme/core/Core.java';
    assert.equal(importOf(map, api, 'com.acme.core.Core').resolved, core);
    assert.equal(importOf(map, api, 'com.acme.core.Core.Inner').resolved, core);
    assert.equal(importOf(map, api, 'com.acme.core').resolvedDir, 'java/core/src/main/java/com/acme/core');
    assert.equal(importOf(map, api, 'com.acme.core.Core.helper').resolved, core);
    assert.equal(importOf(map, api, 'com.acme.core.Gone').kind, 'unresolved');
    assert.equal(importOf(map, api, 'java.util.List').kind, 'external');
  });

  it('resolves a Java import in the first source root that holds the class, past roots that only share its package folders', async () => {
    // Many modules, each a source root with the same com/acme tree: the probe follows the package's
    // folders down a root and goes on to the next where the class is not (javaResolver.ts).
    const root = makeRepo({
      'a/src/main/java/com/acme/a/A.java': 'package com.acme.a;\nimport com.acme.shared.Util;\nimport com.acme.shared.Util.Nested;\nimport com.acme.shared.*;\nclass A {}\n',
      'a/src/main/java/com/acme/shared/Other.java': 'package com.acme.shared;\nclass Other {}\n',
      'b/src/main/java/com/acme/b/B.java': 'package com.acme.b;\nimport com.acme.shared.Util;\nimport com.acme.missing.Thing;\nclass B {}\n',
      'c/src/main/java/com/acme/shared/Util.java': 'package com.acme.shared;\npublic class Util { public static class Nested {} }\n',
    });
    const map = await buildMap({ root, cache: false, workers: 0 });
    const util = 'c/src/main/java/com/acme/shared/Util.java';
    assert.equal(importOf(map, 'a/src/main/java/com/acme/a/A.java', 'com.acme.shared.Util').resolved, util);
    assert.equal(importOf(map, 'a/src/main/java/com/acme/a/A.java', 'com.acme.shared.Util.Nested').resolved, util);
    assert.equal(importOf(map, 'b/src/main/java/com/acme/b/B.java', 'com.acme.shared.Util').resolved, util);
    // A wildcard takes the first root whose package folder holds Java files.
    assert.equal(importOf(map, 'a/src/main/java/com/acme/a/A.java', 'com.acme.shared').resolvedDir, 'a/src/main/java/com/acme/shared');
    assert.equal(importOf(map, 'b/src/main/java/com/acme/b/B.java', 'com.acme.missing.Thing').kind, 'unresolved');
  });

  it('finds module cycles', async () => {
    const root = makeRepo({
      'a/x.ts': "import { y } from '../b/y';\nexport const x = () => y();\n",
      'b/y.ts': "import { x } from '../a/x';\nexport const y = () => x();\n",
      'c/z.ts': "import { x } from '../a/x';\n",
    });
    const map = await buildMap({ root, cache: false, workers: 0 });
    assert.deepEqual(map.cycles, [['a', 'b']]);
  });
});
