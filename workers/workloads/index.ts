/** The workload registry: one name, one workload. */
import { cnn } from './cnn.ts';
import { fraud } from './fraud.ts';
import { mlp } from './mlp.ts';
import { ranker } from './ranker.ts';
import { transformer } from './transformer.ts';
import { twoTower } from './two-tower.ts';
import type { Workload, WorkloadName } from './types.ts';

export { WORKLOAD_NAMES, disposeBatch } from './types.ts';
export type { Batch, Model, Tf, Workload, WorkloadName, WorkloadOptions } from './types.ts';

function assertNever(value: never): never {
  throw new Error(`unknown workload: ${String(value)}`);
}

export function getWorkload(name: WorkloadName): Workload {
  switch (name) {
    case 'mlp':
      return mlp;
    case 'cnn':
      return cnn;
    case 'two-tower':
      return twoTower;
    case 'ranker':
      return ranker;
    case 'fraud':
      return fraud;
    case 'transformer':
      return transformer;
    default:
      return assertNever(name);
  }
}
