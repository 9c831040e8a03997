import type { DeepDive } from '../../../src/core/model/types';

export function emptyDive(): DeepDive {
  return {
    schema: 'deepdive/1',
    id: 'auth',
    title: 'Auth service',
    created: '2025-01-01T00:00:00.000Z',
    scope: { include: ['src/**'], exclude: [] },
    questions: [
      { id: 'q1', text: 'How are sessions revoked?', status: 'open' },
      { id: 'q2', text: 'Where are passwords hashed?', status: 'open' },
    ],
    flows: [],
    notes: [],
    reading: {},
  };
}

export const NOW = new Date('2025-02-03T04:05:06.000Z');
