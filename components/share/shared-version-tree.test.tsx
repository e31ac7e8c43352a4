import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { SharedTree } from "@/lib/shares/snapshot";
import { SharedVersionTree } from "./shared-version-tree";

/** "Hi" answered twice, the second shown; the first reply went on to a follow-up. */
const tree: SharedTree = {
  roots: ["m1"],
  activeRoot: "m1",
  nodes: {
    m1: { parent: null, children: ["m2", "m4"], active: "m4", message: { role: "user", content: "Hi" } },
    m2: { parent: "m1", children: ["m3"], active: "m3", message: { role: "assistant", content: "Hello!" } },
    m3: { parent: "m2", children: [], message: { role: "user", content: "And then?" } },
    m4: { parent: "m1", children: [], message: { role: "assistant", content: "Hi there." } },
  },
};

describe("a shared conversation with its other versions, rendered on the server", () => {
  it("shows the shared path, and a navigator with its position on a message that has versions, disabled until the page is interactive", () => {
    const html = renderToStaticMarkup(
      <ol>
        <SharedVersionTree tree={tree} prices={null} />
      </ol>,
    );
    expect(html).toContain("Hi there.");
    expect(html).not.toContain("Hello!");
    expect(html).not.toContain("And then?");
    expect(html.match(/role="group" aria-label="Versions of this message"/g)).toHaveLength(1);
    expect(html).toContain('aria-label="Version 2 of 2"');
    expect(html).toMatch(/<button type="button" class="btn-quiet" aria-label="Previous version" disabled=""/);
  });
});
