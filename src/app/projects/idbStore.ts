/**
 * The page's KeyValueStore: IndexedDB through idb-keyval, in a database of our own
 * ("spikeflow", object store "kv") so nothing else on the origin collides with it.
 * Falls back to localStorage when IndexedDB is refused.
 */
import { createStore, del, get, keys, set, type UseStore } from 'idb-keyval';
import { syncBackedStore, withFallback, type KeyValueStore } from './kvStore';

export const IDB_NAME = 'spikeflow';
export const IDB_STORE = 'kv';

function idbStore(): KeyValueStore {
  let db: UseStore | null = null;
  // Created on first use: createStore opens the database, which throws where IndexedDB is missing.
  const use = (): UseStore => (db ??= createStore(IDB_NAME, IDB_STORE));
  return {
    get: <T>(key: string) => get<T>(key, use()),
    set: (key, value) => set(key, value, use()),
    del: (key) => del(key, use()),
    keys: async () => (await keys(use())).map(String),
  };
}

export function browserKeyValueStore(onFallback: (error: unknown) => void): KeyValueStore {
  return withFallback(idbStore(), () => syncBackedStore(localStorage), onFallback);
}
