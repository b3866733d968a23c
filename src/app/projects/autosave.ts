/**
 * Autosave: every document change is written (debounced) to the key-value store, one slot per
 * browser tab, so two tabs editing different projects never overwrite each other; a reloaded tab
 * finds its own slot again through sessionStorage, a new tab opens the newest slot.
 *
 * IndexedDB writes are asynchronous and may not finish while a page is being torn down, so on
 * `pagehide` the latest unconfirmed document is also copied synchronously to localStorage (an
 * "emergency" record); startup takes whichever copy of a slot is newer.
 *
 * Undo history is not persisted: a reloaded tab starts a fresh history.
 */
import type { KeyValueStore, SyncStorage } from './kvStore';
import { syncKeys } from './kvStore';

export const AUTOSAVE_PREFIX = 'autosave:';
export const RECOVERY_KEY = 'recovery';
export const EMERGENCY_PREFIX = 'spikeflow.autosave.pending.';
export const TAB_ID_KEY = 'spikeflow.tabId';
/** Slots kept in all (the newest); older ones are tabs long closed. */
export const MAX_SLOTS = 20;
export const MAX_RECOVERY = 10;
export const AUTOSAVE_DEBOUNCE_MS = 300;

export interface AutosaveRecord {
  readonly kind: 'spikeflow-autosave';
  readonly tabId: string;
  /** ms since the epoch. */
  readonly savedAt: number;
  readonly name: string;
  /** The document as JSON text: exactly what was in the editor, valid or not. */
  readonly text: string;
  /** Whether it had changes not yet saved to (or opened from) a file. */
  readonly dirty: boolean;
}

/** A project set aside: an autosave that failed validation, or one a share link replaced. */
export interface RecoveryEntry {
  readonly id: string;
  /** When it was set aside, ms since the epoch. */
  readonly keptAt: number;
  readonly savedAt: number;
  readonly name: string;
  readonly reason: string;
  readonly text: string;
  /** Validation messages, if it failed validation. */
  readonly errors: readonly string[];
}

export const slotKey = (tabId: string) => `${AUTOSAVE_PREFIX}${tabId}`;

export function isAutosaveRecord(x: unknown): x is AutosaveRecord {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  return r.kind === 'spikeflow-autosave' && typeof r.tabId === 'string' && typeof r.savedAt === 'number' && typeof r.text === 'string';
}

/** The newest record of each tab. */
export function newestPerTab(records: readonly AutosaveRecord[]): AutosaveRecord[] {
  const byTab = new Map<string, AutosaveRecord>();
  for (const r of records) {
    const prev = byTab.get(r.tabId);
    if (!prev || r.savedAt > prev.savedAt) byTab.set(r.tabId, r);
  }
  return [...byTab.values()].sort((a, b) => b.savedAt - a.savedAt);
}

/** Every autosave slot plus the emergency copies, newest per tab, newest first. */
export async function readAutosaves(kv: KeyValueStore, emergency: SyncStorage | null): Promise<AutosaveRecord[]> {
  const records: AutosaveRecord[] = [];
  for (const key of await kv.keys()) {
    if (!key.startsWith(AUTOSAVE_PREFIX)) continue;
    const value = await kv.get<unknown>(key);
    if (isAutosaveRecord(value)) records.push(value);
  }
  for (const key of emergency ? syncKeys(emergency, EMERGENCY_PREFIX) : []) {
    try {
      const value: unknown = JSON.parse(emergency!.getItem(key) ?? 'null');
      if (isAutosaveRecord(value)) records.push(value);
    } catch {
      // A half-written emergency copy is worth nothing; the slot in the store still is.
    }
  }
  return newestPerTab(records);
}

/**
 * Housekeeping once this tab has saved into its own slot: the emergency copies move into the
 * store, the slot this tab restored from (`previousTabId`) is superseded, and only the newest
 * MAX_SLOTS slots are kept.
 */
export async function tidyAutosaves(kv: KeyValueStore, emergency: SyncStorage | null, tabId: string, previousTabId: string | null): Promise<void> {
  if (emergency) {
    // Move each emergency copy into its slot when it is the newer one (another tab's last moments too).
    for (const key of syncKeys(emergency, EMERGENCY_PREFIX)) {
      let copy: unknown = null;
      try {
        copy = JSON.parse(emergency.getItem(key) ?? 'null');
      } catch {
        // unreadable: nothing to move
      }
      if (isAutosaveRecord(copy)) {
        const stored = await kv.get<unknown>(slotKey(copy.tabId));
        if (!isAutosaveRecord(stored) || stored.savedAt < copy.savedAt) await kv.set(slotKey(copy.tabId), copy);
      }
      emergency.removeItem(key);
    }
  }
  if (previousTabId && previousTabId !== tabId) await kv.del(slotKey(previousTabId));
  const records = await readAutosaves(kv, null);
  for (const old of records.slice(MAX_SLOTS)) if (old.tabId !== tabId) await kv.del(slotKey(old.tabId));
}

