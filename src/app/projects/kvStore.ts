/**
 * The small key-value interface autosave talks to, so its logic runs in Node tests against an
 * in-memory fake while the page uses IndexedDB (idbStore.ts). Also the synchronous storage used
 * for the last-moment copy on `pagehide` (localStorage), behind its own tiny interface.
 */

export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  keys(): Promise<string[]>;
}

/** What autosave needs of localStorage (a fake in tests). */
export interface SyncStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  key(index: number): string | null;
  readonly length: number;
}

/** Values are deep-copied in and out, as IndexedDB's structured clone does. */
export function memoryStore(initial: Record<string, unknown> = {}): KeyValueStore & { readonly data: Map<string, unknown> } {
  const data = new Map<string, unknown>(Object.entries(initial).map(([k, v]) => [k, structuredClone(v)]));
  return {
    data,
    async get<T>(key: string) {
      return data.has(key) ? (structuredClone(data.get(key)) as T) : undefined;
    },
    async set(key, value) {
      data.set(key, structuredClone(value));
    },
    async del(key) {
      data.delete(key);
    },
    async keys() {
      return [...data.keys()];
    },
  };
}

export function memorySyncStorage(): SyncStorage & { readonly data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
    key: (index) => [...data.keys()][index] ?? null,
    get length() {
      return data.size;
    },
  };
}

/** A KeyValueStore over synchronous storage (JSON values under a prefix): the fallback when IndexedDB is refused. */
export function syncBackedStore(storage: SyncStorage, prefix = 'spikeflow.kv.'): KeyValueStore {
  return {
    async get<T>(key: string) {
      const raw = storage.getItem(prefix + key);
      return raw === null ? undefined : (JSON.parse(raw) as T);
    },
    async set(key, value) {
      storage.setItem(prefix + key, JSON.stringify(value));
    },
    async del(key) {
      storage.removeItem(prefix + key);
    },
    async keys() {
      return syncKeys(storage, prefix).map((k) => k.slice(prefix.length));
    },
  };
}

/** Every key of `storage` that starts with `prefix`. */
export function syncKeys(storage: SyncStorage, prefix: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key !== null && key.startsWith(prefix)) out.push(key);
  }
  return out;
}

/**
 * Uses `primary` until one of its operations fails (IndexedDB refused: some private modes, a full
 * disk, a blocked upgrade), then `fallback` for good, telling `onFallback` once.
 */
export function withFallback(primary: KeyValueStore, fallback: () => KeyValueStore, onFallback: (error: unknown) => void): KeyValueStore {
  let active: KeyValueStore = primary;
  let switched = false;
  const run = async <R>(op: (store: KeyValueStore) => Promise<R>): Promise<R> => {
    if (switched) return op(active);
    try {
      return await op(primary);
    } catch (error) {
      if (!switched) {
        switched = true;
        active = fallback();
        onFallback(error);
      }
      return op(active);
    }
  };
  return {
    get: <T>(key: string) => run((s) => s.get<T>(key)),
    set: (key, value) => run((s) => s.set(key, value)),
    del: (key) => run((s) => s.del(key)),
    keys: () => run((s) => s.keys()),
  };
}
