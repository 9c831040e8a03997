// Two Java callees a resource method's flow met in a real service (keywhiz) and read as unresolved:
// a field whose class, as imported, is a handle on the database (`DSLContext jooq`,
// `EntityManager em`) is the store, while a value class of a store's package (Spring Data's
// `Pageable`) is not; and a bare call of a method brought in by `import static` is that class's
// static method in the repository.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { CallGraph } from '../../../src/core/callgraph/callGraph';
import { graphOf } from './graphOf';

describe('flows: Java store handles by their imported class, and static imports', () => {
  let root: string;
  let graph: CallGraph;
  before(async () => {
    [root, graph] = await graphOf({
      'src/main/java/org/acme/Trace.java': 'package org.acme;\n\npublic final class Trace {\n  public static void mark(String key, String value) {\n  }\n}\n',
      'src/main/java/org/acme/api/OrderResource.java': [
        'package org.acme.api;',
        '',
        'import jakarta.persistence.EntityManager;',
        'import org.jooq.DSLContext;',
        'import org.springframework.data.domain.Pageable;',
        '',
        'import static org.acme.Trace.mark;',
        '',
        'public class OrderResource {',
        '  private final DSLContext sql;',
        '  private final EntityManager entities;',
        '',
        '  public OrderResource(DSLContext sql, EntityManager entities) {',
        '    this.sql = sql;',
        '    this.entities = entities;',
        '  }',
        '',
        '  public int list(Pageable page) {',
        '    mark("page", "1");',
        '    entities.flush();',
        '    page.getPageNumber();',
        '    return sql.fetchCount(null);',
        '  }',
        '}',
        '',
      ].join('\n'),
    });
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const file = 'src/main/java/org/acme/api/OrderResource.java';
  it('a DSLContext field and an EntityManager field are the store', () => {
    assert.equal(graph.resolve(file, 'OrderResource.list', 'sql.fetchCount').kind, 'store');
    assert.equal(graph.resolve(file, 'OrderResource.list', 'entities.flush').kind, 'store');
  });
  it('a Pageable parameter is not', () => {
    assert.notEqual(graph.resolve(file, 'OrderResource.list', 'page.getPageNumber').kind, 'store');
  });
  it('a statically imported method is the class method of the repository', () => {
    const hit = graph.resolve(file, 'OrderResource.list', 'mark');
    assert.equal(hit.kind, 'symbol');
    assert.equal(hit.kind === 'symbol' ? hit.symbol : '', 'Trace.mark');
  });
});
