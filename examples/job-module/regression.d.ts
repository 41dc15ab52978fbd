// Types of the example job module, for the tests that import it (a user's module needs none).
import type { JobModule } from '../../workers/workloads/types.ts';

export declare const contract: JobModule['contract'];
export declare const description: string;
export declare const build: JobModule['build'];
export declare const makeBatch: JobModule['makeBatch'];
