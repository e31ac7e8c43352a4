/** Text derived from a snapshot for titles, previews and the link list. */
export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

export const firstUserMessage = (messages: { role: string; content: string }[]) =>
  messages.find((m) => m.role === "user")?.content ?? "";

/** The full address of a share link, as the browser sees this site. */
export const absoluteShareUrl = (id: string) => `${window.location.origin}/s/${id}`;
