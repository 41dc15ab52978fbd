/**
 * The kinds of form control a field takes, as data (the web app draws them: src/ui/field-control.ts).
 * Job-spec fields (src/ui/spec-fields.ts) and serving-scenario fields (src/core/serving/scenarios/form.ts) share them.
 */
export type FieldKind =
  /** With `emptyLabel`, the empty choice is offered too and leaves the field out. */
  | { kind: 'choice'; options: readonly string[]; emptyLabel?: string }
  | { kind: 'number'; integer: boolean; min: number; max: number }
  | { kind: 'boolean' }
  | { kind: 'text' }
  | { kind: 'flags' }
  /** Comma-separated numbers (a serving suite's sweepQps, batchSizes). */
  | { kind: 'list'; integer: boolean }
  /** NAME=VALUE lines: input shapes ("x=1x224x224x3") or value ranges ("ids=0..30000"). */
  | { kind: 'assignments'; value: 'shape' | 'range' };
