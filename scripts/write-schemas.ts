/** Writes the JSON Schemas of the files people keep into docs/ (unit tests check they are current). */
import fs from "node:fs";
import path from "node:path";
import { promptFileJsonSchema } from "../lib/prompts/prompt-file";
import { conversationFileJsonSchema } from "../lib/store/conversation-files/conversation-file-schema";

for (const [name, schema] of [
  ["prompt-file.schema.json", promptFileJsonSchema()],
  ["conversation-file.schema.json", conversationFileJsonSchema()],
] as const) {
  const target = path.join(import.meta.dirname, "../docs", name);
  fs.writeFileSync(target, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}
