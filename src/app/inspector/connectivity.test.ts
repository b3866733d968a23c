import { describe, expect, it } from 'vitest';
import { connectionCount, connectivityProblem, expectedConnections, switchRule } from './connectivity';

describe('switchRule', () => {
  it('gives new rules starting values and carries allowSelf', () => {
    expect(switchRule({ rule: 'all_to_all', allowSelf: true }, 'fixed_probability', 10, 10)).toEqual({ rule: 'fixed_probability', p: 0.1, allowSelf: true });
    expect(switchRule({ rule: 'all_to_all' }, 'fixed_in_degree', 4, 100)).toEqual({ rule: 'fixed_in_degree', k: 4 });
    expect(switchRule({ rule: 'fixed_probability', p: 0.2, allowSelf: true }, 'one_to_one', 4, 4)).toEqual({ rule: 'one_to_one' });
    expect(switchRule({ rule: 'one_to_one' }, 'explicit', 4, 4)).toEqual({ rule: 'explicit', pre: [], post: [] });
    const same = { rule: 'one_to_one' as const };
    expect(switchRule(same, 'one_to_one', 1, 1)).toBe(same);
  });
});

describe('connection counts', () => {
  it('knows the count of deterministic rules', () => {
    expect(connectionCount({ rule: 'all_to_all' }, 10, 10, true)).toBe(90);
    expect(connectionCount({ rule: 'all_to_all', allowSelf: true }, 10, 10, true)).toBe(100);
    expect(connectionCount({ rule: 'all_to_all' }, 3, 5, false)).toBe(15);
    expect(connectionCount({ rule: 'one_to_one' }, 5, 5, false)).toBe(5);
    expect(connectionCount({ rule: 'fixed_in_degree', k: 3 }, 10, 20, false)).toBe(60);
    expect(connectionCount({ rule: 'fixed_out_degree', k: 3 }, 10, 20, false)).toBe(30);
    expect(connectionCount({ rule: 'explicit', pre: [0, 1], post: [1, 0] }, 2, 2, true)).toBe(2);
    expect(connectionCount({ rule: 'fixed_probability', p: 0.1 }, 10, 10, false)).toBeUndefined();
    expect(expectedConnections({ rule: 'fixed_probability', p: 0.1 }, 10, 10, true)).toBe(9);
  });
  it('reports rules the engine would refuse', () => {
    expect(connectivityProblem({ rule: 'one_to_one' }, 3, 4, false)).toMatch(/equal sizes/);
    expect(connectivityProblem({ rule: 'fixed_in_degree', k: 10 }, 10, 10, true)).toMatch(/9 distinct/);
    expect(connectivityProblem({ rule: 'fixed_in_degree', k: 10 }, 10, 10, false)).toBeUndefined();
    expect(connectivityProblem({ rule: 'explicit', pre: [0, 5], post: [1, 0] }, 3, 3, false)).toMatch(/pre neuron 5/);
    expect(connectivityProblem({ rule: 'explicit', pre: [0], post: [] }, 3, 3, false)).toMatch(/pre lists 1/);
  });
});
