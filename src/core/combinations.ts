/**
 * Every combination of the axes' values, one record per combination, the first axis varying
 * slowest: `[['backend', ['webgpu', 'wasm']], ['width', [64, 128]]]` → webgpu 64, webgpu 128,
 * wasm 64, wasm 128 (the order the CLI's job flags and the app's knobs list their variants in).
 * No axes: one empty combination. An axis without values: no combination at all.
 */
export function expandCombinations<T>(axes: readonly (readonly [string, readonly T[]])[]): Record<string, T>[] {
  return axes.reduce<Record<string, T>[]>(
    (combinations, [field, values]) => combinations.flatMap((combination) => values.map((value) => ({ ...combination, [field]: value }))),
    [{}],
  );
}
