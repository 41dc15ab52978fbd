/**
 * The order of the variants within one interleaved round: as listed in even rounds, reversed in
 * odd ones (A B, B A, A B, … — an ABBA design). Interleaving puts slow drift of the machine on
 * every variant alike; alternating also shares out whatever the first job after a switch pays or
 * gains, which plain A B A B would give to A every time.
 */
export function roundOrder(variantCount: number, round: number): number[] {
  const order = Array.from({ length: variantCount }, (_, index) => index);
  return round % 2 === 0 ? order : order.reverse();
}
