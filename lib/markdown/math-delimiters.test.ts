import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import ReactMarkdown from "react-markdown";
import remarkMath from "remark-math";
import { describe, expect, it } from "vitest";
import { prepareMath } from "./math-delimiters";

const text = (markdown: string) => prepareMath(markdown).text;

/** Where remark-math finds formulas: its inline and display code elements. */
const formulas = (markdown: string) =>
  [...renderToStaticMarkup(createElement(ReactMarkdown, { remarkPlugins: [remarkMath] }, markdown)).matchAll(/<code class="language-math (math-inline|math-display)">([^<]*)<\/code>/g)].map(
    ([, kind, tex]) => `${kind === "math-display" ? "display" : "inline"}:${tex.trim()}`,
  );

describe("prepareMath: delimiters", () => {
  it("turns \\(…\\) into $…$ inline", () => {
    expect(prepareMath("Area \\(\\pi r^2\\) here")).toEqual({ text: "Area $\\pi r^2$ here", hasMath: true });
    expect(formulas(text("Area \\(\\pi r^2\\) here"))).toEqual(["inline:\\pi r^2"]);
  });

  it("turns \\[…\\] mid-sentence into $$ on lines of their own, so remark-math reads display math", () => {
    expect(text("so \\[\\int_0^1 f\\] holds")).toBe("so \n$$\n\\int_0^1 f\n$$\nholds");
    expect(formulas(text("so \\[\\int_0^1 f\\] holds"))).toEqual(["display:\\int_0^1 f"]);
  });

  it("keeps \\[ and \\] already on their own lines as plain $$ fences", () => {
    expect(text("\\[\nx^2\n\\]")).toBe("$$\nx^2\n$$");
  });

  it("keeps display math inside its list item and blockquote", () => {
    expect(text("- item \\[x\\] more")).toBe("- item \n  $$\n  x\n  $$\n  more");
    expect(formulas(text("- item \\[x\\] more"))).toEqual(["display:x"]);
    expect(text("> quote \\[y\\]")).toBe("> quote \n> $$\n> y\n> $$");
    expect(formulas(text("> quote \\[y\\]"))).toEqual(["display:y"]);
  });

  it("keeps \\[…\\] inline in a table row, where a line break would end the table", () => {
    expect(text("| a | \\[x\\] |")).toBe("| a | $$x$$ |");
  });

  it("sets $$…$$ that fills its lines on lines of its own; inside a sentence it stays inline", () => {
    expect(text("$$x^2$$")).toBe("$$\nx^2\n$$");
    expect(formulas(text("$$x^2$$"))).toEqual(["display:x^2"]);
    // remark-math would take "\begin{aligned}" as the fence's info string and drop it.
    expect(text("$$\\begin{aligned}\na &= b\n\\end{aligned}$$")).toBe("$$\n\\begin{aligned}\na &= b\n\\end{aligned}\n$$");
    expect(prepareMath("the sum $$a+b$$ is")).toEqual({ text: "the sum $$a+b$$ is", hasMath: true });
  });

  it("leaves $$ fences and $x$ as they are", () => {
    expect(prepareMath("$$\n\\int_0^1 f\n$$")).toEqual({ text: "$$\n\\int_0^1 f\n$$", hasMath: true });
    expect(prepareMath("Let $x^2$ be")).toEqual({ text: "Let $x^2$ be", hasMath: true });
  });

  it("keeps a neighbouring dollar apart from a converted formula", () => {
    expect(text("\\(a\\)$b$")).toBe("$a$ $b$");
    expect(text("\\(x\\)\\(y\\)")).toBe("$x$ $y$");
    expect(formulas(text("\\(x\\)\\(y\\)"))).toEqual(["inline:x", "inline:y"]);
  });

  it("leaves text with no math untouched, and says so", () => {
    expect(prepareMath("Plain text (with parentheses) [and brackets]")).toEqual({ text: "Plain text (with parentheses) [and brackets]", hasMath: false });
  });
});

