import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { HISTORY_RECORD_FORMAT, readHistoryRecord, type HistoryItem, type HistoryRecordV2 } from '../core/share/history-record.ts';
import type { RunEntry } from '../core/share/entry.ts';

/**
 * Run history in IndexedDB (through idb): every run survives reloads until deleted. Records of
 * older formats are read and rewritten in the current one; a record this version cannot read
 * stays, listed with the reason (src/core/share/history-record.ts).
 */
interface HistoryDb extends DBSchema {
  runs: { key: number; value: { id?: number; savedAt: string } & Record<string, unknown>; indexes: { savedAt: string } };
}

export type { HistoryItem };

const DB_NAME = 'firstbatch';
const DB_VERSION = 1;

/** The browser refused to store more (the origin's quota is used up). */
export class HistoryFullError extends Error {
  constructor() {
    super("this browser's storage for the app is full, so the run was not saved to History; it is still open here — export it or copy its link, or delete old runs in History and save again");
    this.name = 'HistoryFullError';
  }
}

function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'QuotaExceededError' || error.code === 22);
}

export class RunHistory {
  private db: Promise<IDBPDatabase<HistoryDb>> | undefined;

  constructor(private readonly name: string = DB_NAME) {}

  private open(): Promise<IDBPDatabase<HistoryDb>> {
    this.db ??= openDB<HistoryDb>(this.name, DB_VERSION, {
      upgrade(db) {
        const store = db.createObjectStore('runs', { keyPath: 'id', autoIncrement: true });
        store.createIndex('savedAt', 'savedAt');
      },
    });
    return this.db;
  }

  /** Stores an entry; HistoryFullError when the quota is used up (nothing else is touched). */
  async add(entry: RunEntry, savedAt: string = new Date().toISOString()): Promise<HistoryItem & { entry: RunEntry }> {
    const db = await this.open();
    const record: HistoryRecordV2 = { savedAt, format: HISTORY_RECORD_FORMAT, entry };
    try {
      const id = await db.add('runs', { ...record });
      return { id, savedAt, entry, migrated: false };
    } catch (error) {
      throw isQuotaError(error) ? new HistoryFullError() : error;
    }
  }

  /** Puts a deleted record back under its id (undo). */
  async restore(item: { id: number; savedAt: string; entry: RunEntry }): Promise<void> {
    const db = await this.open();
    try {
      await db.put('runs', { id: item.id, savedAt: item.savedAt, format: HISTORY_RECORD_FORMAT, entry: item.entry });
    } catch (error) {
      throw isQuotaError(error) ? new HistoryFullError() : error;
    }
  }

  /** Newest first. Older formats are migrated in place; unreadable records are listed with their reason. */
  async list(): Promise<HistoryItem[]> {
    const db = await this.open();
    const records = await db.getAll('runs');
    const items: HistoryItem[] = [];
    for (const record of records) {
      if (record.id === undefined) continue;
      const item = readHistoryRecord(record.id, record);
      if (item.entry && item.migrated) {
        // Best effort: a record that cannot be rewritten now (quota) is read again next time.
        await db.put('runs', { id: item.id, savedAt: item.savedAt, format: HISTORY_RECORD_FORMAT, entry: item.entry }).catch(() => undefined);
      }
      items.push(item);
    }
    return items.sort((a, b) => b.savedAt.localeCompare(a.savedAt) || b.id - a.id);
  }

  /** One record by id; null when there is none. */
  async get(id: number): Promise<HistoryItem | null> {
    const db = await this.open();
    const record = await db.get('runs', id);
    return record ? readHistoryRecord(id, record) : null;
  }

  /** The raw stored record (for exporting one that cannot be opened). */
  async raw(id: number): Promise<unknown> {
    const db = await this.open();
    return db.get('runs', id);
  }

  async delete(id: number): Promise<void> {
    const db = await this.open();
    await db.delete('runs', id);
  }
}
