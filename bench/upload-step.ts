/** The CLI's last step with --upload: the results file to the store, its short link printed, the long link beside --json. */
import { writeFileSync } from 'node:fs';
import { messageOf } from '../src/core/errors.ts';
import type { OutcomeFile } from '../src/core/runner/index.ts';
import type { CliOptions } from './args.ts';
import { EXIT } from './interrupt.ts';
import { STDOUT, writeFileAtomic } from './output.ts';
import { parseStoredRecord } from '../src/core/store/record.ts';
import { shareLinkOf } from './share.ts';
import { runMetaOf, storedLinks, uploadRun, UploadError } from './upload.ts';

/** Uploads `file`; returns the exit status: `code` when stored, an error when not (and says where the results are kept). */
export async function uploadStep(file: OutcomeFile, options: CliOptions, code: number, stderr: NodeJS.WritableStream, env: Readonly<Record<string, string | undefined>> = process.env): Promise<number> {
  const upload = options.upload;
  if (upload === undefined) return code;
  try {
    const meta = runMetaOf(file, upload.origin, env);
    const reply = await uploadRun(upload.target, upload.token, meta, file);
    const links = storedLinks(upload.target, reply);
    stderr.write(`firstbatch: stored: ${links.run}${reply.created ? '' : ' (stored before: the same run)'}\nfirstbatch: trend: ${links.trend}\n`);
    if (!options.link && options.jsonPath !== undefined && options.jsonPath !== STDOUT) await writeLongLink(file, options, stderr);
    return code;
  } catch (error) {
    const kept = keptWhere(file, options);
    stderr.write(`firstbatch: upload failed: ${error instanceof UploadError ? error.message : messageOf(error)}; nothing was stored, the results are kept in ${kept}\n`);
    return EXIT.error;
  }
}

/** Where the results are on disk: --json, or a file written now when there was none. */
function keptWhere(file: OutcomeFile, options: CliOptions): string {
  if (options.jsonPath !== undefined && options.jsonPath !== STDOUT) return options.jsonPath;
  const path = `firstbatch-results-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  try {
    writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`);
    return path;
  } catch (error) {
    return `${options.jsonPath === STDOUT ? 'the JSON on standard output' : 'no file'} (could not write ${path}: ${messageOf(error)})`;
  }
}

/** The long share link, written beside --json as FILE.link.txt (the short link replaced it on the terminal). */
async function writeLongLink(file: OutcomeFile, options: CliOptions, stderr: NodeJS.WritableStream): Promise<void> {
  if (options.jsonPath === undefined) return;
  let record;
  try {
    record = parseStoredRecord(file);
  } catch {
    return;
  }
  if (record.kind === 'report') return; // a job kind's own report (calibration, interleaved) travels as its file only
  const shared = await shareLinkOf(record.kind === 'suite' ? record.file : record.file.report, options.appUrl.url);
  if (!('url' in shared)) return;
  const path = `${options.jsonPath.replace(/\.json$/, '')}.link.txt`;
  writeFileSync(path, `${shared.url}\n`);
  stderr.write(`firstbatch: wrote the share link ${path}\n`);
}
