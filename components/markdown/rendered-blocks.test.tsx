import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { PluggableList } from "./markdown-options";
import { renderedBlock } from "./rendered-blocks";

describe("renderedBlock", () => {
  it("renders a settled block once, for every reply that shows it", () => {
    const first = renderedBlock("A **bold** word, block one.", {}, true);
    expect(renderToStaticMarkup(first)).toBe("<p>A <strong>bold</strong> word, block one.</p>");
    expect(renderedBlock("A **bold** word, block one.", {}, true)).toBe(first);
  });

  it("renders a growing block every time: its prefixes are not kept", () => {
    const growing = renderedBlock("Still *growing*", {}, false);
    expect(renderToStaticMarkup(growing)).toBe("<p>Still <em>growing</em></p>");
    expect(renderedBlock("Still *growing*", {}, false)).not.toBe(growing);
    // …and a later settled render of the same text is not served from a growing one.
    expect(renderedBlock("Still *growing*", {}, true)).not.toBe(growing);
  });

  it("keeps the renderings with and without a plugin apart", () => {
    const marker: PluggableList = [() => (tree) => void (tree as { children: unknown[] }).children.push({ type: "text", value: "!" })];
    const plain = renderedBlock("Same text", {}, true);
    const plugged = renderedBlock("Same text", { highlight: marker }, true);
    expect(plugged).not.toBe(plain);
    expect(renderToStaticMarkup(plugged)).toBe("<p>Same text</p>!");
    expect(renderedBlock("Same text", { highlight: marker }, true)).toBe(plugged);
  });
});
