/**
 * The device's own peak, measured in the same run with the same backend: a matmul sweep for
 * FLOP/s and a large elementwise op for bandwidth (each timed to a value read back). On a
 * software adapter (SwiftShader) the "device" is the CPU behind it, and the result says so:
 * the numbers still rank configurations against what this machine can do.
 */
import { z } from 'zod';
import { BACKENDS } from '../backends.ts';
import { parseWith } from '../spec.ts';

const matmulSampleSchema = z.object({
  /** Square size: an n×n by n×n product, 2n³ FLOPs. */
  n: z.number().int().min(1),
  /** Best of the timed repetitions, ms (matmul + a sum read back as one scalar). */
  ms: z.number().positive(),
  flopsPerSec: z.number().positive(),
});

export const devicePeakSchema = z.object({
  backend: z.enum(BACKENDS),
  /** The best FLOP/s of the sweep. */
  flopsPerSec: z.number().positive(),
  matmul: z.array(matmulSampleSchema).min(1),
  /** Bytes per second of an elementwise add over `elements` floats, its sum read back (reads 2, writes 1, reads 1 again per element). */
  bytesPerSec: z.number().positive(),
  bandwidth: z.object({ elements: z.number().int().min(1), ms: z.number().positive(), bytes: z.number().positive() }),
  /** "google/swiftshader (software)", "WebAssembly, 1 thread of 2 cores". */
  device: z.string(),
  software: z.boolean(),
});
export type DevicePeak = z.infer<typeof devicePeakSchema>;

export function parseDevicePeak(input: unknown): DevicePeak {
  return parseWith(devicePeakSchema, 'device peak', input);
}

/** FLOPs of an n×n·n×n product and the sum that reduces it to one read-back value. */
export const matmulFlops = (n: number): number => 2 * n ** 3 + n * n;
/** Bytes of c = a + b over n floats, then sum(c): a and b read, c written, c read. */
export const addSumBytes = (elements: number): number => 4 * 4 * elements;
