/**
 * Our `{{name}}` templates as nunjucks templates, which promptfoo renders. The two differ in what
 * is special: here only `{{name}}` (and `\{{` for a literal `{{`); in nunjucks also `{%`, `{#`,
 * a stray `#}`, and expressions inside `{{ }}`. So every literal piece is escaped (the `{` of `{{`
 * becomes `{{ "{" }}`, the `#` of `#}` becomes `{{ "#" }}`), and a variable becomes `{{ name }}`:
 * what nunjucks renders equals what fillVariables fills.
 */
import { fillVariables, variableNames } from "../prompts/variables";

/**
 * Names nunjucks cannot look up as variables (checked against nunjucks in the tests): literals and
 * an operator, and `__proto__`, which copying the context object drops.
 */
export const NUNJUCKS_RESERVED = new Set(["true", "false", "none", "null", "not", "__proto__"]);

/** `text` that nunjucks renders as exactly `text`: each `{` that would open a tag, and each `#` that would close a comment, is written as an expression. */
export function escapeNunjucks(text: string): string {
  return text.replace(/\{(?=[{%#])|#(?=\})/g, asExpression);
}

const asExpression = (char: string) => `{{ "${char}" }}`;

/** Whether nunjucks would treat part of `text` as a tag (so it needs escaping where promptfoo renders it). */
export const hasNunjucksSyntax = (text: string) => /\{[{%#]|#\}/.test(text);

/** A private-use character that `text` does not contain. */
function markerCharacter(text: string): string {
  for (let code = 0xe000; code <= 0xf8ff; code++) {
    const char = String.fromCharCode(code);
    if (!text.includes(char)) return char;
  }
  throw new Error("The text holds every private-use character");
}

/**
 * A template of ours as a nunjucks template with the same meaning. `rename` maps a variable to the
 * name it has in the export (see NUNJUCKS_RESERVED); names not in it keep theirs.
 */
export function toNunjucks(template: string, rename: ReadonlyMap<string, string> = new Map()): string {
  const names = variableNames([template]);
  if (!names.length) return escapeNunjucks(fillVariables(template, {}));
  // Fill each variable with a marker the text does not hold, escape the literal text around the
  // markers (a `{` just before one too: it would join the tag's `{{`), then put the tags in.
  const mark = markerCharacter(template);
  const filled = fillVariables(template, Object.fromEntries(names.map((name, i) => [name, `${mark}${i}${mark}`])));
  const escaped = filled.replace(new RegExp(`\\{(?=[{%#${mark}])|#(?=\\})`, "g"), asExpression);
  return escaped.replace(new RegExp(`${mark}(\\d+)${mark}`, "g"), (_, i: string) => {
    const name = names[Number(i)];
    return `{{ ${rename.get(name) ?? name} }}`;
  });
}
