/**
 * A JSON syntax error as a person reads it: line, column and what is wrong. JSON.parse reports a
 * character position (and, in newer engines, a line and column too); the position is what every
 * engine gives, so line and column are computed from it here.
 */
export interface JsonProblem {
  line: number;
  column: number;
  message: string;
}

export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; problem: JsonProblem } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, problem: jsonProblem(text, (error as Error).message) };
  }
}

export function jsonProblem(text: string, engineMessage: string): JsonProblem {
  const position = /at position (\d+)/.exec(engineMessage);
  // No position: the text ended too soon, so the problem is at its end.
  const at = position ? Number(position[1]) : text.length;
  const before = text.slice(0, at);
  const line = before.split("\n").length;
  const column = at - before.lastIndexOf("\n");
  const message = engineMessage
    .replace(/\s*\(line \d+ column \d+\)/, "")
    .replace(/ (in JSON )?at position \d+/, "")
    .replace(/^JSON\.parse: /, "")
    .replace(/^Unexpected end of JSON input$/, "The JSON ends too soon (a bracket, brace or quote is not closed)");
  return { line, column, message };
}

export const describeProblem = ({ line, column, message }: JsonProblem) => `Line ${line}, column ${column}: ${message}`;
