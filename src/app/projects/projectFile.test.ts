import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emptyProject } from '../store/document';
import { isOpenableProject, projectFileName, readProjectText, serializeProject } from './projectFile';

const exampleText = (name: string) => readFileSync(new URL(`../../../examples/${name}`, import.meta.url), 'utf8');

describe('reading project files', () => {
  it('opens a valid file as written (no defaults filled in, key order kept)', () => {
    const text = exampleText('cuba.json');
    const r = readProjectText(text, 'cuba.json');
    expect(r.ok).toBe(true);
    if (r.ok) expect(serializeProject(r.doc)).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  });

  it('accepts a byte-order mark', () => {
    expect(readProjectText(`\uFEFF${exampleText('LIF.json')}`, 'LIF.json').ok).toBe(true);
  });

  it('names file, line:column, JSON path and message for a schema error', () => {
    const text = exampleText('default.json').replace(/"size": \d+/, '"size": -3');
    const r = readProjectText(text, 'mine.json');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const line = text.split('\n').findIndex((l) => l.includes('"size": -3')) + 1;
      expect(r.lines[0]).toMatch(new RegExp(`^mine\\.json:${line}:\\d+: \\$\\.populations\\[0\\]\\.size: expected`));
      expect(r.issues[0]).toMatchObject({ path: '$.populations[0].size', line });
    }
  });

  it('gives line and column of a JSON syntax error', () => {
    const r = readProjectText('{\n  "format": "spikeflow-project",\n  "version": 1,\n}', 'bad.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.lines[0]).toMatch(/^bad\.json:4:1: invalid JSON: trailing comma/);
  });

  it('says when the file is empty', () => {
    const r = readProjectText('   ', 'empty.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.lines[0]).toMatch(/empty\.json is empty/);
  });
});

describe('writing project files', () => {
  it('pretty-prints with two spaces and a final newline', () => {
    const doc = emptyProject();
    expect(serializeProject(doc)).toBe(`${JSON.stringify(doc, null, 2)}\n`);
    expect(serializeProject(doc)).toContain('\n  "format": "spikeflow-project"');
  });

  it('names the file after the project', () => {
    expect(projectFileName({ name: 'CUBA network (Brette et al. 2007, benchmark 2)' })).toBe('CUBA network (Brette et al. 2007, benchmark 2).json');
    expect(projectFileName({ name: 'a/b: c?*' })).toBe('a-b- c-.json');
    expect(projectFileName({ name: '  ' })).toBe('project.json');
    expect(projectFileName({})).toBe('project.json');
    expect(projectFileName({ name: '..hidden' })).toBe('hidden.json');
    expect(projectFileName({ name: 'x'.repeat(300) })).toHaveLength(125);
  });
});

describe('which invalid documents the editor can still show', () => {
  const base = JSON.parse(exampleText('default.json'));
  it('a document with cross-reference errors (an edit in progress) is openable', () => {
    expect(isOpenableProject({ ...base, stimuli: [{ ...base.stimuli[0], target: 'nobody' }] })).toBe(true);
  });
  it('wrong format, newer version, missing lists or non-object items are not', () => {
    expect(isOpenableProject({ ...base, format: 'other' })).toBe(false);
    expect(isOpenableProject({ ...base, version: 2 })).toBe(false);
    expect(isOpenableProject({ ...base, populations: undefined })).toBe(false);
    expect(isOpenableProject({ ...base, populations: [3] })).toBe(false);
    expect(isOpenableProject({ ...base, projections: [{ id: 'p', pre: 'a', post: 'b', synapse: 'S' }] })).toBe(false);
    expect(isOpenableProject(null)).toBe(false);
  });
});
