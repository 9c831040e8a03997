// Following a one-file edit in every language and in an editor's unsaved buffer
// (entry/entryFollow.ts, entry/passFileFacts.ts): the files the entry-point pass reads itself (Go,
// Python, Java, Kotlin, a buffer) are compared through what the pass took from them. Whatever is
// followed must be exactly the answer of the full pass from scratch; an edit that changes a
// declaration must not be followed. Real copies of the fixtures, real grammars.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildMap } from '../../../src/core/map/buildMap';
import { clearEntryMemory, entryPointsOf } from '../../../src/core/entry/entryCache';
import { diskFiles, overlayFiles, type SourceFiles } from '../../../src/core/files/sourceFiles';
import type { EntryPointsResult } from '../../../src/core/entry/types';
import { emptyShift, pairPositions, shiftResult } from '../../../src/core/entry/entryShift';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/routes');

interface Outcome {
  before: EntryPointsResult;
  followed: EntryPointsResult;
  scratch: EntryPointsResult;
  /** The file the answer was followed through, when it was. */
  via?: string;
}

interface EditOptions {
  /** The edit stays in an unsaved buffer (the map is the disk's, as in the editor). */
  buffer?: boolean;
  /** A first edit, in a buffer, answered before the one measured (typing on). */
  typedBefore?: (text: string) => string;
}

