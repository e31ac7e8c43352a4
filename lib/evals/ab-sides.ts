/**
 * A blind A/B's sides when they are two saved versions of the open prompt (docs/evals.md
 * "Blind A/B"): what a side holds as it was sent, and what it is called. Light (no request code),
 * so the reveal and the share page can name the sides; ./ab-version-side.ts makes the requests.
 */
import type { ChatMessage, RequestOptions } from "../chat/request";

/** One version as a side: as it was sent (filled), so the reveal and a share show what the model read. */
export interface AbVersionSide {
  version: number;
  note?: string;
  systemMessage: string;
  /** The version's template turns, sent before the message judged. */
  turns: ChatMessage[];
  options?: RequestOptions;
  model?: string;
}

/** Both sides when they are versions, and the prompt they are versions of. */
export interface AbVersions {
  prompt: string;
  sides: [AbVersionSide, AbVersionSide];
}

/** Past this, a note is cut in a side's name (the whole note stays in the version list). */
const NOTE_IN_NAME = 60;

/** "Version 3 (shorter answers)", "Version 5": what the reveal, the Markdown and the share page call a side. */
export function versionSideName({ version, note }: Pick<AbVersionSide, "version" | "note">): string {
  const flat = note?.replace(/\s+/g, " ").trim();
  if (!flat) return `Version ${version}`;
  return `Version ${version} (${flat.length > NOTE_IN_NAME ? `${flat.slice(0, NOTE_IN_NAME - 1).trimEnd()}…` : flat})`;
}

/** The two sides' names: the versions', else the settings' names the caller gives. */
export const abSideNames = (versions: AbVersions | undefined, settingNames: readonly [string, string]): [string, string] =>
  versions ? [versionSideName(versions.sides[0]), versionSideName(versions.sides[1])] : [settingNames[0], settingNames[1]];

/** A side's name in a table of rounds: short, without the note. */
export const abSideShortName = (versions: AbVersions | undefined, index: 0 | 1) => (versions ? `Version ${versions.sides[index].version}` : `Setting ${index + 1}`);
