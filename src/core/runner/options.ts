/** Settings a run can take besides the suite (the CLI's --threshold, --budget, --baseline, --save-baseline, --trace). */
export const RUN_OPTIONS = ['threshold', 'budget', 'baseline', 'saveBaseline', 'trace'] as const;
export type RunOption = (typeof RUN_OPTIONS)[number];
