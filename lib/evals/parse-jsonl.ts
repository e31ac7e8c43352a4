/**
 * Test cases from JSON Lines: one object per line, variable → text or number (a number is kept as
 * its JSON text: 3, 0.5). Blank lines are skipped; CRLF and a byte-order mark are fine. A key may
 * be left out of a line (its value is then empty, so the default applies), but every variable
 * must appear in some line, as every variable needs a column in CSV. All or nothing, each fault
 * naming its line (and key).
 */
import type { RowValues } from "./test-set";
import { failed, inputSizeProblem, missingColumnsMessage, rowCountProblem, stripBom, unknownColumnMessage, utf8Length, valueLengthProblem, type ParsedRows } from "./row-input";

const describe = (value: unknown) => (value === null ? "null" : Array.isArray(value) ? "a list" : typeof value === "object" ? "an object" : typeof value === "boolean" ? String(value) : typeof value);

export function parseJsonl(input: string, variables: readonly string[]): ParsedRows {
  const sizeProblem = inputSizeProblem(utf8Length(input));
  if (sizeProblem) return failed([sizeProblem]);
  const lines = stripBom(input).split(/\r\n|\n|\r/);
  const filled = lines.filter((line) => line.trim() !== "").length;
  if (!filled) return failed(["There is nothing to import: the text is empty."]);
  const countProblem = rowCountProblem(filled);
  if (countProblem) return failed([countProblem]);

  const errors: string[] = [];
  const rows: RowValues[] = [];
  const used = new Set<string>();
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    const at = `Line ${i + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      errors.push(`${at} is not JSON: ${(error as Error).message}`);
      return;
    }
    if (typeof json !== "object" || json === null || Array.isArray(json)) {
      errors.push(`${at} is ${describe(json)}; each line must be an object of variable → value, like {"city": "Paris"}.`);
      return;
    }
    const entries: [string, string][] = [];
    for (const [key, value] of Object.entries(json)) {
      if (!variables.includes(key)) {
        errors.push(`${at}: ${unknownColumnMessage(key, variables)}`);
        continue;
      }
      used.add(key);
      const text = typeof value === "string" ? value : typeof value === "number" && Number.isFinite(value) ? JSON.stringify(value) : null;
      if (text === null) {
        errors.push(`${at}, "${key}": the value is ${describe(value)}; a value must be a text or a number.`);
        continue;
      }
      const problem = valueLengthProblem(`${at}, "${key}"`, text);
      if (problem) errors.push(problem);
      else entries.push([key, text]);
    }
    rows.push(Object.fromEntries(entries));
  });
  const missing = variables.filter((v) => !used.has(v));
  // A key no line has is reported only when the lines themselves were readable: otherwise it is noise.
  if (!errors.length && missing.length) errors.push(missingColumnsMessage(missing, "key"));
  if (errors.length) return failed(errors);
  return { ok: true, format: "jsonl", rows, columns: variables.filter((v) => used.has(v)) };
}
