import { deflateSync, strToU8 } from 'fflate';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ProjectDoc } from '../store/document';
import type { AutosaveRecord } from './autosave';
import { bytesToBase64Url, encodeShareData } from './shareLink';
import { decideStartup, pickAutosave } from './startup';

const example = (name: string) => JSON.parse(readFileSync(new URL(`../../../examples/${name}`, import.meta.url), 'utf8')) as ProjectDoc;
const record = (doc: unknown, tabId: string, savedAt: number, dirty = true): AutosaveRecord => ({
  kind: 'spikeflow-autosave',
  tabId,
  savedAt,
  name: (doc as ProjectDoc)?.name ?? '',
  text: typeof doc === 'string' ? doc : JSON.stringify(doc),
  dirty,
});

const lif = example('LIF.json');
const cuba = example('cuba.json');
const NOW = Date.UTC(2025, 0, 2, 3, 4);

describe('which autosave a tab restores', () => {
  const a = record(lif, 'A', 100);
  const b = record(cuba, 'B', 200);
  it('its own slot after a reload, even when another tab saved later', () => {
    expect(pickAutosave([a, b], 'A')).toBe(a);
  });
  it('the newest slot in a new tab (or when its own slot is gone)', () => {
    expect(pickAutosave([a, b], null)).toBe(b);
    expect(pickAutosave([a, b], 'C')).toBe(b);
  });
  it('nothing when there is nothing', () => {
    expect(pickAutosave([], 'A')).toBeNull();
  });
});

