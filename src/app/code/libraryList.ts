/**
 * The built-in models as the code panel lists them (Open built-in): name, kind, origin and summary
 * read from each source's header and first doc line, without compiling anything, so the list is
 * there before the worker has described the library.
 */
import type { LibrarySource } from '../../library/types';
import type { ModelKind } from './templates';

export interface LibraryEntry {
  readonly name: string;
  readonly kind: ModelKind;
  readonly origin: string;
  readonly summary: string;
  readonly source: string;
}

const HEADER_RE = /^[ \t]*model[ \t]+([A-Za-z_][A-Za-z0-9_]*)[ \t]*:[ \t]*(cell|channel|synapse)\b/m;

export function libraryEntries(sources: readonly LibrarySource[]): LibraryEntry[] {
  const out: LibraryEntry[] = [];
  for (const s of sources) {
    const m = HEADER_RE.exec(s.source);
    if (!m) continue;
    const firstDoc = /^##[ \t]?(.*)$/m.exec(s.source)?.[1]?.trim() ?? '';
    out.push({ name: m[1], kind: m[2] as ModelKind, origin: s.origin, summary: firstDoc, source: s.source });
  }
  return out;
}

const KIND_ORDER: readonly ModelKind[] = ['cell', 'channel', 'synapse'];

/** Entries matching a search (name, summary or origin, case-insensitive), grouped by kind, by name. */
export function searchLibrary(entries: readonly LibraryEntry[], query: string): { kind: ModelKind; entries: LibraryEntry[] }[] {
  const q = query.trim().toLowerCase();
  const hit = (e: LibraryEntry) => q === '' || e.name.toLowerCase().includes(q) || e.summary.toLowerCase().includes(q) || e.origin.toLowerCase().includes(q);
  return KIND_ORDER.map((kind) => ({
    kind,
    entries: entries.filter((e) => e.kind === kind && hit(e)).sort((a, b) => a.name.localeCompare(b.name)),
  })).filter((g) => g.entries.length > 0);
}
