// firstbatch's cross-origin isolation fallback, for static hosts that cannot set response headers
// (GitHub Pages and the like). Registered by src/client/isolation.ts only when the page is not
// isolated; it re-serves every same-origin response of the app with COOP same-origin + COEP
// require-corp, which is what gives the page and its workers ~5 µs timers. The approach is
// coi-serviceworker's (github.com/gzuidhof/coi-serviceworker, MIT); this one is kept to what the
// app needs: its own files only, no credentialless mode, no reload logic in here.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  // A request the browser may only answer from its cache (devtools) cannot be refetched.
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  // Only the app's own files: a cross-origin response stays as its server sent it.
  if (new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    fetch(request).then((response) => {
      if (response.status === 0 || response.type === 'opaqueredirect') return response;
      const headers = new Headers(response.headers);
      headers.set('Cross-Origin-Opener-Policy', 'same-origin');
      headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
      headers.set('Cross-Origin-Resource-Policy', 'same-origin');
      headers.set('X-Firstbatch-Isolation', 'service-worker');
      return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
    }),
  );
});
