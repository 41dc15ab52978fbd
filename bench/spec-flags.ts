import { jobSpecSchema, type JobSpec } from '../src/core/spec.ts';

/** Every job-spec field is a flag (camelCase or kebab-case), except `flags`, which --flag NAME=VALUE sets. */
export const SPEC_FIELDS = Object.keys(jobSpecSchema.shape).filter((key) => key !== 'flags') as (keyof JobSpec)[];

/** batchSize → batch-size. */
export const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
