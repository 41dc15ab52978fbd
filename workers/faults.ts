import type { JobSpec } from '../src/core/spec.ts';

type Fault = JobSpec['fault'];
type FaultPoint = 'build' | 'after-first-step';

/** Carries out a deliberate failure (spec.fault) at its point in the job. */
export async function injectFault(fault: Fault, point: FaultPoint, device: GPUDevice | null): Promise<void> {
  switch (fault) {
    case 'none':
      return;
    case 'throw':
      if (point === 'build') throw new Error('deliberate failure (fault: throw)');
      return;
    case 'crash':
      if (point !== 'build') return;
      // An exception nobody catches is what a real crash in a worker looks like to the page.
      setTimeout(() => {
        throw new Error('deliberate worker crash (fault: crash)');
      });
      return new Promise(() => undefined);
    case 'hang':
      if (point === 'build') return new Promise(() => undefined);
      return;
    case 'device-lost':
      if (point === 'after-first-step') device?.destroy();
      return;
  }
}
