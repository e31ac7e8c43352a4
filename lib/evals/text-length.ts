/** Characters as a person counts them: code points (an emoji is one), of the trimmed text. */
export function characterCount(text: string): number {
  const trimmed = text.trim();
  let n = 0;
  for (let i = 0; i < trimmed.length; i++) {
    n++;
    const code = trimmed.charCodeAt(i);
    // A surrogate pair is one character.
    if (code >= 0xd800 && code <= 0xdbff && (trimmed.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
  }
  return n;
}
