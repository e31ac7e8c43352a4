import { describe, expect, it } from "vitest";
import { DEFAULT_PARAMS } from "../params";
import { byLastSave, listingOf, searchListings } from "./listing";
import { newPrompt, withNewVersion, type PromptContent } from "./prompt";

const content = (systemMessage: string): PromptContent => ({ systemMessage, messages: [], params: DEFAULT_PARAMS, variables: [] });

describe("prompt listings", () => {
  const older = newPrompt("Summarise", content("You write SHORT summaries."), { now: new Date("2026-01-01T00:00:00Z"), description: "For Émile's notes" });
  const newer = withNewVersion(newPrompt("Translate", content("old words"), { now: new Date("2026-01-02T00:00:00Z") }), content("French to English"), "v2", new Date("2026-03-01T00:00:00Z"));
  const listings = [listingOf(older), listingOf(newer)].sort(byLastSave);

  it("hold what the list shows, from the latest version", () => {
    expect(listings.map((l) => [l.name, l.versions, l.latestVersion, l.savedAt])).toEqual([
      ["Translate", 2, 2, "2026-03-01T00:00:00.000Z"],
      ["Summarise", 1, 1, "2026-01-01T00:00:00.000Z"],
    ]);
    expect(listings[1].description).toBe("For Émile's notes");
    expect("description" in listings[0]).toBe(false);
  });

  it("are searched in name, description and latest system message, in any case", () => {
    const names = (query: string) => searchListings(listings, query).map((l) => l.name);
    expect(names("")).toEqual(["Translate", "Summarise"]);
    expect(names("  short ")).toEqual(["Summarise"]);
    expect(names("émile")).toEqual(["Summarise"]);
    expect(names("FRENCH")).toEqual(["Translate"]);
    // Only the latest version's text is searched.
    expect(names("old words")).toEqual([]);
  });
});
