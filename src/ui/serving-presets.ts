/**
 * Starting points for the web app's serving forms: every scenario's presets
 * (src/core/serving/scenarios/<kind>.form.ts), each with its kind, in the registry's order.
 */
import { SCENARIOS } from '../core/serving/index.ts';

export const SERVING_PRESETS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = Object.fromEntries(
  SCENARIOS.flatMap(({ kind, form }) => Object.entries(form.presets).map(([name, preset]) => [name, { kind, ...preset }])),
);
