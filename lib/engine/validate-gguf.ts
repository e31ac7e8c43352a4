/**
 * Checks an unknown GGUF file before the server loads it: the magic bytes here, then a
 * trial load in a child process, since a llama.cpp assertion would abort the server itself.
 */
import { execFile } from "node:child_process";
import { open } from "node:fs/promises";
import path from "node:path";

export async function validateGguf(modelPath: string): Promise<void> {
  const file = await open(modelPath, "r").catch((e: NodeJS.ErrnoException) => {
    throw new Error(`cannot open LOCAL_MODEL_PATH ${modelPath}: ${e.code ?? e.message}`);
  });
  try {
    const magic = Buffer.alloc(4);
    await file.read(magic, 0, 4, 0);
    if (magic.toString("ascii") !== "GGUF") throw new Error(`${modelPath} is not a GGUF file`);
  } finally {
    await file.close();
  }

  const checker = path.join(process.cwd(), "scripts", "check-gguf.mjs");
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, [checker, modelPath], { timeout: 300_000 }, (error, _stdout, stderr) => {
      if (!error) return resolve();
      const why = stderr.trim().split("\n").slice(-3).join(" ") || (error.signal ? `crashed (${error.signal})` : error.message);
      reject(new Error(`llama.cpp could not load ${path.basename(modelPath)}: ${why}`));
    });
  });
}
