import { isolationStatus } from './client/isolation.ts';
import { pageApi } from './client/page-api.ts';

// The CLI and the tests drive the app through globalThis.firstbatch (src/core/page-api.ts), set
// before anything else can fail; the UI (<fb-app> in index.html) loads beside it.
globalThis.firstbatch = pageApi;
// On a host that sends no COOP/COEP headers, the fallback service worker isolates the page (one reload).
void isolationStatus();
void import('./ui/fb-app.ts');
