/**
 * The browsers a run uses: one local Chromium, or every --browser-endpoint (a suite's devices)
 * at once. The app is built and served once on 127.0.0.1; each device is one bench session on it.
 */
import type { Device } from '../src/core/compare/index.ts';
import type { JobProgress } from '../src/core/page-api.ts';
import type { JobResult } from '../src/core/result.ts';
import type { ServingReport, ServingSuite } from '../src/core/serving/index.ts';
import type { BackendName } from '../src/core/backends.ts';
import type { JobSpec } from '../src/core/spec.ts';
import type { DevicePeak } from '../src/core/efficiency/peak.ts';
import { messageOf } from '../src/core/errors.ts';
import { BrowserStartError, type BrowserTarget } from './browser.ts';
import type { DeviceEndpoint } from './browser-flags.ts';
import { serveApp } from './server.ts';
import { openSession, type BenchSession } from './session.ts';

export interface Devices {
  /** Device names to fan out over; undefined for a single browser (results then name no device). */
  readonly names: readonly string[] | undefined;
  runJob(spec: JobSpec, device: string | undefined, onProgress: (event: JobProgress) => void): Promise<JobResult>;
  runServing(suite: ServingSuite, onProgress: (line: string) => void): Promise<ServingReport>;
  /** The device peak of a backend, on the (single) browser. */
  measurePeak(backend: BackendName): Promise<DevicePeak>;
  /** Each device's name, endpoint and what its browser turned out to be (for the results file). */
  describe(): Device[];
  /** Closes every browser and the server; a job in flight fails (how Ctrl-C stops a running job). */
  close(): Promise<void>;
}

export async function openDevices(options: {
  endpoints: readonly DeviceEndpoint[];
  skipBuild: boolean;
  browser: Omit<BrowserTarget, 'endpoint'>;
}): Promise<Devices> {
  const server = await serveApp({ skipBuild: options.skipBuild, snapshot: true });
  const endpoints: readonly (DeviceEndpoint | { name: string; url: undefined })[] = options.endpoints.length > 0 ? options.endpoints : [{ name: 'local', url: undefined }];
  const opened = await Promise.allSettled(
    endpoints.map((endpoint) => openSession({ appUrl: server.url, browser: { ...options.browser, ...(endpoint.url !== undefined ? { endpoint: endpoint.url } : {}) } })),
  );
  const sessions = new Map<string, BenchSession>();
  opened.forEach((result, index) => {
    if (result.status === 'fulfilled') sessions.set(endpoints[index]!.name, result.value);
  });
  const failed = opened.flatMap((result, index) => (result.status === 'rejected' ? [`${endpoints[index]!.name}: ${messageOf(result.reason)}`] : []));
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= (async () => {
      await Promise.all([...sessions.values()].map((session) => session.close()));
      await server.close();
    })());
  if (failed.length > 0) {
    await close();
    throw new BrowserStartError(failed.length === 1 && endpoints.length === 1 ? failed[0]!.replace(/^local: /, '') : `${failed.length} of ${endpoints.length} browsers did not start: ${failed.join('; ')}`);
  }
  const sessionOf = (device: string | undefined): BenchSession => {
    const session = device === undefined ? sessions.values().next().value : sessions.get(device);
    if (!session) throw new Error(`no browser named ${JSON.stringify(device)}`);
    return session;
  };
  return {
    names: endpoints.length > 1 ? endpoints.map((e) => e.name) : undefined,
    runJob: (spec, device, onProgress) => sessionOf(device).runJob(spec, onProgress),
    runServing: (suite, onProgress) => sessionOf(undefined).runServing(suite, onProgress),
    measurePeak: (backend) => sessionOf(undefined).measurePeak(backend),
    describe: () => endpoints.map((endpoint) => ({ name: endpoint.name, endpoint: endpoint.url ?? 'local', detail: sessionOf(endpoint.name).describe() })),
    close,
  };
}
