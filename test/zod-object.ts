import { z } from 'zod';

/** The object schema under defaults, prefaults and optionals (a few layers deep), or null. */
export function objectOf(schema: unknown): z.ZodObject | null {
  let current = schema;
  for (let i = 0; i < 5; i++) {
    if (current instanceof z.ZodObject) return current;
    if (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodPrefault) current = current.unwrap();
    else return null;
  }
  return null;
}
