/**
 * A projection's connectivity rule and its fields: p (with a slider), k, allowSelf; explicit lists
 * show how many connections they hold. Also says how many connections the rule makes.
 */
import { useId } from 'react';
import { projectStore } from '../store';
import type { ProjectionDoc } from '../store/document';
import { connectivityProblem, expectedConnections, hasAllowSelf, RULE_LABELS, RULES, switchRule, type ConnectivityDoc, type Rule } from './connectivity';
import { Field } from './Field';
import { NumberInput } from './NumberInput';
import { Slider } from './Slider';

const dispatch = projectStore.getState().dispatch;

export interface ConnectivityFieldsProps {
  readonly proj: ProjectionDoc;
  readonly preSize: number;
  readonly postSize: number;
}

export function ConnectivityFields({ proj, preSize, postSize }: ConnectivityFieldsProps) {
  const conn = proj.connectivity;
  const same = proj.pre === proj.post;
  const ids = { rule: useId(), p: useId(), k: useId(), self: useId() };
  const set = (connectivity: ConnectivityDoc, coalesce?: string) => dispatch({ type: 'updateProjection', id: proj.id, patch: { connectivity } }, coalesce ? { coalesce } : undefined);
  const expected = expectedConnections(conn, preSize, postSize, same);
  const count = expected === undefined ? undefined : `${conn.rule === 'fixed_probability' ? '≈ ' : ''}${expected.toLocaleString('en-US')} connections`;
  return (
    <>
      <Field label="rule" htmlFor={ids.rule} hint={count} problem={connectivityProblem(conn, preSize, postSize, same)}>
        <select id={ids.rule} value={conn.rule} data-testid="projection-rule" onChange={(e) => set(switchRule(conn, e.target.value as Rule, preSize, postSize))}>
          {RULES.map((r) => (
            <option key={r} value={r}>
              {RULE_LABELS[r]}
            </option>
          ))}
        </select>
      </Field>
      {conn.rule === 'fixed_probability' && (
        <Field label="p" htmlFor={ids.p} hint="probability of each pair">
          <span className="insp-inline-stack">
            <NumberInput
              id={ids.p}
              value={conn.p}
              constraints={{ min: 0, max: 1 }}
              onChange={(p) => p !== undefined && set({ ...conn, p }, `rule-p:${proj.id}`)}
              ariaLabel="connection probability p"
              testid="projection-p"
            />
            <Slider value={conn.p} base={{ min: 0, max: 1 }} unit="" onChange={(p) => set({ ...conn, p }, `rule-p:${proj.id}`)} ariaLabel="connection probability slider" testid="projection-p-slider" />
          </span>
        </Field>
      )}
      {(conn.rule === 'fixed_in_degree' || conn.rule === 'fixed_out_degree') && (
        <Field label="k" htmlFor={ids.k} hint={conn.rule === 'fixed_in_degree' ? 'connections into each post neuron' : 'connections out of each pre neuron'}>
          <NumberInput
            id={ids.k}
            value={conn.k}
            constraints={{ integer: true, min: 0 }}
            onChange={(k) => k !== undefined && set({ ...conn, k }, `rule-k:${proj.id}`)}
            ariaLabel="connections per neuron k"
            testid="projection-k"
          />
        </Field>
      )}
      {hasAllowSelf(conn.rule) && same && (
        <Field label="self-connections" htmlFor={ids.self} hint="allow i → i within the population">
          <input
            id={ids.self}
            type="checkbox"
            checked={'allowSelf' in conn && conn.allowSelf === true}
            data-testid="projection-allowSelf"
            onChange={(e) => set({ ...conn, allowSelf: e.target.checked } as ConnectivityDoc)}
          />
        </Field>
      )}
      {conn.rule === 'explicit' && (
        <Field label="list">
          <span className="insp-readonly" data-testid="projection-explicit">
            {conn.pre.length.toLocaleString('en-US')} pre → {conn.post.length.toLocaleString('en-US')} post indices
          </span>
        </Field>
      )}
    </>
  );
}
