/** The command line's and the form's text forms of inputShapes and inputRanges. */

/** "1x224x224x3" → [1, 224, 224, 3]; null when it is not one. */
export function parseShapeText(text: string): number[] | null {
  const parts = text.trim().split(/[x×,]/).map((part) => part.trim());
  if (parts.length === 0 || parts.some((part) => !/^\d+$/.test(part))) return null;
  return parts.map(Number);
}

/** "0..30000" → { min: 0, max: 30000 } (max exclusive); "-1..1", "0.5..2.5"; null when it is not one. */
export function parseRangeText(text: string): { min: number; max: number } | null {
  const match = /^\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)\s*\.\.\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)\s*$/i.exec(text);
  if (!match) return null;
  return { min: Number(match[1]), max: Number(match[2]) };
}

/** "name=VALUE" → [name, VALUE]; null without a name or "=". */
export function splitAssignment(entry: string): [string, string] | null {
  const at = entry.indexOf('=');
  if (at <= 0) return null;
  return [entry.slice(0, at).trim(), entry.slice(at + 1).trim()];
}
