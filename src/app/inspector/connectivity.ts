/**
 * Connectivity rules as the projection inspector edits them (networkSchema.ts Connectivity): rule
 * labels, switching rules with sensible values, and how many connections a rule makes when that is
 * known without drawing (per-connection arrays must have exactly that many values).
 */
import type { ProjectionDoc } from '../store/document';

export type ConnectivityDoc = ProjectionDoc['connectivity'];
export type Rule = ConnectivityDoc['rule'];

export const RULES: readonly Rule[] = ['all_to_all', 'one_to_one', 'fixed_probability', 'fixed_in_degree', 'fixed_out_degree', 'explicit'];

export const RULE_LABELS: Readonly<Record<Rule, string>> = {
  all_to_all: 'all to all',
  one_to_one: 'one to one',
  fixed_probability: 'fixed probability',
  fixed_in_degree: 'fixed in-degree',
  fixed_out_degree: 'fixed out-degree',
  explicit: 'explicit list',
};

export function hasAllowSelf(rule: Rule): boolean {
  return rule === 'all_to_all' || rule === 'fixed_probability' || rule === 'fixed_in_degree' || rule === 'fixed_out_degree';
}

/** The connectivity after switching to `rule`: `allowSelf` carries over; p and k get starting values. */
export function switchRule(conn: ConnectivityDoc, rule: Rule, preSize: number, postSize: number): ConnectivityDoc {
  if (conn.rule === rule) return conn;
  const allowSelf = 'allowSelf' in conn && conn.allowSelf ? { allowSelf: true } : {};
  switch (rule) {
    case 'all_to_all':
      return { rule, ...allowSelf };
    case 'one_to_one':
      return { rule };
    case 'fixed_probability':
      return { rule, p: 0.1, ...allowSelf };
    case 'fixed_in_degree':
      return { rule, k: Math.max(0, Math.min(10, preSize)), ...allowSelf };
    case 'fixed_out_degree':
      return { rule, k: Math.max(0, Math.min(10, postSize)), ...allowSelf };
    case 'explicit':
      return { rule, pre: [], post: [] };
  }
}

/**
 * The number of connections, when the rule fixes it (undefined for random rules). Self-connections
 * are only excluded within one population.
 */
export function connectionCount(conn: ConnectivityDoc, preSize: number, postSize: number, samePopulation: boolean): number | undefined {
  const noSelf = samePopulation && !('allowSelf' in conn && conn.allowSelf);
  switch (conn.rule) {
    case 'all_to_all':
      return preSize * postSize - (noSelf ? Math.min(preSize, postSize) : 0);
    case 'one_to_one':
      return preSize === postSize ? preSize : undefined;
    case 'fixed_in_degree':
      return conn.k * postSize;
    case 'fixed_out_degree':
      return conn.k * preSize;
    case 'explicit':
      return Math.min(conn.pre.length, conn.post.length);
    case 'fixed_probability':
      return undefined;
  }
}

/** The expected number for a random rule, for the summary line. */
export function expectedConnections(conn: ConnectivityDoc, preSize: number, postSize: number, samePopulation: boolean): number | undefined {
  if (conn.rule !== 'fixed_probability') return connectionCount(conn, preSize, postSize, samePopulation);
  const pairs = preSize * postSize - (samePopulation && !conn.allowSelf ? Math.min(preSize, postSize) : 0);
  return Math.round(pairs * conn.p);
}

/** Rule problems the engine would refuse. */
export function connectivityProblem(conn: ConnectivityDoc, preSize: number, postSize: number, samePopulation: boolean): string | undefined {
  const noSelf = samePopulation && !('allowSelf' in conn && conn.allowSelf);
  switch (conn.rule) {
    case 'one_to_one':
      return preSize === postSize ? undefined : `one to one needs equal sizes (pre ${preSize}, post ${postSize})`;
    case 'fixed_in_degree': {
      const available = preSize - (noSelf ? 1 : 0);
      return conn.k > available ? `k = ${conn.k} is more than the ${available} distinct pre neurons available` : undefined;
    }
    case 'fixed_out_degree': {
      const available = postSize - (noSelf ? 1 : 0);
      return conn.k > available ? `k = ${conn.k} is more than the ${available} distinct post neurons available` : undefined;
    }
    case 'explicit': {
      if (conn.pre.length !== conn.post.length) return `pre lists ${conn.pre.length} neurons but post lists ${conn.post.length}`;
      const badPre = conn.pre.find((i) => i >= preSize);
      if (badPre !== undefined) return `pre neuron ${badPre} does not exist (size ${preSize})`;
      const badPost = conn.post.find((i) => i >= postSize);
      if (badPost !== undefined) return `post neuron ${badPost} does not exist (size ${postSize})`;
      return undefined;
    }
    default:
      return undefined;
  }
}
