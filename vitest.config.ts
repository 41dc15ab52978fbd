import { defineConfig } from 'vitest/config';

// Projects split by runtime: `unit` runs pure logic and the CLI in Node; `store` the results store;
// `browser` drives the built app in real Chromium with real WebGPU (and installs the packed package: test/package).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/core/**/*.test.ts', 'test/bench/**/*.test.ts', 'test/workers/**/*.test.ts', 'test/ui/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        test: {
          // The results store on embedded PGlite and on a real PostgreSQL server the set-up starts.
          name: 'store',
          include: ['test/server/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts', 'test/package/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/browser/global-setup.ts'],
          testTimeout: 300_000,
          // A browser file trains real models in beforeAll; a busy machine can take minutes.
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
