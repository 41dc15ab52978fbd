/**
 * A serving model is a job spec. A suite names its models (the model roles of its scenario's form:
 * `model`, `baseline` and `candidate`, `retrieval` and `ranking`) with job-spec fields, the same strict partial spec comparison suites
 * use for `base` and `variants`; the rest take SERVING_DEFAULTS.spec, then the job DEFAULTS.
 */
import { z } from 'zod';
import { LIMITS, SERVING_DEFAULTS } from '../defaults.ts';
import { sourceLabel } from '../source.ts';
import { jobSpecSchema, specOverridesSchema, type JobSpec, type JobSpecInput } from '../spec.ts';

/**
 * A serving model's fields, resolved to a full job spec: serving defaults, then `roleDefaults`
 * (a multistage retrieval model is a two-tower), then the suite's fields. A merged spec that
 * breaks a rule of the job spec (syncEvery must divide steps…) names the field under the model.
 */
export function servingModelSchema(roleDefaults: Partial<JobSpecInput> = {}) {
  return specOverridesSchema
    .describe('Job-spec fields of the served model (see the job spec table in README.md); the rest take the serving defaults (ranker, 40 training steps of batch 64, queries of batch 1, dataSeed 1).')
    .transform((overrides, ctx): JobSpec => {
      // A user's model or job module replaces the default workload (a spec names one of them).
      const userModel = overrides.model !== undefined || overrides.job !== undefined;
      const { workload: _serving, ...servingDefaults } = SERVING_DEFAULTS.spec;
      const { workload: _role, ...otherRoleDefaults } = roleDefaults;
      const parsed = jobSpecSchema.safeParse(userModel ? { ...servingDefaults, ...otherRoleDefaults, ...overrides } : { ...SERVING_DEFAULTS.spec, ...roleDefaults, ...overrides });
      if (parsed.success) return parsed.data;
      for (const issue of parsed.error.issues) ctx.issues.push({ code: 'custom', path: issue.path, message: issue.message, input: overrides });
      return z.NEVER;
    });
}

/** The job spec a serving model's fields stand for (what a suite's schema gives for them). */
export function servingSpec(overrides: Partial<JobSpecInput> = {}, roleDefaults: Partial<JobSpecInput> = {}): JobSpec {
  return servingModelSchema(roleDefaults).parse(overrides);
}

/** Fields every serving suite has. */
export const suiteBase = {
  name: z.string().max(200).optional(),
  seed: z.number().int().min(LIMITS.seed.min).max(LIMITS.seed.max).default(1),
};

/** "ranker w128 seed 1 on webgpu". */
export const modelLabel = (spec: JobSpec): string => (spec.workload !== undefined ? `${spec.workload} w${spec.width} seed ${spec.seed} on ${spec.backend}` : `${sourceLabel(spec)} on ${spec.backend}`);
