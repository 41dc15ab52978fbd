/** node:zlib stands in for the browser's CompressionStream('deflate-raw'): the CLI's own (bench/share.ts). */
export { nodeCompression } from '../../../bench/share.ts';
