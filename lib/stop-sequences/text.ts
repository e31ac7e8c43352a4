/**
 * Stop sequences as typed and as shown. A text box cannot hold a line break, yet "\n\n" and
 * "\nUser:" are the stops people want most, so the panel reads \n, \t and \\ as escapes; and a
 * stop that is a space or ends in one must be visible, so it is shown quoted, escapes written out.
 */

/** What the user typed → the sequence itself. */
export function parseStopInput(typed: string): string {
  return typed.replace(/\\([nt\\])/g, (_, c: string) => (c === "n" ? "\n" : c === "t" ? "\t" : "\\"));
}

/** The sequence → how the panel and share pages show it: quoted, with the same escapes. */
export function showStop(sequence: string): string {
  return `"${sequence.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\t/g, "\\t").replace(/\r/g, "\\r")}"`;
}
