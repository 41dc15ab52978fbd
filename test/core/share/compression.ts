import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { ShareLinkError, type ShareCompression } from '../../../src/core/share/link.ts';

/** node:zlib stands in for the browser's CompressionStream('deflate-raw'); the cap is zlib's maxOutputLength. */
export const nodeCompression: ShareCompression = {
  async deflate(text) {
    return new Uint8Array(deflateRawSync(Buffer.from(text, 'utf8')));
  },
  async inflate(bytes, maxBytes) {
    try {
      return inflateRawSync(bytes, { maxOutputLength: maxBytes }).toString('utf8');
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new ShareLinkError('too-large', 'over the cap');
      throw error;
    }
  },
};