describe('the startup decision', () => {
  it('no link, no autosave: the default example, nothing said', () => {
    const plan = decideStartup({ hash: '', previousTabId: null, autosaves: [], now: NOW });
    expect(plan).toMatchObject({ source: 'default', doc: null, base: null, clearHash: false, errors: [], warnings: [], info: null, recovery: [] });
  });

  it('a valid autosave: opened as saved, with its unsaved-to-file flag', () => {
    const plan = decideStartup({ hash: '', previousTabId: 'A', autosaves: [record(lif, 'A', 100, false)], now: NOW });
    expect(plan.source).toBe('autosave');
    expect(plan.doc).toEqual(lif);
    expect(plan.dirty).toBe(false);
    expect(plan.restored?.tabId).toBe('A');
    expect(plan.errors).toEqual([]);
  });

  it('a share link wins over the autosave, which stays one Undo away and is kept', () => {
    const plan = decideStartup({ hash: `#project=${encodeShareData(cuba)}`, previousTabId: 'A', autosaves: [record(lif, 'A', 100)], now: NOW });
    expect(plan.source).toBe('share');
    expect(plan.doc).toEqual(cuba);
    expect(plan.base).toEqual(lif);
    expect(plan.clearHash).toBe(true);
    expect(plan.info?.title).toMatch(/Opened 'CUBA network.*' from the share link/);
    expect(plan.info?.lines.join(' ')).toMatch(/Undo returns to the project you had open/);
    expect(plan.recovery).toHaveLength(1);
    expect(plan.recovery[0]).toMatchObject({ reason: 'replaced by a share link', text: JSON.stringify(lif), errors: [] });
  });

  it("a share link in a new tab: the newest autosave (another tab's) is one Undo away, and left in its slot", () => {
    const plan = decideStartup({ hash: `#project=${encodeShareData(cuba)}`, previousTabId: null, autosaves: [record(lif, 'B', 100)], now: NOW });
    expect(plan.base).toEqual(lif);
    expect(plan.recovery).toEqual([]);
    expect(plan.info?.lines[0]).toMatch(/Undo returns to your most recent autosaved project \('Leaky/);
  });

  it('a share link without an autosave: opened, nothing to undo to', () => {
    const plan = decideStartup({ hash: `#project=${encodeShareData(cuba)}`, previousTabId: null, autosaves: [], now: NOW });
    expect(plan).toMatchObject({ source: 'share', base: null, recovery: [] });
    expect(plan.info?.lines).toEqual([]);
  });

  it.each([
    ['bad base64url', '#project=ab$c'],
    ['bad deflate data', '#project=____'],
    ['bad JSON', `#project=${bytesToBase64Url(deflateSync(strToU8('{"format":')))}`],
  ])('a corrupt link (%s) is reported, the autosave opened, the hash cleared', (stage, hash) => {
    const plan = decideStartup({ hash, previousTabId: 'A', autosaves: [record(lif, 'A', 100)], now: NOW });
    expect(plan.source).toBe('autosave');
    expect(plan.doc).toEqual(lif);
    expect(plan.clearHash).toBe(true);
    expect(plan.errors).toHaveLength(1);
    expect(plan.errors[0].title).toContain(`The share link could not be opened (${stage}); your autosaved project was kept`);
  });

  it('a link to an invalid project names the problem and keeps the default when there is no autosave', () => {
    const broken = { ...lif, simulation: { ...lif.simulation, dtMs: -1 } };
    const plan = decideStartup({ hash: `#project=${encodeShareData(broken)}`, previousTabId: null, autosaves: [], now: NOW });
    expect(plan.source).toBe('default');
    expect(plan.errors[0].title).toMatch(/\(invalid project\); the current project was kept/);
    expect(plan.errors[0].lines.join('\n')).toMatch(/\$\.simulation\.dtMs: /);
  });

  it('an autosave that is not JSON is kept aside, with an error, and the default example opens', () => {
    const plan = decideStartup({ hash: '', previousTabId: 'A', autosaves: [record('{"format": "spikeflow-project", ', 'A', 100)], now: NOW });
    expect(plan).toMatchObject({ source: 'default', doc: null });
    expect(plan.recovery).toHaveLength(1);
    expect(plan.recovery[0]).toMatchObject({ reason: 'failed validation', keptAt: NOW, savedAt: 100 });
    expect(plan.recovery[0].errors[0]).toMatch(/^autosave:1:\d+: invalid JSON/);
    expect(plan.errors).toHaveLength(1);
    expect(plan.errors[0].title).toMatch(/could not be opened; it is kept in this browser/);
    expect(plan.errors[0].download?.text).toBe('{"format": "spikeflow-project", ');
  });

  it('an autosave of a newer format version is kept aside, not opened', () => {
    const plan = decideStartup({ hash: '', previousTabId: null, autosaves: [record({ ...lif, version: 9 }, 'A', 100)], now: NOW });
    expect(plan.source).toBe('default');
    expect(plan.errors[0].lines[0]).toMatch(/version 9 is newer/);
  });

  it('an autosave mid-edit (valid shape, failing cross-checks) is opened with a warning and a copy kept', () => {
    const midEdit = { ...lif, stimuli: [{ ...lif.stimuli![0], stopMs: 1, startMs: 5 }] };
    const plan = decideStartup({ hash: '', previousTabId: 'A', autosaves: [record(midEdit, 'A', 100)], now: NOW });
    expect(plan.source).toBe('autosave');
    expect(plan.doc).toEqual(midEdit);
    expect(plan.errors).toEqual([]);
    expect(plan.warnings).toHaveLength(1);
    expect(plan.warnings[0].title).toMatch(/has 1 problem; it was opened so you can fix them/);
    expect(plan.warnings[0].lines[0]).toMatch(/^autosave:\d+:\d+: \$\.stimuli\[0\]\.stopMs: /);
    expect(plan.recovery).toHaveLength(1);
  });

  it('a good share link over a bad autosave: both reported, the bad one kept, nothing to undo to', () => {
    const plan = decideStartup({ hash: `#project=${encodeShareData(cuba)}`, previousTabId: 'A', autosaves: [record('nonsense', 'A', 100)], now: NOW });
    expect(plan.source).toBe('share');
    expect(plan.base).toBeNull();
    expect(plan.recovery).toHaveLength(1);
    expect(plan.errors).toHaveLength(1);
  });
});
