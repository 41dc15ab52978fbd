/** The workload registry: one name, one workload. The record's type makes the compiler insist on an entry for every name in WORKLOADS. */
import type { WorkloadName } from '../../src/core/spec.ts';
import { cnn } from './cnn.ts';
import { fraud } from './fraud.ts';
import { mlp } from './mlp.ts';
import { ranker } from './ranker.ts';
import { transformer } from './transformer.ts';
import { twoTower } from './two-tower.ts';
import type { Workload } from './types.ts';

export { WORKLOADS as WORKLOAD_NAMES } from '../../src/core/spec.ts';
export { disposeBatch } from './types.ts';
export type { Batch, Model, Tf, Workload, WorkloadName, WorkloadOptions } from './types.ts';

const REGISTRY: Readonly<Record<WorkloadName, Workload>> = {
  mlp,
  cnn,
  'two-tower': twoTower,
  ranker,
  fraud,
  transformer,
};

export function getWorkload(name: WorkloadName): Workload {
  return REGISTRY[name];
}
