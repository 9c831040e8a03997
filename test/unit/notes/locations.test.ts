import * as assert from 'node:assert/strict';
import { createAnchor } from '../../../src/core/anchor';
import { addNote, createFlow, parseCodeLocation, resolveNoteLocations, resolveStepLocations } from '../../../src/core/notes';
import * as F from '../anchor/fixtures';
import { emptyDive, NOW } from './helpers';

describe('resolveNoteLocations', () => {
  const A = 'src/auth.ts';
  function dive() {
    let d = emptyDive();
    d = addNote(d, { id: 'n-login', kind: 'risk', body: 'no lockout', target: { type: 'code', anchor: createAnchor(A, F.AUTH, { start: 6, end: 12 }, F.AUTH_SYMBOLS) } }, NOW).dive;
    d = addNote(d, { id: 'n-logout', kind: 'gap', body: 'not audited everywhere', target: { type: 'code', anchor: createAnchor(A, F.AUTH, { start: 14, end: 17 }, F.AUTH_SYMBOLS) } }, NOW).dive;
    d = addNote(d, { id: 'n-mod', kind: 'insight', body: 'module-wide', target: { type: 'module', module: 'src' } }, NOW).dive;
    d = createFlow(d, { id: 'f-1', title: 'logout', steps: [{ anchor: createAnchor(A, F.AUTH, { start: 15, end: 15 }) }] }, NOW).dive;
    return d;
  }

  it('reports every note where its code is now, orphaned ones with their last text', () => {
    const files: Record<string, string> = { [A]: F.AUTH_LOGIN_DELETED };
    const got = resolveNoteLocations(dive(), (p) => files[p]);
    assert.deepEqual(got[0], { id: 'n-login', kind: 'risk', status: 'open', body: 'no lockout', target: 'code', file: A, line: 6, endLine: 12, anchor: 'orphaned', confidence: 0, text: createAnchor(A, F.AUTH, { start: 6, end: 12 }).text });
    assert.deepEqual([got[1].file, got[1].line, got[1].endLine, got[1].anchor], [A, 6, 9, 'moved']);
    assert.deepEqual(got[2], { id: 'n-mod', kind: 'insight', status: 'open', body: 'module-wide', target: 'module' });
  });

  it('follows code into other files listed, and symbols when given', () => {
    const files: Record<string, string> = { [A]: F.AUTH_WITHOUT_LOGOUT, 'src/sessions.ts': F.SESSIONS_WITH_LOGOUT };
    const symbols: Record<string, ReturnType<typeof F.sym>[]> = { [A]: F.AUTH_WITHOUT_LOGOUT_SYMBOLS, 'src/sessions.ts': F.SESSIONS_WITH_LOGOUT_SYMBOLS };
    const got = resolveNoteLocations(dive(), (p) => files[p], { files: ['src/sessions.ts'], symbols: (p) => symbols[p] });
    assert.deepEqual([got[1].file, got[1].line, got[1].endLine, got[1].anchor, got[1].method], ['src/sessions.ts', 6, 9, 'moved', 'symbol']);
    const steps = resolveStepLocations(dive(), (p) => files[p], { files: ['src/sessions.ts'] });
    assert.deepEqual([steps[0].file, steps[0].line, steps[0].anchor], ['src/sessions.ts', 7, 'moved']);
  });

  it('treats an unreadable file as gone: the note is orphaned, not lost', () => {
    const got = resolveNoteLocations(dive(), () => {
      throw new Error('EACCES');
    });
    assert.deepEqual(got.map((l) => l.anchor), ['orphaned', 'orphaned', undefined]);
  });
});

describe('parseCodeLocation', () => {
  it('parses FILE:LINE and FILE:START-END, refusing the rest in one line', () => {
    assert.deepEqual(parseCodeLocation('src/a.ts:12'), { file: 'src/a.ts', range: { start: 12, end: 12 } });
    assert.deepEqual(parseCodeLocation('C:/x/a.ts:3-9'), { file: 'C:/x/a.ts', range: { start: 3, end: 9 } });
    assert.throws(() => parseCodeLocation('src/a.ts'), /expected FILE:LINE or FILE:START-END, got "src\/a.ts"/);
    assert.throws(() => parseCodeLocation('src/a.ts:9-3'), /src\/a.ts: range 9-3 ends before it starts/);
    assert.throws(() => parseCodeLocation('src/a.ts:0'), /lines start at 1/);
  });
});
