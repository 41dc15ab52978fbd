/**
 * A serving scenario's form as data: its label, its fields (dotted paths into its suite, e.g.
 * "search.lowQps"), the models it serves and its presets. The web app draws it
 * (src/ui/serving-fields.ts, fb-serving-form.ts); validation stays the suite schema's, so a bad
 * field reads as the CLI says it. Placeholders show each field's default.
 */
import type { FieldKind } from '../../field-kind.ts';

export interface ScenarioField {
  /** The field's dotted path in the suite ("search.lowQps"). */
  readonly name: string;
  readonly label: string;
  readonly unit?: string;
  readonly field: FieldKind;
  readonly hint: string;
  /** The value the field takes when left empty, shown as the placeholder; undefined = required (or none). */
  readonly placeholder?: string;
  /** Shown (and sent) only while the form's field `field` holds one of `oneOf`. */
  readonly shownWhen?: { readonly field: string; readonly oneOf: readonly string[] };
  /** The form's text where the suite leaves the field out (a boolean the schema defaults to true: 'true'; a choice's own default). */
  readonly initial?: string;
  /** A checkbox that stands for an optional object of the suite (Server's search): checked when the suite has it; never sent itself. */
  readonly section?: true;
}

/** A model the scenario serves: the suite field holding its job-spec fields, and the workload it defaults to. */
export interface ModelRole {
  readonly role: string;
  readonly label: string;
  readonly workload?: string;
}

export interface ScenarioForm {
  /** The scenario's name in the app ("SingleStream"). */
  readonly label: string;
  /** What it measures, in one line. */
  readonly about: string;
  /** Its own fields, in form order (the fields every suite has are COMMON_SCENARIO_FIELDS). */
  readonly fields: readonly ScenarioField[];
  readonly models: readonly ModelRole[];
  /**
   * Starting points for the app's form, by the name its preset menu shows, sized to finish in
   * seconds to a minute on a laptop (bench/suites/serving-*.json hold the CLI's full set).
   * Suite input without `kind`: the scenario's own. Models are job-spec fields over the serving defaults.
   */
  readonly presets: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export const intField = (): FieldKind => ({ kind: 'number', integer: true, min: 0, max: Number.MAX_SAFE_INTEGER });
export const numberField = (): FieldKind => ({ kind: 'number', integer: false, min: -Infinity, max: Infinity });

/** A field; `placeholder` is its default (any value, shown as text). */
export function scenarioField(name: string, label: string, kind: FieldKind, hint: string, placeholder?: unknown, extra: Partial<ScenarioField> = {}): ScenarioField {
  return { name, label, field: kind, hint, ...(placeholder === undefined ? {} : { placeholder: String(placeholder) }), ...extra };
}

/** Shown only while `field` holds one of `oneOf`. */
export const shownWhen = (field: string, ...oneOf: string[]): Pick<ScenarioField, 'shownWhen'> => ({ shownWhen: { field, oneOf } });

/** Fields every serving suite has (suiteBase in ../model.ts). */
export const COMMON_SCENARIO_FIELDS: readonly ScenarioField[] = [
  scenarioField('name', 'name', { kind: 'text' }, 'shown as the run title'),
  scenarioField('seed', 'seed', intField(), 'arrivals, canary arms and drift streams', 1),
];

/** The one model most scenarios serve. */
export const ONE_MODEL: readonly ModelRole[] = [{ role: 'model', label: 'Model' }];
