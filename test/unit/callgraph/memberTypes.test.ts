// The map facts the call graph leans on: call texts without keywords, and members' declared types.
import * as assert from 'node:assert/strict';
import { parseFile } from '../../../src/core/map/extractFile';
import type { LanguageId } from '../../../src/core/parse/languages';
import { plain } from '../plain';

describe('map facts for the call graph', () => {
  it('`await x.query<T>(...)` yields the callee `x.query`, not the keyword glued on', async () => {
    const facts = await parseFile('db.ts', 'async function one() {\n  const r = await pool.query<Row>(sql, []);\n  return await query<T>(a);\n}\n', 'typescript');
    assert.deepEqual(facts.calls.map((c) => c.callee), ['pool.query', 'query']);
  });

  const cases: { name: string; lang: LanguageId; file: string; text: string; want: Record<string, Record<string, string>> }[] = [
    {
      name: 'TypeScript constructor parameter properties, fields and module instances',
      lang: 'typescript',
      file: 'a.ts',
      text: 'export class UsersController {\n  private cache: Cache<string>;\n  constructor(private readonly users: UserService, plain: Other) {}\n}\nexport const userService = new UserService();\n',
      want: { '': { userService: 'UserService' }, UsersController: { cache: 'Cache', users: 'UserService' } },
    },
    {
      name: 'TypeScript: an instance made by the default export',
      lang: 'typescript',
      file: 'store.ts',
      text: 'class ShelfStore {\n  list() {\n    return [];\n  }\n}\nexport default new ShelfStore();\n',
      want: { '': { default: 'ShelfStore' } },
    },
    {
      name: 'Go struct fields, qualified and embedded',
      lang: 'go',
      file: 'h.go',
      text: 'package http\n\ntype Handler struct {\n\torders *orders.Service\n\tstore.Reader\n\tn int\n}\n',
      want: { Handler: { orders: 'orders.Service', Reader: 'store.Reader' } },
    },
    {
      name: 'Java fields and record components',
      lang: 'java',
      file: 'A.java',
      text: 'class InvoiceService {\n  private final InvoiceRepository invoices;\n  private int n;\n}\nrecord Deps(PaymentClient client, String name) {}\n',
      want: { InvoiceService: { invoices: 'InvoiceRepository' }, Deps: { client: 'PaymentClient' } },
    },
    {
      name: 'Python attributes set in __init__ from a class call or a typed parameter',
      lang: 'python',
      file: 'a.py',
      text: 'class ItemService:\n    def __init__(self, db: Session) -> None:\n        self.db = db\n        self.repo = ItemRepository(db)\n        self.n = 3\n\nservice = ItemService(None)\n',
      want: { '': { service: 'ItemService' }, ItemService: { db: 'Session', repo: 'ItemRepository' } },
    },
    {
      name: 'base classes as the member `super`, in every language that has them',
      lang: 'java',
      file: 'C.java',
      text: 'class DeviceController extends BaseController<Device> implements Api {\n}\n',
      want: { DeviceController: { super: 'BaseController' } },
    },
    {
      name: 'TypeScript extends (not implements)',
      lang: 'typescript',
      file: 'c.ts',
      text: 'export class Admin extends Base<T> implements Api {}\nclass Plain implements Api {}\n',
      want: { Admin: { super: 'Base' } },
    },
    {
      name: 'Python: the first base other than object',
      lang: 'python',
      file: 'c.py',
      text: 'class Track(PathMixin, Model):\n    pass\n\nclass Plain(object):\n    pass\n',
      want: { Track: { super: 'PathMixin' } },
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const facts = await parseFile(c.file, c.text, c.lang);
      // Built-in types (`int`, `String`, `3`) are not classes and are left out.
      assert.deepEqual(plain(facts.memberTypes), c.want);
    });
  }
});
