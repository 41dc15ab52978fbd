import { assertNever } from './assert.ts';

/**
 * Field values given as text — a command-line flag (`--learning-rate .005`, `--flag NAME=.5`) or a
 * control of the web app's form — read one way, before the schema parses them: the CLI and the
 * app hand the schema the same value for the same text. No zod here: the form's first screen
 * reads its fields before the schema has loaded.
 */

/** How a field's text is read: by the field's schema type, or (`any`) for a value of no fixed type (a tfjs flag). */
export type TextKind = 'number' | 'boolean' | 'text' | 'any';

/** A decimal number as people type it: 64, -1, 0.5, .5, 5., +2, 1e-3, 1E+3. */
const NUMBER_TEXT = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/**
 * Text → the value for the schema, trimmed. A number field takes a number only where the text is
 * one, and a boolean field only `true` or `false`; any other text stays text, so the schema names
 * it ("width must be a number (got "wide")"). `any` reads `true`/`false`, then a number, else text.
 */
export function valueOfText(text: string, kind: TextKind): string | number | boolean {
  const trimmed = text.trim();
  const number = NUMBER_TEXT.test(trimmed) ? Number(trimmed) : undefined;
  const boolean = trimmed === 'true' ? true : trimmed === 'false' ? false : undefined;
  switch (kind) {
    case 'number':
      return number ?? trimmed;
    case 'boolean':
      return boolean ?? trimmed;
    case 'text':
      return trimmed;
    case 'any':
      return boolean ?? number ?? trimmed;
    default:
      return assertNever(kind, 'text kind');
  }
}