describe("prepareMath: currency", () => {
  it("remark-math alone reads “$5 and $10” as a formula, which is why the rule exists", () => {
    expect(formulas("$5 and $10")).toEqual(["inline:5 and"]);
  });

  it("“$5 and $10” stays text: the second $ is preceded by a space", () => {
    expect(prepareMath("$5 and $10")).toEqual({ text: "\\$5 and \\$10", hasMath: false });
    expect(formulas(text("$5 and $10"))).toEqual([]);
  });

  it("“costs $5.” stays text, an unpaired dollar", () => {
    expect(prepareMath("It costs $5.")).toEqual({ text: "It costs \\$5.", hasMath: false });
  });

  it("a closing $ followed by a digit is not a closing $", () => {
    expect(text("between $5 and 6$7")).toBe("between \\$5 and 6\\$7");
  });

  it("pairs only consecutive dollars: prices before a formula stay text", () => {
    expect(prepareMath("$5 and $10 and $x$")).toEqual({ text: "\\$5 and \\$10 and $x$", hasMath: true });
    expect(formulas(text("$5 and $10 and $x$"))).toEqual(["inline:x"]);
  });

  it("an escaped \\$ stays an escaped dollar and is never a delimiter", () => {
    expect(prepareMath("\\$5 and \\$x\\$")).toEqual({ text: "\\$5 and \\$x\\$", hasMath: false });
  });

  it("an escaped backslash before ( is no delimiter", () => {
    expect(prepareMath("a \\\\(x\\\\) b")).toEqual({ text: "a \\\\(x\\\\) b", hasMath: false });
  });

  it("inline math does not run across a blank line", () => {
    expect(text("$a\n\nb$")).toBe("\\$a\n\nb\\$");
  });
});

describe("prepareMath: code is never math", () => {
  it("leaves code spans alone", () => {
    expect(prepareMath("Use `$x$` or `\\(x\\)` or ``a ` $b$``")).toEqual({ text: "Use `$x$` or `\\(x\\)` or ``a ` $b$``", hasMath: false });
    expect(formulas("Use `$x$` here")).toEqual([]);
  });

  it("does not pair a dollar across a code span", () => {
    expect(text("$a `b` c$")).toBe("\\$a `b` c\\$");
  });

  it("leaves fenced code alone, ``` and ~~~, closed or still open", () => {
    const fenced = "```tex\n$x$ \\(y\\) $5 and $10\n```\n~~~\n\\[z\\]\n~~~";
    expect(prepareMath(fenced)).toEqual({ text: fenced, hasMath: false });
    expect(prepareMath("```\n$x$\n\\(y")).toEqual({ text: "```\n$x$\n\\(y", hasMath: false });
  });

  it("reads math again after a fence closes", () => {
    expect(prepareMath("```\n$x$\n```\n\\(y\\)")).toEqual({ text: "```\n$x$\n```\n$y$", hasMath: true });
  });

  it("a ```math fence stays code too (only remark-math's formulas become formulas; see math-plugins)", () => {
    expect(prepareMath("```math\nx^2\n```").hasMath).toBe(false);
  });
});

describe("prepareMath: streaming", () => {
  it("an unclosed \\( or \\[ is left as text until it closes", () => {
    expect(prepareMath("The area \\(\\pi r")).toEqual({ text: "The area \\(\\pi r", hasMath: false });
    expect(prepareMath("Then \\[\\int_0")).toEqual({ text: "Then \\[\\int_0", hasMath: false });
    expect(prepareMath("The area \\(\\pi r^2\\)").hasMath).toBe(true);
  });

  it("an unclosed $ or $$ is escaped, so it shows as text until it closes", () => {
    expect(prepareMath("Let $x^")).toEqual({ text: "Let \\$x^", hasMath: false });
    expect(prepareMath("$$\n\\int_0^1\n\nf")).toEqual({ text: "\\$\\$\n\\int_0^1\n\nf", hasMath: false });
    expect(formulas(text("$$\n\\int_0^1"))).toEqual([]);
  });

  it("a $$ display block may hold a blank line", () => {
    expect(prepareMath("$$\na\n\nb\n$$")).toEqual({ text: "$$\na\n\nb\n$$", hasMath: true });
    expect(formulas("$$\na\n\nb\n$$")).toEqual(["display:a\n\nb"]);
  });

  it("an empty \\(\\) is not a formula", () => {
    expect(prepareMath("\\(\\) and \\( \\)").hasMath).toBe(false);
  });
});
