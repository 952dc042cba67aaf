/**
 * Escape text for HTML element content and quoted attribute values: the five
 * characters & < > " ' become entities, so no input string (a case id, a file
 * name, a model name) can open a tag or close an attribute.
 */
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}
