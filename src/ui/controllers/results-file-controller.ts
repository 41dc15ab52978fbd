import { Task } from '@lit/task';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { messageOf } from '../../core/errors.ts';
import type { RunEntry } from '../../core/share/entry.ts';
import { entryOfResultsJson } from '../../core/share/from-results.ts';

/** Largest results file the app reads (a 10,000-job run is a few MB). */
const MAX_RESULTS_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Reads a results file the user picked or dropped (the CLI's --json of any suite) and makes it
 * an entry (a comparison or a serving run): a @lit/task, so the host renders reading / the error / the run. The file is
 * untrusted input: size-capped, parsed as JSON, then by the results schema.
 */
export class ResultsFileController implements ReactiveController {
  private file: File | null = null;
  readonly opened: Task<[File | null], { entry: RunEntry; fileName: string } | null>;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
    this.opened = new Task(host, {
      task: async ([file]) => (file ? { entry: await readEntry(file), fileName: file.name } : null),
      args: () => [this.file],
    });
  }

  hostConnected(): void {}

  open(file: File): void {
    this.file = file;
    void this.opened.run([file]);
  }
}

async function readEntry(file: File): Promise<RunEntry> {
  if (file.size > MAX_RESULTS_FILE_BYTES) throw new Error(`${file.name} is ${Math.round(file.size / 1024 / 1024)} MB, over the ${MAX_RESULTS_FILE_BYTES / 1024 / 1024} MB the app reads`);
  let json: unknown;
  try {
    json = JSON.parse(await file.text());
  } catch (error) {
    throw new Error(`${file.name} is not JSON: ${messageOf(error)}`);
  }
  try {
    return entryOfResultsJson(json, new Date(file.lastModified || Date.now()).toISOString());
  } catch (error) {
    throw new Error(`${file.name}: ${messageOf(error)}`);
  }
}
