/** Each element's `field`, position by position: a tuple of descriptors gives the tuple of their schemas. */
export type Pluck<T extends readonly unknown[], F extends PropertyKey> = { [I in keyof T]: T[I] extends Readonly<Record<F, infer V>> ? V : never };

/**
 * The `field` of every item, as a tuple of the items' own types (a zod union or enum needs the
 * tuple; Array.prototype.map alone widens it to an array of their union).
 */
export function pluck<F extends PropertyKey, const T extends readonly Readonly<Record<F, unknown>>[]>(items: T, field: F): Pluck<T, F> {
  return items.map((item) => item[field]) as Pluck<T, F>;
}
