/**
 * First and return visits (spec.visit): a job in a fresh browser process, on an empty profile
 * (`first`) or on a profile that a previous visit of the same job filled (`return`). Chromium
 * keeps compiled WebGPU pipelines, V8 code and HTTP responses in the profile on disk, so the
 * difference shows where caching pays. A remote endpoint cannot be restarted on a kept profile.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { messageOf } from '../src/core/errors.ts';
import type { JobResult } from '../src/core/result.ts';
import type { JobSpec } from '../src/core/spec.ts';
import { failedJob } from '../src/core/summarize.ts';
import { BrowserStartError, localLaunchOptions, makeEvaluable, type BrowserTarget } from './browser.ts';

/** Runs one job in the app in a context of the visit's own, freshly started browser (the session's page lifecycle). */
export type RunInContext = (context: BrowserContext) => Promise<JobResult>;

export async function runVisit(spec: JobSpec, target: BrowserTarget, runIn: RunInContext): Promise<JobResult> {
  const startedMs = Date.now();
  if (target.endpoint !== undefined) {
    return failedJob(spec, { code: 'invalid-spec', message: `visit "${spec.visit}" restarts the browser on a profile of its own: a remote endpoint (${target.endpoint}) cannot be restarted on a kept profile; run it with a local Chromium` }, 0);
  }
  const profileDir = mkdtempSync(join(tmpdir(), 'firstbatch-profile-'));
  try {
    if (spec.visit === 'return') {
      // The first visit fills the profile; its result is not the measurement.
      const priming = await inProfile(profileDir, target, runIn);
      if (priming.error) return { ...priming, error: { ...priming.error, message: `the visit that fills the profile failed: ${priming.error.message}` } };
    }
    return await inProfile(profileDir, target, runIn);
  } catch (error) {
    const message = messageOf(error).split('\n')[0] ?? '';
    return failedJob(spec, { code: 'job-failed', message: `the browser for this visit failed: ${message}` }, Date.now() - startedMs);
  } finally {
    rmSync(profileDir, { recursive: true, force: true });
  }
}

/** A fresh Chromium process on `profileDir`, closed (and its profile flushed to disk) after `use`. */
async function inProfile<T>(profileDir: string, target: BrowserTarget, use: (context: BrowserContext) => Promise<T>): Promise<T> {
  let context: BrowserContext;
  try {
    // The same flags as the session's browser (--gpu, --chromium-arg, --headed); Ctrl-C is the CLI's.
    context = await chromium.launchPersistentContext(profileDir, localLaunchOptions(target));
  } catch (error) {
    throw new BrowserStartError(`Chromium failed to start on profile ${profileDir}: ${messageOf(error).split('\n')[0]}`);
  }
  try {
    await makeEvaluable(context);
    return await use(context);
  } finally {
    await context.close().catch(() => undefined);
  }
}
