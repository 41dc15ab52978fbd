import type { RunEntry } from '../core/share/entry.ts';
import { decodeShareEntry, decodeShareFragment, encodeShareFragment, ShareLinkError, type ShareCompression } from '../core/share/link.ts';
import type { Run } from '../core/share/run.ts';

/**
 * The platform's deflate-raw (CompressionStream) for share links. Inflating
 * streams chunk by chunk and cancels the stream as soon as the output passes the
 * cap, so a deflate bomb costs at most the cap in memory and time.
 */
export const browserCompression: ShareCompression = {
  async deflate(text) {
    const stream = new Blob([new TextEncoder().encode(text)]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  },
  async inflate(bytes, maxBytes) {
    const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    const reader = stream.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        throw new ShareLinkError('too-large', `this link inflates to more than ${Math.round(maxBytes / 1024 / 1024)} MB, the limit for share links; it was not opened`);
      }
      chunks.push(value);
    }
    const joined = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      joined.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return new TextDecoder('utf-8', { fatal: true }).decode(joined);
  },
};

export function shareFragment(run: Run | RunEntry): Promise<string> {
  return encodeShareFragment(run, browserCompression);
}

/** A comparison run's link (a serving run's link is ShareLinkError('wrong-kind')). */
export function openShareFragment(hash: string): Promise<Run> {
  return decodeShareFragment(hash, browserCompression);
}

/** A link of any kind: a comparison run or a serving run. */
export function openShareEntry(hash: string): Promise<RunEntry> {
  return decodeShareEntry(hash, browserCompression);
}

/** The full link for a run: this page's address (without its query: a link opens its own view) with the run in its fragment. */
export async function shareUrl(run: Run | RunEntry, base: string = location.href): Promise<string> {
  const url = new URL(base);
  url.hash = '';
  url.search = '';
  return `${url.toString().replace(/#$/, '')}${await shareFragment(run)}`;
}
