import { pageApi } from './client/page-api.ts';

// The CLI and the tests drive the app through window.firstbatch, set before
// anything else can fail; the UI (<fb-app> in index.html) loads beside it.
window.firstbatch = pageApi;
void import('./ui/fb-app.ts');
