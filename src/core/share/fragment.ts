/** True when a location hash is meant as a share link (the app then shows the link or its error). No schema: the first screen uses it. */
export function isShareFragment(hash: string): boolean {
  return /^#?r=/.test(hash);
}
