const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' }

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml (text: unknown): string {
  return String(text ?? '').replace(/[&<>"'`]/g, c => ESCAPES[c]!)
}
