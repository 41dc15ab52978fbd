import { Task } from '@lit/task';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RunHistory } from '../../client/history.ts';
import type { RunEntry } from '../../core/share/entry.ts';
import type { HistoryItem } from '../../core/share/history-record.ts';
import { messageOf } from '../../core/errors.ts';

export type StoredEntry = Extract<HistoryItem, { entry: RunEntry }>;

/**
 * The run history for a component: loads the stored runs (a @lit/task, so the host can render
 * pending/error/complete) and reloads after every change; delete keeps the record for Undo;
 * import and export move history between browsers. IndexedDB and the record schemas load with
 * the first use.
 */
export class HistoryController implements ReactiveController {
  private store: Promise<RunHistory> | undefined;
  private revision = 0;
  readonly items: Task<[number], HistoryItem[]>;
  /** The last deleted run, until Undo or the next change. */
  deleted: StoredEntry | null = null;
  /** The outcome of the last import, export or failed action, for the user. */
  notice: { text: string; error: boolean } | null = null;

  /** `list`: the host shows the stored runs (loaded when it connects and after every change). */
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: { list: boolean },
  ) {
    host.addController(this);
    this.items = new Task(host, { task: async () => (await this.history()).list(), args: () => [this.revision], autoRun: false });
  }

  hostConnected(): void {
    if (this.options.list) this.load();
  }

  private history(): Promise<RunHistory> {
    this.store ??= import('../../client/history.ts').then(({ RunHistory }) => new RunHistory());
    return this.store;
  }

  /** Loads the list (the History view calls this when it is shown). */
  load(): void {
    void this.items.run();
  }

  /** Saves a run; rejects with the reason (HistoryFullError's sentence when the quota is used up). */
  async save(entry: RunEntry): Promise<StoredEntry> {
    const stored = await (await this.history()).add(entry);
    this.changed();
    return stored;
  }

  async get(id: number): Promise<HistoryItem | null> {
    return (await this.history()).get(id);
  }

  async remove(item: HistoryItem): Promise<void> {
    await (await this.history()).delete(item.id);
    this.deleted = item.entry ? item : null;
    this.notice = null;
    this.changed();
  }

  async undo(): Promise<void> {
    const item = this.deleted;
    if (!item) return;
    try {
      await (await this.history()).restore(item);
      this.deleted = null;
    } catch (error) {
      this.notice = { text: `the run could not be put back: ${messageOf(error)}`, error: true };
    }
    this.changed();
  }

  dismiss(): void {
    this.deleted = null;
    this.notice = null;
    this.host.requestUpdate();
  }

  /** Imports a history file or one exported run; says how many were added and why any were skipped. */
  async importText(fileName: string, text: string): Promise<void> {
    try {
      const { parseImportFile } = await import('../../core/share/history-record.ts');
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch {
        throw new Error('it is not JSON');
      }
      const { runs, skipped } = parseImportFile(data, new Date().toISOString());
      const history = await this.history();
      let added = 0;
      for (const run of runs) {
        await history.add(run.entry, run.savedAt);
        added++;
      }
      const skippedText = skipped.length > 0 ? `; ${skipped.length} skipped — ${skipped.slice(0, 3).join('; ')}` : '';
      this.notice = { text: `imported ${added} run${added === 1 ? '' : 's'} from ${fileName}${skippedText}`, error: skipped.length > 0 && added === 0 };
    } catch (error) {
      this.notice = { text: `${fileName} was not imported: ${messageOf(error)}`, error: true };
    }
    this.changed();
  }

  /** The history file of every readable run. */
  async exportText(): Promise<string> {
    const [{ toHistoryFile }, items] = await Promise.all([import('../../core/share/history-record.ts'), (await this.history()).list()]);
    const readable = items.filter((item): item is StoredEntry => item.entry !== null);
    return `${JSON.stringify(toHistoryFile(readable, new Date().toISOString()), null, 1)}\n`;
  }

  /** A stored record as it is, for a run this version cannot open. */
  async rawText(id: number): Promise<string> {
    return `${JSON.stringify(await (await this.history()).raw(id), null, 1)}\n`;
  }

  private changed(): void {
    this.revision += 1;
    if (this.options.list) void this.items.run();
    this.host.requestUpdate();
  }
}
