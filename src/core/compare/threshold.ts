/** The smallest difference a user cares about: relative ('5%') or absolute ('2ms'). No zod here: the form's first screen parses thresholds. */

export type Threshold = { kind: 'relative'; fraction: number } | { kind: 'absolute'; ms: number };

export class ThresholdError extends Error {
  constructor(text: string) {
    super(`invalid threshold ${JSON.stringify(text)}: write a percentage such as "5%" or a time such as "2ms"`);
    this.name = 'ThresholdError';
  }
}

/** '5%' → relative 0.05; '2ms' → absolute 2 ms ('0.5 ms' and '1s' too). Throws ThresholdError naming the text. */
export function parseThreshold(text: string): Threshold {
  const match = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(%|ms|s)\s*$/.exec(text);
  if (!match) throw new ThresholdError(text);
  const amount = Number(match[1]);
  if (!(amount > 0)) throw new ThresholdError(text);
  switch (match[2]) {
    case '%':
      if (amount >= 100) throw new ThresholdError(text);
      return { kind: 'relative', fraction: amount / 100 };
    case 's':
      return { kind: 'absolute', ms: amount * 1000 };
    default:
      return { kind: 'absolute', ms: amount };
  }
}

/** '5%' / '2 ms', for tables and summaries. */
export function formatThreshold(threshold: Threshold): string {
  return threshold.kind === 'relative' ? `${Number((threshold.fraction * 100).toPrecision(6))}%` : `${Number(threshold.ms.toPrecision(6))} ms`;
}

/** True when parseThreshold accepts the text. */
export function isThresholdText(text: string): boolean {
  try {
    parseThreshold(text);
    return true;
  } catch {
    return false;
  }
}
