/**
 * Unseen categories: a categorical value past its field's vocabulary is a value training never
 * saw. It is counted and reported as such (the "unseen category" detector): never fed to an
 * embedding as if it were known, never a crash, never a silent pass. It alarms only on a value
 * that is out of the vocabulary, so it has no false alarms by construction.
 */

/** A categorical field of the model: its name and how many ids it has (valid ids 0..vocabulary − 1). */
export interface CategoricalField {
  readonly name: string;
  readonly vocabulary: number;
}

/** Queries (0-based) whose id is not one of the field's: not an integer in 0..vocabulary − 1. */
export function unseenQueries(ids: ArrayLike<number>, vocabulary: number): number[] {
  const unseen: number[] = [];
  for (let q = 0; q < ids.length; q++) {
    const id = ids[q]!;
    if (!(Number.isInteger(id) && id >= 0 && id < vocabulary)) unseen.push(q);
  }
  return unseen;
}

/** The id a model is served in place of an unseen one: clamped into the vocabulary (0 or vocabulary − 1). */
export function servedId(id: number, vocabulary: number): number {
  if (!Number.isFinite(id)) return 0;
  return Math.min(vocabulary - 1, Math.max(0, Math.trunc(id)));
}

export interface UnseenCount {
  /** 0-based stream index. */
  readonly stream: number;
  readonly field: string;
  readonly queries: number;
  readonly firstAtQuery: number;
}

/** One entry per stream and field that carried an unseen value; per stream, each field's list of unseen queries. */
export function unseenCounts(fields: readonly CategoricalField[], perStream: readonly (readonly (readonly number[])[])[]): UnseenCount[] {
  return perStream.flatMap((byField, stream) => fields.flatMap((field, f) => {
    const queries = byField[f] ?? [];
    return queries.length === 0 ? [] : [{ stream, field: field.name, queries: queries.length, firstAtQuery: queries[0]! }];
  }));
}

/** The alarm queries of one stream: the first of each run of queries carrying an unseen value in any field. */
export function unseenAlarms(byField: readonly (readonly number[])[]): number[] {
  const any = [...new Set(byField.flat())].sort((a, b) => a - b);
  return any.filter((q, i) => i === 0 || any[i - 1] !== q - 1);
}

/** "field 1: 75 queries with an unseen value (first at query 1003)", summed over streams when there are several. */
export function describeUnseen(counts: readonly UnseenCount[], streams: number): string[] {
  const fields = [...new Set(counts.map((c) => c.field))];
  return fields.map((field) => {
    const mine = counts.filter((c) => c.field === field);
    const total = mine.reduce((a, c) => a + c.queries, 0);
    const first = mine.reduce((a, c) => (c.firstAtQuery < a.firstAtQuery ? c : a));
    const where = streams > 1 ? ` in ${mine.length} of ${streams} streams (first at query ${first.firstAtQuery}, stream ${first.stream + 1})` : ` (first at query ${first.firstAtQuery})`;
    return `${field}: ${total.toLocaleString('en')} quer${total === 1 ? 'y' : 'ies'} with an unseen value${where}`;
  });
}
