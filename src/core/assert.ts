/**
 * Exhaustiveness check for discriminated unions: a `switch` that handles every case ends in
 * `default: return assertNever(value, 'what')`, so adding a case without handling it fails to compile.
 */
export function assertNever(value: never, what: string): never {
  throw new Error(`unknown ${what}: ${JSON.stringify(value)}`);
}