export async function listRecovery(kv: KeyValueStore): Promise<RecoveryEntry[]> {
  const list = await kv.get<RecoveryEntry[]>(RECOVERY_KEY);
  return Array.isArray(list) ? list : [];
}

/** Adds an entry (newest first, the same text only once, at most MAX_RECOVERY). */
export async function addRecovery(kv: KeyValueStore, entry: RecoveryEntry): Promise<void> {
  const list = (await listRecovery(kv)).filter((e) => e.text !== entry.text);
  await kv.set(RECOVERY_KEY, [entry, ...list].slice(0, MAX_RECOVERY));
}

export async function removeRecovery(kv: KeyValueStore, id: string): Promise<void> {
  await kv.set(
    RECOVERY_KEY,
    (await listRecovery(kv)).filter((e) => e.id !== id),
  );
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export interface AutosaverOptions {
  readonly debounceMs?: number;
  readonly timers: Timers;
  /** localStorage, for the copy made on pagehide; null where there is none. */
  readonly emergency: SyncStorage | null;
  readonly onError: (error: unknown) => void;
  readonly onSaved?: (record: AutosaveRecord) => void;
}

/** Writes one tab's slot: debounced, in order (a slow older write never lands after a newer one). */
export class Autosaver {
  private timer: unknown = null;
  /** The newest record, written or not. */
  private latest: AutosaveRecord | null = null;
  private confirmedAt = -Infinity;
  private chain: Promise<void> = Promise.resolve();
  private readonly debounceMs: number;

  constructor(
    private readonly kv: KeyValueStore,
    readonly tabId: string,
    private readonly options: AutosaverOptions,
  ) {
    this.debounceMs = options.debounceMs ?? AUTOSAVE_DEBOUNCE_MS;
  }

  /** Records a change; it is written after `debounceMs` without further changes. */
  schedule(text: string, name: string, dirty: boolean): void {
    let savedAt = this.options.timers.now();
    // Strictly increasing, so "newer" is well defined even within one clock tick.
    if (this.latest && savedAt <= this.latest.savedAt) savedAt = this.latest.savedAt + 1;
    this.latest = { kind: 'spikeflow-autosave', tabId: this.tabId, savedAt, name, text, dirty };
    if (this.timer !== null) this.options.timers.clearTimeout(this.timer);
    this.timer = this.options.timers.setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.debounceMs);
  }

  /** True while the newest change is not confirmed written. */
  get hasUnsaved(): boolean {
    return this.latest !== null && this.latest.savedAt > this.confirmedAt;
  }

  /** Writes the newest change now (visibilitychange, pagehide, cleanup). */
  flush(): Promise<void> {
    if (this.timer !== null) {
      this.options.timers.clearTimeout(this.timer);
      this.timer = null;
    }
    const record = this.latest;
    if (!record || record.savedAt <= this.confirmedAt) return this.chain;
    this.chain = this.chain.then(async () => {
      if (record.savedAt <= this.confirmedAt) return;
      try {
        await this.kv.set(slotKey(this.tabId), record);
        this.confirmedAt = record.savedAt;
        this.clearEmergency(record.savedAt);
        this.options.onSaved?.(record);
      } catch (error) {
        this.options.onError(error);
      }
    });
    return this.chain;
  }

  /** On pagehide: a synchronous copy of anything unconfirmed, then the asynchronous write as usual. */
  flushNow(): void {
    if (this.hasUnsaved && this.options.emergency) {
      try {
        this.options.emergency.setItem(EMERGENCY_PREFIX + this.tabId, JSON.stringify(this.latest));
      } catch (error) {
        this.options.onError(error);
      }
    }
    void this.flush();
  }

  private clearEmergency(confirmedAt: number): void {
    const storage = this.options.emergency;
    if (!storage) return;
    const key = EMERGENCY_PREFIX + this.tabId;
    const raw = storage.getItem(key);
    if (raw === null) return;
    try {
      const copy: unknown = JSON.parse(raw);
      if (isAutosaveRecord(copy) && copy.savedAt > confirmedAt) return;
    } catch {
      // unreadable: drop it
    }
    storage.removeItem(key);
  }
}
