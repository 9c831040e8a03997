// A class of ours that extends a package's class and does not declare the method called on it
// (`this.loans.findById(id)`, LoanRepository extends the ORM's CrudRepository): the package's base
// runs it. Before, the call went to another class's method of the same name (the controller's own
// `findById`), as if the type were an interface to find an implementation of.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { CallGraph } from '../../../src/core/callgraph/callGraph';
import { graphOf } from './graphOf';

const FILES: Record<string, string> = {
  'package.json': '{ "name": "lending", "dependencies": { "@loopback/repository": "7.0.0" } }\n',
  'src/loanRepository.ts': [
    "import { CrudRepository } from '@loopback/repository';",
    'export class LoanRepository extends CrudRepository<Loan> {',
    '  overdue() {',
    '    return [];',
    '  }',
    '}',
    'export class Loan {}',
    '',
  ].join('\n'),
  'src/loanController.ts': [
    "import { LoanRepository } from './loanRepository';",
    'export class LoanController {',
    '  constructor(private loans: LoanRepository) {}',
    '  async findById(id: string) {',
    '    return this.loans.findById(id);',
    '  }',
    '  async overdue() {',
    '    return this.loans.overdue();',
    '  }',
    '}',
    '',
  ].join('\n'),
};

describe('call graph: a method a class inherits from a package', () => {
  let root = '';
  let graph: CallGraph;
  before(async () => {
    [root, graph] = await graphOf(FILES);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it("a repository's inherited findById is the store, not the controller's findById", () => {
    assert.equal(graph.resolve('src/loanController.ts', 'LoanController.findById', 'this.loans.findById', 5).kind, 'store');
  });

  it('a method the class declares itself is still its own', () => {
    const c = graph.resolve('src/loanController.ts', 'LoanController.overdue', 'this.loans.overdue', 8);
    assert.equal(c.kind === 'symbol' ? c.symbol : c.kind, 'LoanRepository.overdue');
  });
});
