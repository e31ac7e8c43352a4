/**
 * Replaces every known secret in a text: what an upstream says can echo the key back (a 401
 * that repeats it, a proxy error that prints its URL), and such text reaches browsers, SDK
 * clients and logs. Each secret is also matched as it looks URL-encoded and JSON-escaped.
 */
export type Redact = (text: string) => string;

const REDACTED = "[redacted]";

export function createRedactor(secrets: readonly (string | undefined)[]): Redact {
  const forms = new Set<string>();
  for (const secret of secrets) {
    // Very short values would redact ordinary words; real keys are long.
    if (!secret || secret.length < 6) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(JSON.stringify(secret).slice(1, -1));
  }
  const ordered = [...forms].sort((a, b) => b.length - a.length);
  if (!ordered.length) return (text) => text;
  return (text) => {
    let out = text;
    for (const form of ordered) if (out.includes(form)) out = out.split(form).join(REDACTED);
    return out;
  };
}
