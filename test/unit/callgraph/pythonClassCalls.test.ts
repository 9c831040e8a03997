// Python calls whose target the service's own code holds, though the call does not name it:
// a method on a value kept in Flask's `g` for the request (`g.book = book` in a hook, then
// `g.book.close_month()` in a view) is the service's, not flask's; and constructing a class that
// defines no `__init__` runs the one a base class of the service defines.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { CallGraph } from '../../../src/core/callgraph/callGraph';
import { graphOf } from './graphOf';

const FILES: Record<string, string> = {
  'ledger/models.py': 'class Book:\n    def close_month(self):\n        return 1\n',
  'ledger/forms.py': 'class BaseForm:\n    def __init__(self, book=None):\n        self.book = book\n\n\nclass EntryForm(BaseForm):\n    pass\n\n\nclass PlainForm:\n    pass\n',
  'ledger/views.py': 'from flask import g, request\n\nfrom ledger.forms import EntryForm, PlainForm\n\n\ndef close():\n    form = EntryForm()\n    PlainForm()\n    g.book.close_month()\n    request.args.get("x")\n    return "ok"\n',
};

describe('flows: Python calls through flask.g and inherited constructors', () => {
  let root: string;
  let graph: CallGraph;
  before(async () => {
    [root, graph] = await graphOf(FILES);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('g.book.close_month → Book.close_month', () => {
    const c = graph.resolve('ledger/views.py', 'close', 'g.book.close_month');
    assert.deepEqual(c.kind === 'symbol' ? [c.file, c.symbol] : c, ['ledger/models.py', 'Book.close_month']);
  });
  it("flask's own objects stay the package's", () => {
    assert.notEqual(graph.resolve('ledger/views.py', 'close', 'request.args.get').kind, 'symbol');
  });
  it('EntryForm() runs BaseForm.__init__', () => {
    const c = graph.resolve('ledger/views.py', 'close', 'EntryForm');
    assert.deepEqual(c.kind === 'symbol' ? [c.file, c.symbol] : c, ['ledger/forms.py', 'BaseForm.__init__']);
  });
  it('a class with no constructor of ours runs none of our code', () => {
    assert.notEqual(graph.resolve('ledger/views.py', 'close', 'PlainForm').kind, 'symbol');
  });
});

describe('flows: Python methods of a module-level instance of a private class', () => {
  let root: string;
  let graph: CallGraph;
  before(async () => {
    [root, graph] = await graphOf({
      // The module also imports a database driver: its objects are not the store for that.
      'api/answers.py': 'import sqlite3\n\n\nclass _Answers:\n    def found(self, data):\n        return data\n\n\nreply = _Answers()\n',
      'api/views.py': 'from .answers import reply\n\n\ndef listing(request):\n    return reply.found([])\n',
    });
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('reply.found → _Answers.found', () => {
    const c = graph.resolve('api/views.py', 'listing', 'reply.found');
    assert.deepEqual(c.kind === 'symbol' ? [c.file, c.symbol] : c, ['api/answers.py', '_Answers.found']);
  });
});

describe('flows: Python classmethods a model inherits from a base named for type checkers', () => {
  let root: string;
  let graph: CallGraph;
  before(async () => {
    [root, graph] = await graphOf({
      // Flask-SQLAlchemy's `db.Model` is a value we cannot read; `if TYPE_CHECKING:` names the class it is.
      'app/helpers/base.py': 'class DbModelBase:\n    @classmethod\n    def find_by_id(cls, id):\n        return cls.query.get(id)\n',
      'app/config.py': 'from flask_sqlalchemy import SQLAlchemy\nfrom app.helpers.base import DbModelBase\n\ndb = SQLAlchemy(model_class=DbModelBase)\n',
      'app/models/category.py':
        'from typing import TYPE_CHECKING\nfrom app.config import db\n\nModel = db.Model\nif TYPE_CHECKING:\n    from app.helpers.base import DbModelBase\n\n    Model = DbModelBase\n\n\nclass Category(Model):\n    name = "x"\n',
      // The run-time binding alone says nothing about the class: no method of ours is guessed for it.
      'app/models/tag.py': 'from app.config import db\n\nModel = db.Model\n\n\nclass Tag(Model):\n    name = "x"\n',
      // Another model defines its own `find_by_id`: the name alone does not tell which one runs.
      'app/models/expense.py': 'class Expense:\n    @classmethod\n    def find_by_id(cls, id):\n        return None\n',
      'app/models/__init__.py': 'from .category import Category\nfrom .tag import Tag\nfrom .expense import Expense\n',
      'app/views.py': 'from app.models import Category, Tag\n\n\ndef show(id):\n    Tag.find_by_id(id)\n    return Category.find_by_id(id)\n',
    });
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('Category.find_by_id → DbModelBase.find_by_id (through the package re-export)', () => {
    const c = graph.resolve('app/views.py', 'show', 'Category.find_by_id');
    assert.deepEqual(c.kind === 'symbol' ? [c.file, c.symbol] : c, ['app/helpers/base.py', 'DbModelBase.find_by_id']);
  });
  it('a class whose base is only the run-time value stays unresolved', () => {
    const c = graph.resolve('app/views.py', 'show', 'Tag.find_by_id');
    assert.notEqual(c.kind, 'symbol', JSON.stringify(c));
  });
});
