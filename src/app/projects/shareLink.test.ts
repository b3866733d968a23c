import { deflateSync, strToU8 } from 'fflate';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ProjectDoc } from '../store/document';
import {
  base64UrlToBytes,
  bytesToBase64Url,
  decodeShareData,
  encodeShareData,
  hashWithoutShare,
  readShareHash,
  shareUrl,
} from './shareLink';

const example = (name: string) => JSON.parse(readFileSync(new URL(`../../../examples/${name}`, import.meta.url), 'utf8')) as ProjectDoc;
const pack = (text: string) => bytesToBase64Url(deflateSync(strToU8(text), { level: 9 }));

describe('share links', () => {
  it('round-trips a project exactly (key order and all)', () => {
    for (const name of ['default.json', 'cuba.json', 'izhikevich2003_network.json']) {
      const doc = example(name);
      const decoded = decodeShareData(encodeShareData(doc));
      expect(decoded.ok).toBe(true);
      if (decoded.ok) expect(JSON.stringify(decoded.doc)).toBe(JSON.stringify(doc));
    }
  });

  it('compresses, in the URL-safe alphabet', () => {
    const doc = example('cuba.json');
    const data = encodeShareData(doc);
    expect(data).toMatch(/^[A-Za-z0-9_-]+$/);
    // Deflate shrinks the text about 3×; base64 then adds a third.
    expect(data.length).toBeLessThan(JSON.stringify(doc).length * 0.6);
    // The largest example (per-neuron parameter arrays of random numbers) still makes a usable link.
    expect(encodeShareData(example('izhikevich2003_network.json')).length).toBeLessThan(16_000);
  });

  it('builds the full URL from the page address, dropping any fragment', () => {
    const doc = example('default.json');
    const url = shareUrl('https://example.org/spikeflow/?x=1#old', doc);
    expect(url.startsWith('https://example.org/spikeflow/?x=1#project=')).toBe(true);
    expect(readShareHash(new URL(url).hash)).toBe(encodeShareData(doc));
  });

  it('reads and removes #project= among other hash parameters', () => {
    expect(readShareHash('')).toBeNull();
    expect(readShareHash('#')).toBeNull();
    expect(readShareHash('#other=1')).toBeNull();
    expect(readShareHash('#project=abc')).toBe('abc');
    expect(readShareHash('#a=1&project=abc&b=2')).toBe('abc');
    expect(readShareHash('#project=ab%2Dc')).toBe('ab-c');
    expect(readShareHash('#project')).toBe('');
    expect(hashWithoutShare('#project=abc')).toBe('');
    expect(hashWithoutShare('#a=1&project=abc&b=2')).toBe('#a=1&b=2');
  });

  it('base64url handles every byte value and lengths that need no, one or two padding characters', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 255, 256, 70000]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 0xff);
      const text = bytesToBase64Url(bytes);
      expect(text).not.toMatch(/[+/=]/);
      expect(base64UrlToBytes(text)).toEqual(bytes);
    }
  });
});

describe('corrupt share links say what failed', () => {
  it('no data', () => {
    const r = decodeShareData('');
    expect(r).toMatchObject({ ok: false, stage: 'base64' });
    if (!r.ok) expect(r.message).toMatch(/no project data/);
  });

  it('bad base64: a character outside the alphabet', () => {
    const r = decodeShareData('abc$def');
    expect(r).toMatchObject({ ok: false, stage: 'base64' });
    if (!r.ok) expect(r.message).toMatch(/not valid base64url: character '\$' at position 4/);
  });

  it('bad base64: an impossible length', () => {
    const r = decodeShareData('abcde');
    expect(r).toMatchObject({ ok: false, stage: 'base64' });
    if (!r.ok) expect(r.message).toMatch(/length \(5\) is impossible/);
  });

  it('bad deflate: a link cut off', () => {
    const data = encodeShareData(example('cuba.json'));
    const r = decodeShareData(data.slice(0, Math.floor(data.length / 2) - (Math.floor(data.length / 2) % 4)));
    expect(r).toMatchObject({ ok: false, stage: 'deflate' });
    if (!r.ok) expect(r.message).toMatch(/could not be decompressed \(deflate: unexpected EOF\)/);
  });

  it('bad deflate: base64 of something that is not deflate data', () => {
    const r = decodeShareData(bytesToBase64Url(new Uint8Array([0xff, 0xff, 0xff])));
    expect(r).toMatchObject({ ok: false, stage: 'deflate' });
  });

  it('bad JSON', () => {
    const r = decodeShareData(pack('{"format": "spikeflow-project", '));
    expect(r).toMatchObject({ ok: false, stage: 'json' });
    if (!r.ok) expect(r.message).toMatch(/not valid JSON/);
  });

  it('bad JSON: bytes that are not UTF-8 text', () => {
    const r = decodeShareData(bytesToBase64Url(deflateSync(new Uint8Array([0x7b, 0xc3, 0x28, 0x7d]))));
    expect(r).toMatchObject({ ok: false, stage: 'json' });
    if (!r.ok) expect(r.message).toMatch(/not UTF-8/);
  });

  it('invalid project: each problem with its JSON path', () => {
    const doc = example('default.json');
    const broken = { ...doc, populations: [{ ...doc.populations[0], size: -3 }] };
    const r = decodeShareData(pack(JSON.stringify(broken)));
    expect(r).toMatchObject({ ok: false, stage: 'project' });
    if (!r.ok) {
      expect(r.message).toMatch(/not a valid Spikeflow project \(1 problem\)/);
      expect(r.details[0]).toMatch(/^\$\.populations\[0\]\.size: /);
    }
  });

  it('invalid project: JSON that is not a project at all', () => {
    const r = decodeShareData(pack('[1, 2, 3]'));
    expect(r).toMatchObject({ ok: false, stage: 'project' });
    if (!r.ok) expect(r.details.join('\n')).toMatch(/not a Spikeflow project/);
  });

  it('gives each failing step its own message', () => {
    const messages = ['abc$', 'abcde', bytesToBase64Url(new Uint8Array([0xff, 0xff])), pack('{'), pack('{}')].map((d) => {
      const r = decodeShareData(d);
      return r.ok ? 'ok' : r.message;
    });
    expect(new Set(messages).size).toBe(messages.length);
  });
});
