/**
 * `{{name}}` variables in a prompt's texts, as Anthropic's Workbench and OpenAI's playground write
 * them. A name is `[A-Za-z_][A-Za-z0-9_]*`; spaces inside the braces are allowed (`{{ name }}`).
 * `\{{` writes a literal `{{` (the backslash is dropped when the prompt is filled). Anything else
 * between `{{` and `}}` is a badly named variable: reported where it is typed, never sent as is.
 */

export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `{{`, optional spaces, anything up to `}}` on one line, optional spaces, `}}`; or the `\{{` escape. */
const TOKEN = /\\\{\{|\{\{\s*([^{}\n]*?)\s*\}\}/g;

export interface VariableUse {
  name: string;
  /** Where `{{…}}` starts and ends in the text. */
  start: number;
  end: number;
}

export interface BadVariable {
  /** What stands between the braces. */
  text: string;
  start: number;
  message: string;
}

export interface ScannedText {
  uses: VariableUse[];
  bad: BadVariable[];
}

/** Every `{{name}}` in `text`, in order, and every `{{…}}` whose name is not a valid one. */
export function scanVariables(text: string): ScannedText {
  const uses: VariableUse[] = [];
  const bad: BadVariable[] = [];
  if (!text.includes("{{")) return { uses, bad };
  for (const match of text.matchAll(TOKEN)) {
    if (match[0] === "\\{{") continue;
    const name = match[1];
    const start = match.index;
    if (VARIABLE_NAME.test(name)) uses.push({ name, start, end: start + match[0].length });
    else bad.push({ text: name, start, message: badNameMessage(name) });
  }
  return { uses, bad };
}

function badNameMessage(name: string): string {
  if (!name) return "{{}} needs a variable name between the braces (write \\{{ for literal braces)";
  return `"${name.length > 40 ? `${name.slice(0, 40)}…` : name}" is not a variable name: use letters, digits and _, not starting with a digit (write \\{{ for literal braces)`;
}

/** The distinct variable names of several texts, in the order they first appear. */
export function variableNames(texts: Iterable<string>): string[] {
  const names = new Set<string>();
  for (const text of texts) for (const use of scanVariables(text).uses) names.add(use.name);
  return [...names];
}

/** `text` with each `{{name}}` replaced by its value and each `\{{` by `{{`. Every name must have a value (see missingValues). */
export function fillVariables(text: string, values: Readonly<Record<string, string>>): string {
  if (!text.includes("{{")) return text;
  return text.replace(TOKEN, (whole, name: string | undefined) => {
    if (whole === "\\{{") return "{{";
    if (name === undefined || !VARIABLE_NAME.test(name) || !Object.hasOwn(values, name)) return whole;
    return values[name];
  });
}

/** The names among `names` that have no value (an empty value counts as none). */
export function missingValues(names: readonly string[], values: Readonly<Record<string, string | undefined>>): string[] {
  return names.filter((name) => !values[name]);
}
