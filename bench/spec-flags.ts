import { jobSpecObject } from '../src/core/spec.ts';
import { RECORD_FLAGS } from './flags.ts';

/** Every job-spec field is a flag, --kebab-name (or camelCase), except the records, which have a repeatable NAME=VALUE flag each (bench/flags.ts). */
const RECORD_FIELDS: readonly string[] = RECORD_FLAGS.map((flag) => flag.field);
export const SPEC_FIELDS = Object.keys(jobSpecObject.shape).filter((key) => !RECORD_FIELDS.includes(key)) as (keyof typeof jobSpecObject.shape)[];

/** batchSize → batch-size. */
export const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
