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

/**
 * Which visit of the app a job measures: `context` — a fresh browser context in a browser that
 * is already running (the default; every job starts equally cold); `first` — a fresh browser
 * process with an empty profile; `return` — a fresh browser process whose profile a previous
 * visit of the same job filled (Chromium keeps compiled WebGPU pipelines, V8 code and HTTP
 * responses on disk). `first` and `return` restart the browser: the CLI does that, a page cannot.
 */
export const VISITS = ['context', 'first', 'return'] as const;

/**
 * `full`: the engine as documented (phases, progress, device watch, profiling, serving).
 * `bare`: the same model and batches in a plain tfjs loop (import, setBackend, build, then
 * minimize + await loss.data() per step) with nothing of the engine around it — the yardstick
 * for the engine's own overhead on step time. A bare job reports steps and loss only.
 */
export const INSTRUMENTATIONS = ['full', 'bare'] as const;

export type Visit = (typeof VISITS)[number];

/** Losses a user model can train with when its model.json carries no training config (or to override it). */
export const LOSSES = ['mse', 'categorical-crossentropy', 'sparse-categorical-crossentropy', 'binary-crossentropy'] as const;
export type LossName = (typeof LOSSES)[number];

/**
 * What a job does with its model: `train` (TTFB ends at the first loss read back, then step time
 * and serving), `serve` (TTFB ends at the first inference read back, then serving only), or `auto`:
 * serve for a GraphModel, which cannot train, and train for everything else.
 */
export const MODES = ['auto', 'train', 'serve'] as const;