async function editAndAnswer(fixture: string, file: string, edit: (text: string) => string, opts: EditOptions = {}): Promise<Outcome> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-follow-lang-'));
  try {
    fs.cpSync(path.join(FIXTURES, fixture), root, { recursive: true });
    clearEntryMemory();
    const disk = diskFiles(root);
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    const map = await buildMap({ root, cache: false, workers: 1, entryFacts: true });
    const buffer = (t: string): SourceFiles => overlayFiles(disk, (rel) => (rel === file ? t : undefined));
    let base = text;
    let before = await entryPointsOf(map, disk, { cacheDir: false });
    if (opts.typedBefore) {
      base = opts.typedBefore(text);
      assert.notEqual(base, text, 'the first edit changes the file');
      before = await entryPointsOf(map, buffer(base), { cacheDir: false });
    }
    const next = edit(base);
    assert.notEqual(next, base, 'the edit changes the file');
    let files: SourceFiles = disk;
    let after = map;
    if (opts.buffer || opts.typedBefore) files = buffer(next);
    else {
      fs.writeFileSync(path.join(root, file), next);
      after = await buildMap({ root, cache: false, workers: 1, entryFacts: true });
    }
    let via: string | undefined;
    const followed = await entryPointsOf(after, files, { cacheDir: false, onFollow: (f) => (via = f) });
    clearEntryMemory();
    const scratch = await entryPointsOf(after, files, { cacheDir: false, onFollow: () => assert.fail('nothing to follow from') });
    return { before, followed, scratch, ...(via ? { via } : {}) };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

const entry = (r: EntryPointsResult, id: string) => {
  const e = r.entries.find((x) => x.id === id);
  assert.ok(e, `${id} is found (${r.entries.map((x) => x.id).join(', ')})`);
  return e;
};
const lineOf = (r: EntryPointsResult, id: string): number => entry(r, id).line;

describe('entry points after a one-file edit, in every language and in unsaved buffers', () => {
  describe('Go (gin)', () => {
    const file = 'main.go';
    it('a line added in the middleware’s body: followed, the guard’s evidence moved', async () => {
      const o = await editAndAnswer('go-gin', file, (t) => t.replace('\treturn func(ctx *gin.Context) {\n', '\treturn func(ctx *gin.Context) {\n\t\t// A request without the key is refused.\n'));
      assert.equal(o.via, file);
      assert.deepEqual(o.followed, o.scratch);
      const evidence = (r: EntryPointsResult) => entry(r, 'GET /v1/items').guards[0].evidence!.line;
      assert.equal(evidence(o.followed), evidence(o.before) + 1);
    });
    it('a one-line function split over lines: not followed (a line became two), the same answer as from scratch', async () => {
      const o = await editAndAnswer('go-gin', file, (t) => t.replace('func remove(ctx *gin.Context) { ctx.Status(http.StatusNoContent) }', 'func remove(ctx *gin.Context) {\n\tctx.Status(http.StatusNoContent)\n}'));
      assert.equal(o.via, undefined);
      assert.deepEqual(o.followed, o.scratch);
    });
    it('lines inserted above the routes: followed, every route below moved', async () => {
      const o = await editAndAnswer('go-gin', file, (t) => t.replace('package main\n', 'package main\n\n// Routes of the service.\n'));
      assert.equal(o.via, file);
      assert.deepEqual(o.followed, o.scratch);
      assert.equal(lineOf(o.followed, 'GET /v1/items'), lineOf(o.before, 'GET /v1/items') + 2);
    });
    it('a route added: not followed, the full pass finds it', async () => {
      const o = await editAndAnswer('go-gin', file, (t) => t.replace('\tpolicy.GET("/rules", list)\n', '\tpolicy.GET("/rules", list)\n\tpolicy.GET("/more", list)\n'));
      assert.equal(o.via, undefined);
      assert.deepEqual(o.followed, o.scratch);
      entry(o.followed, 'GET /v1/policy/more');
    });
    it('a group prefix changed: not followed, the routes below get the new prefix', async () => {
      const o = await editAndAnswer('go-gin', file, (t) => t.replace('v1 := c.Router.Group("/v1")', 'v1 := c.Router.Group("/v2")'));
      assert.equal(o.via, undefined);
      assert.deepEqual(o.followed, o.scratch);
      entry(o.followed, 'GET /v2/items');
    });
  });

  describe('Python (Flask)', () => {
    const file = 'app/api/notes.py';
    it('a line added in a handler body: followed, the same answer as from scratch', async () => {
      const o = await editAndAnswer('flask', file, (t) => t.replace('    note = Note.query.get_or_404(note_id)\n', '    note = Note.query.get_or_404(note_id)\n    assert note is not None\n'));
      assert.equal(o.via, file);
      assert.deepEqual(o.followed, o.scratch);
    });
    it('lines inserted above the routes: followed, every route below moved', async () => {
      const o = await editAndAnswer('flask', file, (t) => `# Notes API.\n\n${t}`);
      assert.equal(o.via, file);
      assert.deepEqual(o.followed, o.scratch);
      const id = o.before.entries.find((e) => e.file === file)!.id;
      assert.equal(lineOf(o.followed, id), lineOf(o.before, id) + 2);
    });
    it('a route added: not followed, the full pass finds it', async () => {
      const o = await editAndAnswer('flask', file, (t) => `${t}\n\n@bp.get("/extra")\ndef extra():\n    return {}\n`);
      assert.equal(o.via, undefined);
      assert.deepEqual(o.followed, o.scratch);
      assert.ok(o.followed.entries.some((e) => e.path.endsWith('/extra')));
    });
    it('a blueprint prefix changed: not followed, the routes get the new prefix', async () => {
      const text = fs.readFileSync(path.join(FIXTURES, 'flask/app/__init__.py'), 'utf8');
      const prefix = /url_prefix=["']([^"']+)["']/.exec(text)?.[1];
      assert.ok(prefix, 'the fixture mounts a blueprint under a prefix');
      const o = await editAndAnswer('flask', 'app/__init__.py', (t) => t.replace(`url_prefix="${prefix}"`, `url_prefix="${prefix}2"`).replace(`url_prefix='${prefix}'`, `url_prefix='${prefix}2'`));
      assert.equal(o.via, undefined);
      assert.deepEqual(o.followed, o.scratch);
      assert.ok(o.followed.entries.some((e) => e.path.startsWith(`${prefix}2/`)));
    });
  });

  describe('Python (Django)', () => {
    it('a line added in a view body: followed, the same answer as from scratch', async () => {
      const o = await editAndAnswer('django', 'blog/views.py', (t) => t.replace('    return render(request, "blog/new.html")\n', '    request.session.modified = True\n    return render(request, "blog/new.html")\n'));
      assert.equal(o.via, 'blog/views.py');
      assert.deepEqual(o.followed, o.scratch);
    });
    it('lines inserted above the urlpatterns: followed, the same answer as from scratch', async () => {
      const o = await editAndAnswer('django', 'blog/urls.py', (t) => t.replace('app_name = "blog"\n', '# The blog.\n\napp_name = "blog"\n'));
      assert.equal(o.via, 'blog/urls.py');
      assert.deepEqual(o.followed, o.scratch);
    });
    it('an include prefix changed: not followed, the routes get the new prefix', async () => {
      const o = await editAndAnswer('django', 'mysite/urls.py', (t) => t.replace(/path\("blog\//, 'path("journal/'));
      assert.equal(o.via, undefined);
      assert.deepEqual(o.followed, o.scratch);
      assert.ok(o.followed.entries.some((e) => e.path.startsWith('/journal/')));
    });
  });

  describe('Java (Spring)', () => {
    const file = 'src/main/java/com/example/web/ThingController.java';
    it('lines inserted above the routes: followed, the same answer as from scratch', async () => {
      const o = await editAndAnswer('spring-security-chains', file, (t) => t.replace(/^package [^\n]*\n/, (p) => `${p}\n// Things.\n`));
      assert.equal(o.via, file);
      assert.deepEqual(o.followed, o.scratch);
    });
    it('a mapping changed: not followed, the full pass reads it', async () => {
      const o = await editAndAnswer('spring-security-chains', file, (t) => t.replace(/@(Get|Post)Mapping\("([^"]*)"\)/, '@$1Mapping("$2/renamed")'));
      assert.equal(o.via, undefined);
      assert.deepEqual(o.followed, o.scratch);
      assert.ok(o.followed.entries.some((e) => e.path.endsWith('/renamed')));
    });
  });

  describe('Java (JAX-RS across files)', () => {
    const base = 'src/main/java/com/example/shop/CrudResource.java';
    it('lines inserted above the resource methods of a base class: the same answer as from scratch, inherited routes too', async () => {
      const o = await editAndAnswer('jaxrs-filters', base, (t) => t.replace(/^package [^\n]*\n/, (p) => `${p}\n// Shared CRUD.\n`));
      assert.deepEqual(o.followed, o.scratch);
      assert.ok(o.followed.entries.some((e) => e.id === 'GET /rest/cart/:id' && e.file === base && e.line === 21));
    });
    it('the method path of a base class changed: every resource that inherits it answers at the new path', async () => {
      const o = await editAndAnswer('jaxrs-filters', base, (t) => t.replace('@Path("{id}")', '@Path("by-id/{id}")'));
      assert.equal(o.via, undefined);
      assert.deepEqual(o.followed, o.scratch);
      assert.ok(['GET /rest/cart/by-id/:id', 'GET /rest/products/by-id/:id'].every((id) => o.followed.entries.some((e) => e.id === id)));
    });
  });

  describe('Kotlin (Spring)', () => {
    const file = 'src/main/kotlin/com/example/api/BookController.kt';
    it('a line added in a handler body: followed, the same answer as from scratch', async () => {
      const o = await editAndAnswer('spring-kotlin', file, (t) => t.replace('    return bookService.save(book)\n', '    check(book.toString().isNotEmpty())\n    return bookService.save(book)\n'));
      assert.equal(o.via, file);
      assert.deepEqual(o.followed, o.scratch);
    });
    it('a route added: not followed, the full pass finds it', async () => {
      const o = await editAndAnswer('spring-kotlin', file, (t) => t.replace('  @GetMapping\n  fun list()', '  @GetMapping("count")\n  fun count(): Int = 0\n\n  @GetMapping\n  fun list()'));
      assert.equal(o.via, undefined);
      assert.deepEqual(o.followed, o.scratch);
      assert.ok(o.followed.entries.some((e) => e.path.endsWith('/count')));
    });
    it('the class mapping changed: not followed, every route gets the new prefix', async () => {
      const o = await editAndAnswer('spring-kotlin', file, (t) => t.replace('private const val BOOKS = "api/v1/books"', 'private const val BOOKS = "api/v2/books"'));
      assert.equal(o.via, undefined);
      assert.deepEqual(o.followed, o.scratch);
      assert.ok(o.followed.entries.some((e) => e.path.startsWith('/api/v2/books')));
    });
  });

  describe('an unsaved buffer (the map is the disk’s)', () => {
    it('typing within a line of a JS handler: followed, the same answer as from scratch', async () => {
      const o = await editAndAnswer('express', 'src/files.js', (t) => t.replace('await fs.unlink(`/data/${req.params.name}`);', 'await fs.unlink(`/data/${req.params.name}`); void 0;'), { buffer: true });
      assert.equal(o.via, 'src/files.js');
      assert.deepEqual(o.followed, o.scratch);
    });
    it('typing on in the same buffer: followed from the buffer’s last answer', async () => {
      const o = await editAndAnswer('express', 'src/files.js', (t) => t.replace('void 0;', 'void 10;'), {
        typedBefore: (t) => t.replace('await fs.unlink(`/data/${req.params.name}`);', 'await fs.unlink(`/data/${req.params.name}`); void 0;'),
      });
      assert.equal(o.via, 'src/files.js');
      assert.deepEqual(o.followed, o.scratch);
    });
    it('a line added in a buffer: followed (the buffer’s own map entry), the same answer as from scratch', async () => {
      const o = await editAndAnswer('express', 'src/app.js', (t) => t.replace('const app = express();\n', 'const app = express();\n\n'), { buffer: true });
      assert.equal(o.via, 'src/app.js');
      assert.deepEqual(o.followed, o.scratch);
      assert.equal(lineOf(o.followed, 'GET /status'), lineOf(o.before, 'GET /status') + 1);
    });
    it('lines added in a buffer above handlers: followed, the handlers’ code moves with the buffer (not where the disk has it)', async () => {
      const o = await editAndAnswer('express', 'src/files.js', (t) => t.replace("const fs = require('fs/promises');\n", "const fs = require('fs/promises');\n\n// two more lines\n"), { buffer: true });
      assert.equal(o.via, 'src/files.js');
      assert.deepEqual(o.followed, o.scratch);
      const moved = (r: EntryPointsResult) => entry(r, 'GET /status').handlerLocation;
      assert.equal(moved(o.before)?.file, 'src/files.js');
      assert.equal(moved(o.followed)?.range.start, moved(o.before)!.range.start + 2);
    });
    it('typing on below lines added in the same buffer: followed from the buffer’s last answer', async () => {
      const o = await editAndAnswer('express', 'src/files.js', (t) => t.replace('await fs.unlink(`/data/${req.params.name}`);', 'await fs.unlink(`/data/${req.params.name}`);\n  void 0;'), {
        typedBefore: (t) => t.replace("const fs = require('fs/promises');\n", "const fs = require('fs/promises');\n\n"),
      });
      assert.equal(o.via, 'src/files.js');
      assert.deepEqual(o.followed, o.scratch);
    });
    it('an import added in a buffer: not followed (it would resolve anew), the same answer as from scratch', async () => {
      const o = await editAndAnswer('express', 'src/files.js', (t) => t.replace("const fs = require('fs/promises');\n", "const fs = require('fs/promises');\nconst path = require('path');\n"), { buffer: true });
      assert.equal(o.via, undefined);
      assert.deepEqual(o.followed, o.scratch);
    });
    it('lines added above a Python view in a buffer: followed, the same answer as from scratch', async () => {
      const o = await editAndAnswer('flask', 'app/api/notes.py', (t) => t.replace('from . import bp\n', 'from . import bp\n\n# a note\n'), { buffer: true });
      assert.equal(o.via, 'app/api/notes.py');
      assert.deepEqual(o.followed, o.scratch);
    });
    it('a route added in a buffer: not followed, the full pass finds it', async () => {
      const o = await editAndAnswer('express', 'src/app.js', (t) => t.replace("app.get('/status'", "app.get('/extra', files.status);\napp.get('/status'"), { buffer: true });
      assert.equal(o.via, undefined);
      assert.deepEqual(o.followed, o.scratch);
      entry(o.followed, 'GET /extra');
    });
    it('a mount changed in a buffer: not followed, the routes get the new prefix', async () => {
      const o = await editAndAnswer('express', 'src/app.js', (t) => t.replace("app.use('/admin'", "app.use('/administration'"), { buffer: true });
      assert.equal(o.via, undefined);
      assert.deepEqual(o.followed, o.scratch);
      entry(o.followed, 'GET /administration/users');
    });
    it('typing within a line of a Python view: followed, the same answer as from scratch', async () => {
      const o = await editAndAnswer('flask', 'app/api/notes.py', (t) => t.replace('note = Note.query.get_or_404(note_id)', 'note = Note.query.get_or_404(int(note_id))'), { buffer: true });
      assert.equal(o.via, 'app/api/notes.py');
      assert.deepEqual(o.followed, o.scratch);
    });
  });

  it('pairs the file’s own offset references (values and keys) and `order`, and renames them in the answer', () => {
    const facts = (at: number) => ({ routers: { [`R:api/x.go@${at}-${at + 9}`]: 'gin' }, edges: [{ parent: `R:api/x.go@${at}-${at + 9}`, child: 'R:api/y.go@5-9', order: at, line: 3 }] });
    const moved = emptyShift('api/x.go');
    assert.ok(pairPositions(facts(120), facts(150), moved));
    assert.deepEqual([...moved.offsets].sort((a, b) => a[0] - b[0]), [[120, 150], [129, 159]]);
    assert.ok(!pairPositions(facts(120), { ...facts(150), edges: [{ ...facts(150).edges[0], child: 'R:api/y.go@6-10' }] }, emptyShift('api/x.go')), 'another file’s reference is no position of this one');
    assert.ok(!pairPositions(facts(120), facts(150), emptyShift('api/z.go')), 'nor are this file’s references when another file is edited');
    const answer = { entries: [{ id: 'GET /a', handler: 'fn:api/x.go@120', file: 'api/y.go', line: 2 }], skippedCompiled: [], parseErrors: [] } as unknown as EntryPointsResult;
    assert.equal(shiftResult(answer, 'api/x.go', moved)?.entries[0].handler, 'fn:api/x.go@150');
    const unknown = { entries: [{ id: 'GET /a', handler: 'fn:api/x.go@121', file: 'api/y.go', line: 2 }], skippedCompiled: [], parseErrors: [] } as unknown as EntryPointsResult;
    assert.equal(shiftResult(unknown, 'api/x.go', moved), undefined, 'an offset the renaming does not know: computed again');
  });
});
