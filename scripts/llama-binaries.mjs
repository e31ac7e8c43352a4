// Which of node-llama-cpp's prebuilt llama.cpp binaries an install keeps. Runs as the root
// `postinstall`, after every `npm install` and `npm ci`.
//
// node-llama-cpp lists a prebuilt package for every platform as an optional dependency, and npm's
// os/cpu filter still leaves six of them, 680 MB, on a Linux x64 machine. The app runs llama.cpp on
// the CPU (getLlama({ build: "never" }), with `gpu: false` unless LOCAL_GPU is set), so by default:
//
// - The CUDA and Vulkan builds (@node-llama-cpp/linux-x64-cuda 181 MB, -cuda-ext 357 MB, -vulkan
//   81 MB) are never downloaded: package.json's "overrides" replace them with
//   scripts/gpu-build-omitted.tgz, a 1 KB stub package made from STUB_FILES below. node-llama-cpp
//   asks a build package for getBinsDir(); the stub answers with the real build's when LOCAL_GPU
//   installed one, and with nothing otherwise, so node-llama-cpp loads its CPU build,
//   @node-llama-cpp/linux-x64, as it does when an optional build is missing. `npm ls` shows the stubs
//   as `@node-llama-cpp/linux-x64-cuda@npm:gpu-build-omitted@0.0.0`.
// - Builds for another CPU are removed after the install: linux-arm64 (19 MB) and linux-armv7l
//   (13 MB) declare `"cpu": ["arm64" or "arm", "x64"]`, so npm installs them on x64 too, where nothing
//   loads them (they can't be stubbed like the GPU builds: on an arm machine they are the CPU build).
//   `npm ls` lists a removed one as UNMET OPTIONAL DEPENDENCY, which is not an error.
//
// GPU builds, in one line:   LOCAL_GPU=1 npm install   (LOCAL_GPU=cuda or LOCAL_GPU=vulkan: one kind)
// installs the real builds from the npm registry, at node-llama-cpp's own version, into
// node_modules/.cache/local-gpu, where the stubs find them. `npm install <package>` keeps them; the
// next `npm install` or `npm ci` without LOCAL_GPU removes them again.
//
// Changing the stub: edit STUB_FILES, then `node scripts/llama-binaries.mjs make-stub` rewrites the
// .tgz and its integrity in package-lock.json (npm would otherwise keep installing the old one from
// its cache). Changing the overrides (or node-llama-cpp's version): npm 11 resolves a `file:` override
// against node-llama-cpp's folder, finds nothing there and silently drops the stubs, unless
// node-llama-cpp itself is resolved in the same run; so delete the "node_modules/node-llama-cpp" and
// "node_modules/@node-llama-cpp/*" entries from package-lock.json before that `npm install`, and check
// that the lockfile has the three entries with "resolved": "file:scripts/gpu-build-omitted.tgz".
// Usage: node scripts/llama-binaries.mjs [make-stub]
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const scope = path.join(root, "node_modules", "@node-llama-cpp");
const gpuPrefix = path.join(root, "node_modules", ".cache", "local-gpu");
const STUB_TGZ = path.join(root, "scripts", "gpu-build-omitted.tgz");
const STUB_FILES = {
  "package.json": `${JSON.stringify(
    {
      name: "gpu-build-omitted",
      version: "0.0.0",
      description:
        "Stands in for a CUDA or Vulkan build of node-llama-cpp, which the project leaves out of its default install (scripts/llama-binaries.mjs). `LOCAL_GPU=1 npm install` installs the real one.",
      license: "MIT",
      type: "module",
      exports: "./index.js",
    },
    null,
    2,
  )}\n`,
  "index.js": `// Installed as node_modules/@node-llama-cpp/<build> in place of a GPU build of node-llama-cpp.
// \`LOCAL_GPU=1 npm install\` puts the real build in node_modules/.cache/local-gpu; without it there
// is nothing to hand over, and node-llama-cpp falls back to its CPU build.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const build = path.join(here, "..", "..", ".cache", "local-gpu", "node_modules", "@node-llama-cpp", path.basename(here), "dist", "index.js");
const real = await import(pathToFileURL(build).href).catch(() => undefined);

/** node-llama-cpp's question to a prebuilt build package: where are your binaries, and of which version. */
export function getBinsDir() {
  return real?.getBinsDir?.();
}
`,
};
/** What each LOCAL_GPU value installs: the Linux x64 GPU builds, the ones package.json stubs. */
const GPU_BUILDS = { cuda: ["linux-x64-cuda", "linux-x64-cuda-ext"], vulkan: ["linux-x64-vulkan"] };

const readJson = (file) => {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
};
const size = (dir) => {
  try {
    return `${execFileSync("du", ["-sm", dir], { encoding: "utf8" }).split("\t")[0]} MB`;
  } catch {
    return "size unknown";
  }
};
const log = (line) => console.log(`llama-binaries: ${line}`);

