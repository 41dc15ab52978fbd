/**
 * The results store's JSON API, declared once: `firstbatch server` implements it, the CLI's
 * `--upload` and the web app's Team view call it. Every reply enters its reader as `unknown` and
 * goes through the schema here.
 *
 * Routes (PROJECT and ID match STORE_ID_PATTERN; anything else is a 404 before any lookup):
 *   POST   /api/p/PROJECT/runs            write token (or admin): UploadRequest → UploadReply
 *   GET    /api/runs/ID                   read token if the project has one: StoredRun
 *   GET    /api/p/PROJECT/series          read: SeriesList (query: branch, device)
 *   GET    /api/p/PROJECT/trend           read: Trend (query: suite, variant, metric, device, branch)
 *   GET    /api/p/PROJECT/alerts          read: AlertList (change points of every series, newest first)
 *   POST   /api/p/PROJECT/changepoints    write: recompute every series' change points → AlertList
 *   GET    /api/projects                  admin: ProjectList
 *   POST   /api/projects                  admin: CreateProject → ProjectTokens
 *   DELETE /api/p/PROJECT                 admin
 *   DELETE /api/runs/ID                   admin
 *   GET    /api/p/PROJECT/export          admin: JSON lines, one StoredRun a line
 *   POST   /api/p/PROJECT/import          admin: JSON lines as export writes them → ImportReply
 *   GET    /r/ID                          the web app, opening the stored run in its results view
 *   GET    /p/PROJECT/trend?…             the web app, Team view on that series
 * Errors: { error: { code, message } } with the HTTP status; an unknown project and a wrong token
 * get the same 404-free answer (401 `unauthorized`).
 */
import { z } from 'zod';

/** Project names and run ids: lower-case letters, digits, '-' and '_', 1–64 characters; no dots or slashes. */
export const STORE_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
export const storeIdSchema = z.string().regex(STORE_ID_PATTERN, 'must be 1–64 of a-z, 0-9, "-", "_", starting with a letter or digit');

/** Where a run came from: the commit it measured and where it ran. */
export const runMetaSchema = z
  .object({
    commit: z.string().min(1).max(64),
    parentCommit: z.string().min(1).max(64).nullable(),
    branch: z.string().min(1).max(200),
    /** ISO time the run was made (the CI job's, not the upload's). */
    createdAt: z.string().min(1).max(64),
    ciUrl: z.string().max(2000).nullable(),
    /** The device label of the run's adapter ("google/swiftshader (software)", "NVIDIA … (gpu)"). */
    device: z.string().min(1).max(200),
  })
  .strict();
export type RunMeta = z.infer<typeof runMetaSchema>;

export const uploadRequestSchema = z.object({ meta: runMetaSchema, record: z.unknown() }).strict();
export type UploadRequest = z.infer<typeof uploadRequestSchema>;

export const uploadReplySchema = z.object({
  id: storeIdSchema,
  /** Path of the stored run in the app: /r/ID. */
  runPath: z.string(),
  /** Path of the Team view of this run's project and branch. */
  trendPath: z.string(),
  /** false when the same run was already stored (uploads are idempotent). */
  created: z.boolean(),
});
export type UploadReply = z.infer<typeof uploadReplySchema>;

export const storedRunSchema = z.object({ id: storeIdSchema, project: storeIdSchema, meta: runMetaSchema, record: z.unknown(), uploadedAt: z.string() });
export type StoredRun = z.infer<typeof storedRunSchema>;

/** One series: project × suite × variant × metric × device, along a branch. */
export const seriesKeySchema = z.object({
  suite: z.string(),
  variant: z.string(),
  metric: z.string(),
  device: z.string(),
});
export type SeriesKey = z.infer<typeof seriesKeySchema>;

export const seriesListSchema = z.object({ branch: z.string(), series: z.array(seriesKeySchema.extend({ points: z.number().int().min(0) })) });
export type SeriesList = z.infer<typeof seriesListSchema>;

/** One run's value of one series: the estimate and its interval as the run's own comparison made them. */
export const trendPointSchema = z.object({
  runId: storeIdSchema,
  commit: z.string(),
  createdAt: z.string(),
  estimate: z.number(),
  /** The interval's ends; null where the run had too few jobs for one. */
  low: z.number().nullable(),
  high: z.number().nullable(),
  /** Jobs behind the estimate. */
  n: z.number().int().min(0),
});
export type TrendPoint = z.infer<typeof trendPointSchema>;

/** A level shift in a series, between two consecutive points. */
export const changePointSchema = z.object({
  series: seriesKeySchema,
  /** The last run before the shift and the first after it. */
  before: z.object({ runId: storeIdSchema, commit: z.string() }),
  after: z.object({ runId: storeIdSchema, commit: z.string() }),
  /** Relative change of the level: mean after / mean before − 1, with its 95% interval. */
  relative: z.number(),
  relativeLow: z.number(),
  relativeHigh: z.number(),
  /** 'regression' when the metric got worse (its direction), 'improvement' otherwise. */
  direction: z.enum(['regression', 'improvement']),
  pValue: z.number().min(0).max(1),
});
export type ChangePoint = z.infer<typeof changePointSchema>;

export const trendSchema = z.object({ series: seriesKeySchema, branch: z.string(), unit: z.string(), better: z.enum(['lower', 'higher']), points: z.array(trendPointSchema), changePoints: z.array(changePointSchema) });
export type Trend = z.infer<typeof trendSchema>;

export const alertListSchema = z.object({ changePoints: z.array(changePointSchema) });
export type AlertList = z.infer<typeof alertListSchema>;

export const createProjectSchema = z.object({ name: storeIdSchema, readToken: z.boolean().default(false) }).strict();
export const projectTokensSchema = z.object({ name: storeIdSchema, writeToken: z.string(), readToken: z.string().nullable() });
export type ProjectTokens = z.infer<typeof projectTokensSchema>;
export const projectListSchema = z.object({ projects: z.array(z.object({ name: storeIdSchema, runs: z.number().int().min(0), hasReadToken: z.boolean() })) });
export const importReplySchema = z.object({ imported: z.number().int().min(0), skipped: z.number().int().min(0) });

export const storeErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
export type StoreError = z.infer<typeof storeErrorSchema>;
