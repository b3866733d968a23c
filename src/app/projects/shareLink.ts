/**
 * Share links: the whole project document in the URL, `#project=<data>` where data is
 * JSON → raw deflate (fflate, level 9) → base64url. The fragment never reaches a server, so a
 * shared project stays between the people who pass the link around.
 *
 * Decoding says which step failed (base64url, deflate, JSON, project validation): a link cut off
 * by a chat app and a link to a project from a newer Spikeflow need different advice.
 */
import { deflateSync, inflateSync, strToU8 } from 'fflate';
import { formatIssue } from '../../project/errors';
import { migrateProject, parseProject } from '../../project/validate';
import type { ProjectDoc } from '../store/document';

export const SHARE_PARAM = 'project';

export type ShareStage = 'base64' | 'deflate' | 'json' | 'project';

export type ShareDecodeResult =
  | { readonly ok: true; readonly doc: ProjectDoc }
  | { readonly ok: false; readonly stage: ShareStage; readonly message: string; readonly details: readonly string[] };

/** The `<data>` part of a share link for `doc`. */
export function encodeShareData(doc: ProjectDoc): string {
  const bytes = deflateSync(strToU8(JSON.stringify(doc)), { level: 9 });
  return bytesToBase64Url(bytes);
}

/** The full link: `base` (the page's address; any fragment is dropped) + `#project=<data>`. */
export function shareUrl(base: string, doc: ProjectDoc): string {
  const hashAt = base.indexOf('#');
  const page = hashAt >= 0 ? base.slice(0, hashAt) : base;
  return `${page}#${SHARE_PARAM}=${encodeShareData(doc)}`;
}

/**
 * The share data in a location hash (`#project=...`, possibly among other `&`-separated
 * parameters), or null when the hash holds no share link.
 */
export function readShareHash(hash: string): string | null {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (body === '') return null;
  for (const part of body.split('&')) {
    const eq = part.indexOf('=');
    const key = eq >= 0 ? part.slice(0, eq) : part;
    if (key !== SHARE_PARAM) continue;
    const value = eq >= 0 ? part.slice(eq + 1) : '';
    try {
      // Some messengers percent-encode what they pass on; base64url itself never contains '%'.
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return null;
}

/** The hash without the share parameter (other parameters kept), for history.replaceState. */
export function hashWithoutShare(hash: string): string {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  const rest = body.split('&').filter((part) => part !== '' && (part.split('=')[0] ?? '') !== SHARE_PARAM);
  return rest.length > 0 ? `#${rest.join('&')}` : '';
}

/** Decodes share data back into a validated project document (as written: defaults not filled in). */
export function decodeShareData(data: string): ShareDecodeResult {
  const fail = (stage: ShareStage, message: string, details: readonly string[] = []): ShareDecodeResult => ({ ok: false, stage, message, details });
  const trimmed = data.trim();
  if (trimmed === '') return fail('base64', 'the share link holds no project data (nothing after #project=)');
  const bytes = base64UrlToBytes(trimmed);
  if (typeof bytes === 'string') return fail('base64', `the share link is not valid base64url: ${bytes}`);

  let inflated: Uint8Array;
  try {
    inflated = inflateSync(bytes);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return fail('deflate', `the share link's data could not be decompressed (deflate: ${why}); the link is probably cut off or altered`);
  }

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
  } catch {
    return fail('json', 'the share link decompressed to something that is not UTF-8 text, so not JSON');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return fail('json', `the share link decompressed to text that is not valid JSON (${why})`);
  }

  const parsed = parseProject(json);
  if (!parsed.ok) {
    const n = parsed.errors.length;
    return fail(
      'project',
      `the share link holds JSON that is not a valid Spikeflow project (${n} problem${n === 1 ? '' : 's'})`,
      parsed.errors.map((issue) => formatIssue(issue)),
    );
  }
  return { ok: true, doc: migrateProject(json) as ProjectDoc };
}

/** Human names of the stages, for headings. */
export const SHARE_STAGE_LABEL: Readonly<Record<ShareStage, string>> = {
  base64: 'bad base64url',
  deflate: 'bad deflate data',
  json: 'bad JSON',
  project: 'invalid project',
};

// ---------------------------------------------------------------------------------------------
// base64url (RFC 4648 §5, no padding). btoa/atob exist in browsers and in Node ≥ 16.

export function bytesToBase64Url(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000; // String.fromCharCode's argument count is limited
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes, or why the text is not base64url. */
export function base64UrlToBytes(text: string): Uint8Array | string {
  const bad = /[^A-Za-z0-9_-]/.exec(text.replace(/=+$/, ''));
  if (bad) return `character '${bad[0]}' at position ${bad.index + 1} is not allowed`;
  const body = text.replace(/=+$/, '');
  if (body.length % 4 === 1) return `its length (${body.length}) is impossible for base64 (one character too many or missing)`;
  const b64 = body.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (body.length % 4)) % 4);
  let binary: string;
  try {
    binary = atob(b64);
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
