import * as assert from 'node:assert/strict';
import { createAnchor } from '../../../src/core/anchor';
import { DeepDiveError } from '../../../src/core/errors';
import { addNote, deleteNote, editNote, linkNoteToQuestion, reattach, reattachNote, replyToNote, resolveNote, shortId } from '../../../src/core/notes';
import { AUTH } from '../anchor/fixtures';
import { emptyDive, NOW } from './helpers';

const anchor = createAnchor('src/auth.ts', AUTH, { start: 6, end: 12 });

describe('note operations', () => {
  it('adds a note with a short unique id, leaving the input untouched', () => {
    const dive = emptyDive();
    const frozen = JSON.stringify(dive);
    const { dive: next, note } = addNote(dive, { kind: 'Risk', body: 'No lockout after failed logins', severity: 'high', impact: 'Account takeover', target: { type: 'code', anchor } }, NOW);
    assert.equal(JSON.stringify(dive), frozen);
    assert.match(note.id, /^n-[0-9a-z]{6}$/);
    assert.deepEqual(next.notes, [{ id: note.id, kind: 'risk', status: 'open', body: 'No lockout after failed logins', severity: 'high', impact: 'Account takeover', target: { type: 'code', anchor }, created: NOW.toISOString() }]);
  });

  it('generates ids that do not collide with taken ones', () => {
    let calls = 0;
    // A random source that first repeats a taken id.
    const rnd = (n: number) => Buffer.alloc(n, calls++ === 0 ? 0 : 1);
    assert.equal(shortId('n', ['n-000000'], rnd), 'n-111111');
  });

  it('refuses unknown kinds and severities and empty bodies, naming the allowed values', () => {
    const dive = emptyDive();
    assert.throws(() => addNote(dive, { kind: 'bug', body: 'x', target: { type: 'dive' } }), /unknown note kind "bug" \(use one of: decision, gap, risk, question, insight\)/);
    assert.throws(() => addNote(dive, { kind: 'gap', body: 'x', severity: 'urgent', target: { type: 'dive' } }), /unknown severity "urgent"/);
    assert.throws(() => addNote(dive, { kind: 'gap', body: '  ', target: { type: 'dive' } }), DeepDiveError);
  });

  it('linking a note to a question marks the question answered; deleting the note reopens it', () => {
    let { dive, note } = addNote(emptyDive(), { kind: 'insight', body: 'Revoked in Redis', target: { type: 'dive' }, links: { question: 'q1' } }, NOW);
    assert.deepEqual(dive.questions[0], { id: 'q1', text: 'How are sessions revoked?', status: 'answered', answeredBy: [note.id] });
    assert.equal(dive.notes[0].links?.question, 'q1');
    const second = addNote(dive, { kind: 'insight', body: 'Also on logout', target: { type: 'dive' } }, NOW);
    dive = linkNoteToQuestion(second.dive, second.note.id, 'q1', NOW);
    dive = deleteNote(dive, note.id);
    assert.deepEqual(dive.questions[0], { id: 'q1', text: 'How are sessions revoked?', status: 'answered', answeredBy: [second.note.id] });
    dive = deleteNote(dive, second.note.id);
    assert.deepEqual(dive.questions[0], { id: 'q1', text: 'How are sessions revoked?', status: 'open' });
    assert.equal(dive.notes.length, 0);
    note = addNote(dive, { kind: 'gap', body: 'x', target: { type: 'dive' } }).note;
    assert.throws(() => addNote(dive, { kind: 'gap', body: 'x', target: { type: 'dive' }, links: { question: 'q9' } }), /no question "q9"/);
  });

  it('moving a note to another question reopens the first one', () => {
    const { dive, note } = addNote(emptyDive(), { kind: 'insight', body: 'x', target: { type: 'dive' }, links: { question: 'q1' } }, NOW);
    const moved = linkNoteToQuestion(dive, note.id, 'q2', NOW);
    assert.equal(moved.questions[0].status, 'open');
    assert.equal(moved.questions[1].status, 'answered');
    assert.equal(moved.notes[0].links?.question, 'q2');
  });

  it('edits, replies, resolves and reopens', () => {
    const { dive, note } = addNote(emptyDive(), { kind: 'gap', body: 'old', severity: 'low', target: { type: 'module', module: 'src/store' } }, NOW);
    let next = editNote(dive, note.id, { body: 'new', kind: 'risk', severity: null, impact: 'Outage' }, NOW);
    assert.deepEqual([next.notes[0].body, next.notes[0].kind, next.notes[0].severity, next.notes[0].impact, next.notes[0].updated], ['new', 'risk', undefined, 'Outage', NOW.toISOString()]);
    const r = replyToNote(next, note.id, 'Asked Dana: intended', 'me', NOW);
    assert.match(r.reply.id, /^r-/);
    assert.deepEqual(r.dive.notes[0].replies, [{ id: r.reply.id, body: 'Asked Dana: intended', author: 'me', created: NOW.toISOString() }]);
    next = resolveNote(r.dive, note.id, true, NOW);
    assert.equal(next.notes[0].status, 'resolved');
    assert.equal(resolveNote(next, note.id, false, NOW).notes[0].status, 'open');
    assert.throws(() => editNote(next, 'n-nope', { body: 'x' }), /no note "n-nope" in deep dive "auth"/);
  });

  it('re-attaches an orphaned note to new code, keeping everything else', () => {
    const { dive, note } = addNote(emptyDive(), { kind: 'decision', body: 'x', target: { type: 'code', anchor } }, NOW);
    const fresh = createAnchor('src/login.ts', 'a\nb\nc\n', { start: 2, end: 2 });
    assert.deepEqual(reattach(note, fresh, NOW), { ...note, target: { type: 'code', anchor: fresh }, updated: NOW.toISOString() });
    assert.deepEqual(reattachNote(dive, note.id, fresh, NOW).notes[0].target, { type: 'code', anchor: fresh });
  });
});
