import { pageApi } from './client/page-api.ts';

// The CLI and the tests drive the app through globalThis.firstbatch (src/core/page-api.ts), set
// before anything else can fail; the UI (<fb-app> in index.html) loads beside it.
globalThis.firstbatch = pageApi;
void import('./ui/fb-app.ts');
