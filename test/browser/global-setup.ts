import type { TestProject } from 'vitest/node';
import { serveApp, type AppServer } from '../../bench/server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
  }
}

let server: AppServer | undefined;

/** Builds the app once and serves it on 127.0.0.1 for every browser test file. */
export async function setup(project: TestProject): Promise<void> {
  server = await serveApp();
  project.provide('appUrl', server.url);
}

export async function teardown(): Promise<void> {
  await server?.close();
}
