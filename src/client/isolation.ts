import { measureTimerResolutionMs } from '../core/clock.ts';

/**
 * Cross-origin isolation of the page: from the host's COOP/COEP headers, else from the
 * fallback service worker (public/coi-sw.js) for static hosts that cannot set headers. Without
 * isolation, performance.now() steps in ~100 µs instead of ~5 µs: the app says why.
 */
export interface IsolationStatus {
  readonly isolated: boolean;
  /** Who isolated the page; null when it is not isolated. */
  readonly via: 'headers' | 'service-worker' | null;
  /** Why the page is not isolated, in a sentence; null when it is. */
  readonly reason: string | null;
  /** The page's timer step, measured (ms); null when no step was seen (unknown). */
  readonly timerResolutionMs: number | null;
}

/** Session key that stops a reload loop when the service worker is active but isolation still fails. */
const RELOAD_KEY = 'firstbatch-isolation-reloaded';
const SERVICE_WORKER_FILE = 'coi-sw.js';

/** A registration that hangs (a browser or an extension blocking it) is given up after this long. */
const REGISTER_LIMIT_MS = 10_000;

let status: Promise<IsolationStatus> | undefined;

/**
 * Starts the fallback when the page is not isolated: registers the service worker and reloads
 * once so that it serves the page. Resolves with the page's status (never rejects); while it
 * reloads, the promise stays pending.
 */
export function isolationStatus(): Promise<IsolationStatus> {
  status ??= settle().catch((error: unknown) => done(null, `the isolation check failed: ${error instanceof Error ? error.message : String(error)}`));
  return status;
}

async function settle(): Promise<IsolationStatus> {
  const controlled = navigator.serviceWorker?.controller?.scriptURL.endsWith(`/${SERVICE_WORKER_FILE}`) === true;
  if (globalThis.crossOriginIsolated) {
    sessionStorage.removeItem(RELOAD_KEY);
    return done(controlled ? 'service-worker' : 'headers', null);
  }
  const noHeaders = 'the host sends no COOP/COEP headers';
  if (!isSecureContext) return done(null, `${noHeaders}, and the fallback service worker needs HTTPS (or localhost); serve the app over HTTPS or from a host that sets the headers`);
  if (!('serviceWorker' in navigator) || navigator.serviceWorker === undefined) {
    return done(null, `${noHeaders}, and service workers are unavailable in this window (a private window, or blocked by policy), so the fallback cannot start`);
  }
  if (controlled) {
    return done(null, `${noHeaders}; the fallback service worker serves this page but the browser still did not isolate it (does the host send a conflicting Cross-Origin-Opener-Policy?)`);
  }
  let registration: ServiceWorkerRegistration | undefined;
  try {
    const registering = navigator.serviceWorker.register(new URL(SERVICE_WORKER_FILE, document.baseURI), { scope: './' });
    registration = await Promise.race([registering, rejectAfter(REGISTER_LIMIT_MS, `no answer in ${REGISTER_LIMIT_MS / 1000} s`)]);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return done(null, `${noHeaders}, and the fallback service worker did not register (${message}); is ${SERVICE_WORKER_FILE} published next to index.html?`);
  }
  // Some automation (Playwright's serviceWorkers: 'block') answers with no registration at all.
  if (registration === undefined) return done(null, `${noHeaders}, and this browser blocked the fallback service worker`);
  if (sessionStorage.getItem(RELOAD_KEY) !== null) {
    sessionStorage.removeItem(RELOAD_KEY);
    return done(null, `${noHeaders}; the fallback service worker registered, but after a reload the page was still not served by it`);
  }
  await activated(registration);
  sessionStorage.setItem(RELOAD_KEY, '1');
  location.reload();
  return new Promise<never>(() => undefined);
}

function done(via: IsolationStatus['via'], reason: string | null): IsolationStatus {
  return { isolated: via !== null, via, reason, timerResolutionMs: measureTimerResolutionMs() };
}

/** Resolves once the registration has an active worker. */
function activated(registration: ServiceWorkerRegistration): Promise<void> {
  if (registration.active) return Promise.resolve();
  const worker = registration.installing ?? registration.waiting;
  return new Promise((resolve) => {
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'activated') resolve();
    });
  });
}

function rejectAfter(ms: number, message: string): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(message)), ms));
}
