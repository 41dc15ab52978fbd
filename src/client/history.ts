import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { parseRun, type Run } from '../core/share/run.ts';

/** Run history in IndexedDB (through idb): every run survives reloads until deleted. */
interface HistoryDb extends DBSchema {
  runs: { key: number; value: { id?: number; savedAt: string; run: Run }; indexes: { savedAt: string } };
}

export interface StoredRun {
  readonly id: number;
  readonly savedAt: string;
  readonly run: Run;
}

const DB_NAME = 'firstbatch';
const DB_VERSION = 1;

export class RunHistory {
  private db: Promise<IDBPDatabase<HistoryDb>> | undefined;

  private open(): Promise<IDBPDatabase<HistoryDb>> {
    this.db ??= openDB<HistoryDb>(DB_NAME, DB_VERSION, {
      upgrade(db) {
        const store = db.createObjectStore('runs', { keyPath: 'id', autoIncrement: true });
        store.createIndex('savedAt', 'savedAt');
      },
    });
    return this.db;
  }

  async add(run: Run): Promise<StoredRun> {
    const db = await this.open();
    const savedAt = new Date().toISOString();
    const id = await db.add('runs', { savedAt, run });
    return { id, savedAt, run };
  }

  /** Newest first. A record that no longer parses (written by a future version) is skipped, not fatal. */
  async list(): Promise<StoredRun[]> {
    const db = await this.open();
    const records = await db.getAll('runs');
    const runs: StoredRun[] = [];
    for (const record of records) {
      if (record.id === undefined) continue;
      try {
        runs.push({ id: record.id, savedAt: record.savedAt, run: parseRun(record.run) });
      } catch {
        // Unreadable by this version; left in place for the version that wrote it.
      }
    }
    return runs.sort((a, b) => b.savedAt.localeCompare(a.savedAt) || b.id - a.id);
  }

  async delete(id: number): Promise<void> {
    const db = await this.open();
    await db.delete('runs', id);
  }
}
