// Loads a GGUF file with node-llama-cpp and exits 0 if it works. Run in a child process:
// a llama.cpp assertion on a bad file aborts the whole process, which must not be the server.
import { getLlama, LlamaLogLevel } from "node-llama-cpp";

const modelPath = process.argv[2];
try {
  const llama = await getLlama({ build: "never", gpu: false, logLevel: LlamaLogLevel.error, progressLogs: false });
  const model = await llama.loadModel({ modelPath, useMmap: true });
  const context = await model.createContext({ contextSize: 256, threads: 1 });
  await context.dispose();
  await model.dispose();
  process.exit(0);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
