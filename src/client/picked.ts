/**
 * Models the user picked (or dropped) in the web app: the page keeps the files, a spec names them
 * as `picked:<model.json name>`, and a job hands them to its worker. Nothing is uploaded; a share
 * link carries the spec, never the files, so it says the model came from local files.
 */
import { isPicked, PICKED_SCHEME } from '../core/source.ts';

const picked = new Map<string, File[]>();

/** Keeps model.json and its shards; returns the spec's `model` for them. Throws when no .json file is among them. */
export function pickModelFiles(files: readonly File[]): string {
  const jsons = files.filter((f) => f.name.endsWith('.json'));
  if (jsons.length !== 1) throw new Error(jsons.length === 0 ? 'pick model.json together with its weight shards (.bin): no .json file was picked' : `pick one model.json at a time (picked ${jsons.map((f) => f.name).join(', ')})`);
  const location = `${PICKED_SCHEME}${jsons[0]!.name}`;
  picked.set(location, [...files]);
  return location;
}

/** The files for a picked model, or undefined when the page holds none (a share link opened elsewhere). */
export function pickedFiles(location: string | undefined): File[] | undefined {
  return location !== undefined && isPicked(location) ? picked.get(location) : undefined;
}
