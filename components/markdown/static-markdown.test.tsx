import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { StaticMarkdown } from "./static-markdown";

const render = (text: string) => renderToStaticMarkup(<StaticMarkdown text={text} />);

describe("StaticMarkdown: math", () => {
  it("renders \\(x^2\\) inline and \\[\\int_0^1 f\\] as display math with KaTeX, with MathML for screen readers", () => {
    const html = render("Inline \\(x^2\\) and display \\[\\int_0^1 f\\] done.");
    expect(html).toContain('class="katex"');
    expect(html).toContain('class="katex-display"');
    expect(html.match(/class="katex"/g)).toHaveLength(2);
    expect(html).toContain('<math xmlns="http://www.w3.org/1998/Math/MathML"');
    expect(html).toContain('<annotation encoding="application/x-tex">\\int_0^1 f</annotation>');
    expect(html).toContain("done.");
  });

  it("renders $…$ and $$…$$ too", () => {
    const html = render("Let $y = mx + b$.\n\n$$\nE = mc^2\n$$");
    expect(html.match(/class="katex"/g)).toHaveLength(2);
    expect(html).toContain('class="katex-display"');
  });

  it("keeps currency as text", () => {
    const html = render("It costs $5 and $10, or $5.");
    expect(html).toBe('<div class="markdown"><p>It costs $5 and $10, or $5.</p></div>');
  });

  it("keeps code spans and fences as code, ```math included", () => {
    // With a formula beside them, so remark-math and KaTeX both run.
    const html = render("Use `$x$` and `\\(y\\)`, unlike $a$.\n\n```text\n$$\nz\n$$\n```\n\n```math\nw^2\n```");
    expect(html.match(/class="katex"/g)).toHaveLength(1);
    expect(html).toContain("<code>$x$</code>");
    expect(html).toContain("<code>\\(y\\)</code>");
    expect(html).toContain("$$\nz\n$$");
    expect(html).toContain("w^2");
  });

  it("an unclosed formula shows as text", () => {
    const html = render("The area \\(\\pi r and $$\n\\int_0");
    expect(html).not.toContain("katex");
    expect(html).toContain("$$");
  });

  it("renders \\href and other untrusted commands inert: no link, no script, no HTML from the model", () => {
    const html = render("$\\href{javascript:alert(1)}{x}$ \\(\\url{javascript:alert(2)}\\) $\\htmlClass{evil}{y}$ $\\includegraphics{http://example.com/a.png}$ $<img src=x onerror=alert(3)>$");
    expect(html).toContain('class="katex"');
    expect(html).not.toMatch(/<a[\s>]/);
    expect(html).not.toMatch(/href=/);
    expect(html).not.toMatch(/<(img|script|iframe)\b/i);
    expect(html).not.toMatch(/<[^>]+\son\w+=/i);
    expect(html).not.toContain('class="evil"');
    // What remains of it is text: the TeX source in the MathML annotation, error text in red.
    expect(html).toContain("javascript:alert(1)");
  });
});
