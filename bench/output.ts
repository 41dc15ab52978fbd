/** Where the CLI's files go: a path (written atomically) or "-" (standard output). */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The name that means standard output for --json, --markdown and --trace. */
export const STDOUT = '-';

/**
 * Writes the whole text to a temporary file beside `path`, then renames it over `path`: a reader
 * (or a run stopped half-way by Ctrl-C or a crash) sees the old file or the new one, never half
 * of one. The rename is atomic within a filesystem, hence the temporary file in the same folder.
 */
export function writeFileAtomic(path: string, text: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Writes an output: to `stdout` for "-", else atomically to the file. Returns where it went, for the log line. */
export function writeOutput(path: string, text: string, stdout: NodeJS.WritableStream): string {
  if (path === STDOUT) {
    stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    return 'standard output';
  }
  writeFileAtomic(path, text);
  return path;
}
