/**
 * ESLint rule: browser code never imports a module that says `import "server-only"`.
 *
 * Browser code is a file that says "use client", or any file under a browser folder (lib/client,
 * lib/store, lib/hooks, lib/compare). Type-only imports are erased before the browser sees them,
 * so they are allowed. Next's build catches the same mistake further away (through any chain of
 * imports); this names the import line at once.
 */
import fs from "node:fs";
import path from "node:path";

const BROWSER_FOLDERS = ["lib/client/", "lib/store/", "lib/hooks/", "lib/compare/"];
const EXTENSIONS = ["", ".ts", ".tsx", ".mjs", "/index.ts", "/index.tsx"];
const serverOnlyCache = new Map();

function resolveImport(fromFile, specifier, root) {
  let base;
  if (specifier.startsWith("@/")) base = path.join(root, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(fromFile), specifier);
  else return undefined;
  for (const extension of EXTENSIONS) {
    const candidate = base + extension;
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

function isServerOnly(file) {
  if (!serverOnlyCache.has(file)) serverOnlyCache.set(file, /^import\s+["']server-only["'];?\s*$/m.test(fs.readFileSync(file, "utf8")));
  return serverOnlyCache.get(file);
}

/** @type {import("eslint").Rule.RuleModule} */
export const noServerOnlyInBrowser = {
  meta: {
    type: "problem",
    docs: { description: "Browser code must not import a server-only module" },
    schema: [],
    messages: { serverOnly: "Browser code imports {{name}}, a server-only module: move what the browser needs into a browser-safe module." },
  },
  create(context) {
    const root = context.cwd;
    const file = context.filename;
    const relative = path.relative(root, file).split(path.sep).join("/");
    const inBrowserFolder = BROWSER_FOLDERS.some((folder) => relative.startsWith(folder));
    let browser = inBrowserFolder;
    const check = (node, source, typeOnly) => {
      if (!browser || typeOnly || typeof source !== "string") return;
      const target = resolveImport(file, source, root);
      if (target && isServerOnly(target)) context.report({ node, messageId: "serverOnly", data: { name: path.relative(root, target) } });
    };
    return {
      Program(program) {
        const first = program.body[0];
        if (first?.type === "ExpressionStatement" && first.directive === "use client") browser = true;
      },
      ImportDeclaration(node) {
        const typeOnly = node.importKind === "type" || (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === "type"));
        check(node, node.source.value, typeOnly);
      },
      ExportNamedDeclaration(node) {
        if (node.source) check(node, node.source.value, node.exportKind === "type");
      },
      ExportAllDeclaration(node) {
        check(node, node.source.value, node.exportKind === "type");
      },
      ImportExpression(node) {
        if (node.source.type === "Literal") check(node, node.source.value, false);
      },
    };
  },
};
