/** Share links from the CLI: the app's codec (src/core/share/link.ts) over node:zlib, pointed at the configured app. */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { SuiteResultFile } from '../src/core/compare/index.ts';
import { messageOf } from '../src/core/errors.ts';
import type { ServingReport } from '../src/core/serving/index.ts';
import { runOfResultsFile, servingRunOfReport } from '../src/core/share/from-results.ts';
import { encodeShareFragment, ShareLinkError, type ShareCompression } from '../src/core/share/link.ts';

/** node:zlib's raw deflate is the browser's CompressionStream('deflate-raw'): links made here open in the page. The cap is zlib's maxOutputLength. */
export const nodeCompression: ShareCompression = {
  async deflate(text) {
    return new Uint8Array(deflateRawSync(Buffer.from(text, 'utf8')));
  },
  async inflate(bytes, maxBytes) {
    try {
      return inflateRawSync(bytes, { maxOutputLength: maxBytes }).toString('utf8');
    } catch (error) {
      if (error instanceof RangeError || (error instanceof Error && 'code' in error && error.code === 'ERR_BUFFER_TOO_LARGE')) {
        throw new ShareLinkError('too-large', `this link inflates to more than ${Math.round(maxBytes / 1024 / 1024)} MB, the limit for share links; it was not opened`);
      }
      throw error;
    }
  },
};

/** The share link of a results file (or a serving report) at the app's address, or why there is none (a sentence). */
export async function shareLinkOf(file: SuiteResultFile | ServingReport, appUrl: URL): Promise<{ url: string } | { reason: string }> {
  try {
    const entry =
      'results' in file
        ? { kind: 'comparison' as const, run: runOfResultsFile(file) }
        : { kind: 'serving' as const, run: servingRunOfReport(file, new Date().toISOString()) };
    const fragment = await encodeShareFragment(entry, nodeCompression);
    return { url: `${appUrl.href}${fragment}` };
  } catch (error) {
    return { reason: messageOf(error) };
  }
}
