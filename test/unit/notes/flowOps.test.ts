import * as assert from 'node:assert/strict';
import { createAnchor } from '../../../src/core/anchor';
import { addStep, createFlow, deleteFlow, moveStep, nextStep, previousStep, removeStep, renameFlow, renameStep, setFlowStatus, visitStep, addNote } from '../../../src/core/notes';
import type { DeepDive } from '../../../src/core/model/types';
import { AUTH } from '../anchor/fixtures';
import { emptyDive, NOW } from './helpers';

const at = (start: number, end: number) => createAnchor('src/auth.ts', AUTH, { start, end });

function threeSteps(): { dive: DeepDive; id: string } {
  const { dive, flow } = createFlow(emptyDive(), { title: 'POST /login', entry: 'route:POST /login', steps: [{ anchor: at(6, 12), title: 'login' }, { anchor: at(7, 7) }, { anchor: at(11, 11), title: 'session' }] }, NOW);
  return { dive, id: flow.id };
}

describe('flow operations', () => {
  it('creates a flow from suggested steps, untraced, with unique step ids', () => {
    const { dive, id } = threeSteps();
    const flow = dive.flows[0];
    assert.match(id, /^f-[0-9a-z]{6}$/);
    assert.equal(flow.status, 'untraced');
    assert.equal(flow.entry, 'route:POST /login');
    assert.equal(new Set(flow.steps.map((s) => s.id)).size, 3);
    assert.deepEqual(flow.steps.map((s) => s.title), ['login', undefined, 'session']);
  });

  it('adds, moves, renames and removes steps by id or 1-based position', () => {
    const start = threeSteps();
    const id = start.id;
    let dive = start.dive;
    const added = addStep(dive, id, { anchor: at(15, 15), title: 'revoke' }, 1, NOW);
    dive = added.dive;
    assert.deepEqual(dive.flows[0].steps.map((s) => s.title), ['login', 'revoke', undefined, 'session']);
    dive = moveStep(dive, id, added.step.id, 3, NOW);
    assert.deepEqual(dive.flows[0].steps.map((s) => s.title), ['login', undefined, 'session', 'revoke']);
    dive = renameStep(dive, id, '2', 'find user', NOW);
    dive = removeStep(dive, id, '1', NOW);
    assert.deepEqual(dive.flows[0].steps.map((s) => s.title), ['find user', 'session', 'revoke']);
    dive = renameFlow(dive, id, 'Login', NOW);
    assert.equal(dive.flows[0].title, 'Login');
    assert.throws(() => removeStep(dive, id, '9'), /flow "f-[0-9a-z]+" has 3 steps, no step 9/);
    assert.throws(() => moveStep(dive, id, '1', 5), /position 6 is outside flow/);
    assert.throws(() => removeStep(dive, 'f-nope', '1'), /no flow "f-nope"/);
  });

  it('steps next and previous with a "step k/n" label', () => {
    const { dive } = threeSteps();
    const flow = dive.flows[0];
    const first = nextStep(flow)!;
    assert.equal(first.label, 'step 1/3 · login');
    const second = nextStep(flow, first.step.id)!;
    assert.equal(second.label, 'step 2/3 · POST /login');
    assert.equal(nextStep(flow, flow.steps[2].id), undefined);
    assert.equal(previousStep(flow, second.step.id)!.index, 0);
    assert.equal(previousStep(flow, first.step.id), undefined);
    assert.equal(previousStep(flow)!.index, 2);
  });

  it('goes untraced → tracing on the first visit, understood when the reader says so', () => {
    const start = threeSteps();
    const id = start.id;
    let dive = start.dive;
    dive = visitStep(dive, id, '2', NOW);
    assert.equal(dive.flows[0].status, 'tracing');
    assert.deepEqual(dive.flows[0].steps.map((s) => s.visited === true), [false, true, false]);
    dive = setFlowStatus(dive, id, 'understood', NOW);
    dive = visitStep(dive, id, '3', NOW);
    assert.equal(dive.flows[0].status, 'understood');
    assert.throws(() => setFlowStatus(dive, id, 'done'), /unknown flow status "done" \(use one of: untraced, tracing, understood\)/);
  });

  it('deleting a flow keeps the notes on it, as notes on the whole deep dive', () => {
    const { dive, id } = threeSteps();
    const withNote = addNote(dive, { kind: 'gap', body: 'no rate limit', target: { type: 'flow', flow: id } }, NOW).dive;
    const after = deleteFlow(withNote, id);
    assert.equal(after.flows.length, 0);
    assert.deepEqual(after.notes[0].target, { type: 'dive' });
    assert.equal(after.notes[0].body, 'no rate limit');
  });
});
