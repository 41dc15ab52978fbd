import { pageApi } from './client/page-api.ts';

window.firstbatch = pageApi;
