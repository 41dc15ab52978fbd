import { Task } from '@lit/task';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { RunHistory, type StoredRun } from '../../client/history.ts';
import type { Run } from '../../core/share/run.ts';

/**
 * The run history for a component: loads the stored runs (a @lit/task, so the
 * host can render pending/error/complete) and reloads after every change.
 */
export class HistoryController implements ReactiveController {
  private readonly history = new RunHistory();
  private revision = 0;
  readonly runs: Task<[number], StoredRun[]>;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
    this.runs = new Task(host, { task: () => this.history.list(), args: () => [this.revision] });
  }

  hostConnected(): void {}

  async save(run: Run): Promise<StoredRun> {
    const stored = await this.history.add(run);
    this.changed();
    return stored;
  }

  async remove(id: number): Promise<void> {
    await this.history.delete(id);
    this.changed();
  }

  private changed(): void {
    this.revision += 1;
    this.host.requestUpdate();
  }
}
