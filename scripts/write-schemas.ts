/** Writes the JSON Schemas of the files people keep into docs/ (a unit test checks they are current). */
import fs from "node:fs";
import path from "node:path";
import { promptFileJsonSchema } from "../lib/prompts/prompt-file";

const target = path.join(import.meta.dirname, "../docs/prompt-file.schema.json");
fs.writeFileSync(target, `${JSON.stringify(promptFileJsonSchema(), null, 2)}\n`);
console.log(`wrote ${path.relative(process.cwd(), target)}`);
