/** Expiry choices for a share link; free of zod so the browser can import it cheaply. */
export const EXPIRY_OPTIONS = {
  never: { label: "Never", days: null },
  "1d": { label: "1 day", days: 1 },
  "7d": { label: "7 days", days: 7 },
  "30d": { label: "30 days", days: 30 },
} as const;

export type ExpiryChoice = keyof typeof EXPIRY_OPTIONS;

export const EXPIRY_CHOICES = Object.keys(EXPIRY_OPTIONS) as [ExpiryChoice, ...ExpiryChoice[]];

export function expiryDate(choice: ExpiryChoice, now: Date): Date | null {
  const days = EXPIRY_OPTIONS[choice].days;
  return days === null ? null : new Date(now.getTime() + days * 86_400_000);
}