if (process.argv[2] === "make-stub") {
  const dir = mkdtempSync(path.join(os.tmpdir(), "gpu-build-omitted-"));
  for (const [name, text] of Object.entries(STUB_FILES)) writeFileSync(path.join(dir, name), text);
  const [{ filename }] = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", dir], { cwd: dir, encoding: "utf8" }));
  renameSync(path.join(dir, filename), STUB_TGZ);
  rmSync(dir, { recursive: true, force: true });
  // npm keeps a file: tarball's integrity in the lockfile and would go on installing the old stub
  // from its cache: record the new one.
  const integrity = `sha512-${createHash("sha512").update(readFileSync(STUB_TGZ)).digest("base64")}`;
  const lockFile = path.join(root, "package-lock.json");
  const lock = JSON.parse(readFileSync(lockFile, "utf8"));
  const stubs = Object.values(lock.packages ?? {}).filter((entry) => entry.resolved === `file:${path.relative(root, STUB_TGZ)}`);
  for (const entry of stubs) entry.integrity = integrity;
  writeFileSync(lockFile, `${JSON.stringify(lock, null, 2)}\n`);
  log(`wrote ${path.relative(root, STUB_TGZ)} (${integrity}), and that integrity into ${stubs.length} package-lock.json entries`);
  process.exit(0);
}

const llamaVersion = readJson(path.join(root, "node_modules", "node-llama-cpp", "package.json"))?.version;
if (!llamaVersion || !existsSync(scope)) process.exit(0);

// 1. Builds for another platform or CPU: nothing here loads them.
const PLATFORMS = { linux: "linux", mac: "darwin", win: "win32" };
const ARCHS = { x64: "x64", arm64: "arm64", armv7l: "arm", riscv64: "riscv64" };
for (const name of readdirSync(scope)) {
  const [platform, arch] = name.split("-");
  if (!PLATFORMS[platform] || !ARCHS[arch]) continue;
  if (PLATFORMS[platform] === process.platform && ARCHS[arch] === process.arch) continue;
  const dir = path.join(scope, name);
  const mb = size(dir);
  rmSync(dir, { recursive: true, force: true });
  log(`removed @node-llama-cpp/${name} (${mb}): built for ${PLATFORMS[platform]} ${ARCHS[arch]}, this machine is ${process.platform} ${process.arch}`);
}

// 2. LOCAL_GPU: which GPU builds node_modules/.cache/local-gpu holds (none without it).
const value = (process.env.LOCAL_GPU ?? "").trim().toLowerCase();
const kinds = value === "1" || value === "true" ? ["cuda", "vulkan"] : value in GPU_BUILDS ? [value] : [];
if (value && value !== "0" && value !== "false" && kinds.length === 0) {
  console.warn(`llama-binaries: LOCAL_GPU=${process.env.LOCAL_GPU} is not one of 1, true, cuda, vulkan (or 0, false): GPU builds left as they are`);
  process.exit(0);
}
if (kinds.length && (process.platform !== "linux" || process.arch !== "x64")) {
  log(`LOCAL_GPU: only the Linux x64 GPU builds are left out of the install; on ${process.platform} ${process.arch} npm installs node-llama-cpp's own set`);
  process.exit(0);
}
const wanted = kinds.flatMap((kind) => GPU_BUILDS[kind]);
const gpuScope = path.join(gpuPrefix, "node_modules", "@node-llama-cpp");
const present = existsSync(gpuScope) ? readdirSync(gpuScope) : [];
const current =
  present.length === wanted.length &&
  wanted.every((name) => readJson(path.join(gpuScope, name, "package.json"))?.version === llamaVersion);
if (current) {
  for (const name of wanted) log(`LOCAL_GPU: @node-llama-cpp/${name}@${llamaVersion} is installed`);
  process.exit(0);
}
if (wanted.length === 0) {
  const mb = size(gpuPrefix);
  rmSync(gpuPrefix, { recursive: true, force: true });
  log(`LOCAL_GPU is not set: removed the GPU builds an earlier LOCAL_GPU install left (${mb}); the CPU build is used`);
  process.exit(0);
}
const specs = wanted.map((name) => `@node-llama-cpp/${name}@${llamaVersion}`);
log(`LOCAL_GPU=${process.env.LOCAL_GPU}: installing ${specs.join(" ")} from the npm registry into ${path.relative(root, gpuPrefix)}…`);
mkdirSync(gpuPrefix, { recursive: true });
try {
  // The complete set each time: npm removes from the prefix the builds the set no longer names.
  execFileSync("npm", ["install", "--prefix", gpuPrefix, "--no-save", "--no-package-lock", "--ignore-scripts", "--no-audit", "--no-fund", ...specs], {
    stdio: "inherit",
  });
} catch {
  console.error(`llama-binaries: could not install ${specs.join(" ")} from the npm registry`);
  process.exit(1);
}
for (const name of wanted) log(`LOCAL_GPU: @node-llama-cpp/${name}@${llamaVersion} installed (${size(path.join(gpuScope, name))})`);
