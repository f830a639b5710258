/**
 * Release notes as plain text. electron-updater hands over what the release carries, often
 * HTML; it is never rendered as HTML (a compromised release page must not script the app).
 * DOMParser builds an inert document — no script runs, nothing loads — and only its text is kept.
 */
export function releaseNotesText(notes: string): string {
  if (!/[<&]/.test(notes)) return notes.trim();
  const withBreaks = notes.replace(/<\s*br\s*\/?>/gi, '\n').replace(/<\/\s*(p|li|h[1-6]|div)\s*>/gi, '\n');
  const body = new DOMParser().parseFromString(withBreaks, 'text/html').body;
  for (const element of body.querySelectorAll('script, style')) element.remove();
  const text = body.textContent ?? '';
  return text.replace(/\n{3,}/g, '\n\n').trim();
}
