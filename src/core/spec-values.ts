/**
 * The job spec's value lists, without the schema: the web app's first screen shows its form from
 * these (and DEFAULTS, LIMITS) before the schema (zod) has loaded. spec.ts builds the schema on them.
 */
export const WORKLOADS = ['mlp', 'cnn', 'two-tower', 'ranker', 'fraud', 'transformer'] as const;
export type WorkloadName = (typeof WORKLOADS)[number];

export { BACKENDS, type BackendName } from './backends.ts';

/** How the worker loads tfjs: the whole bundle, or tfjs-core plus the chosen backend only. */
export const IMPORT_MODES = ['full', 'lean'] as const;

/**
 * Deliberate failures, for checking that a pipeline reports a broken job as
 * that job's error: `throw` fails in the build phase, `crash` kills the worker,
 * `hang` never finishes (the time limit ends it), `device-lost` destroys the
 * GPU device after the first step.
 */
export const FAULTS = ['none', 'throw', 'crash', 'hang', 'device-lost'] as const;
