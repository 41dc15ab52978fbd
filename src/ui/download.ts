/** Saves text as a file through a temporary object URL (no server involved). */
export function download(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from a run title and date: letters, digits and dashes only. */
export function fileStem(title: string, createdAt: string): string {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'run';
  return `firstbatch-${slug}-${createdAt.slice(0, 19).replace(/[:T]/g, '-')}`;
}
