import { jobSpecObject, type JobSpec } from '../src/core/spec.ts';

/** Spec fields that are records get a repeatable NAME=VALUE flag of their own (--flag, --input-shape, --input-range); every other field is --kebab-name. */
const RECORD_FIELDS = ['flags', 'inputShapes', 'inputRanges'] as const;
export const SPEC_FIELDS = Object.keys(jobSpecObject.shape).filter((key) => !(RECORD_FIELDS as readonly string[]).includes(key)) as (keyof JobSpec)[];

/** batchSize → batch-size. */
export const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
