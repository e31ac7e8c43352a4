"use client";
import { useId, useState } from "react";
import { parseRows, parseRowsFile, type ParsedRows } from "@/lib/evals/parse-rows";
import { appendRows, type TestSet } from "@/lib/evals/test-set";
import { testSetCsv } from "@/lib/evals/test-set-csv";
import { downloadText } from "../prompts/download";
import { FileInput } from "../ui/file-input";

/** Paste rows, import a file, export the rows: all or nothing, every fault listed with its row and column. */
export function TestCasesImport({ set, variables, onChange }: { set: TestSet; variables: readonly string[]; onChange(next: TestSet): void }) {
  const ids = { paste: useId(), file: useId() };
  const [pasting, setPasting] = useState(false);
  const [text, setText] = useState("");
  const [errors, setErrors] = useState<string[]>([]);
  const [done, setDone] = useState("");

  const add = (parsed: ParsedRows, source: string): boolean => {
    setDone("");
    const added = parsed.ok ? appendRows(set, parsed.rows) : null;
    if (!parsed.ok || !added?.ok) {
      setErrors(!parsed.ok ? parsed.errors : added && !added.ok ? [added.error] : []);
      return false;
    }
    setErrors([]);
    onChange(added.set);
    setDone(`Added ${added.added.length} row${added.added.length === 1 ? "" : "s"} from ${source} (${parsed.format.toUpperCase()}).`);
    return true;
  };

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className="btn-quiet" aria-expanded={pasting} aria-controls={ids.paste} onClick={() => setPasting((p) => !p)}>
          Paste rows
        </button>
        <span className="flex flex-wrap items-center gap-1">
          <label htmlFor={ids.file} className="text-sm font-medium">
            Import CSV or JSONL
          </label>
          <FileInput
            id={ids.file}
            accept=".csv,.tsv,.tab,.jsonl,.ndjson,.txt,text/csv,text/tab-separated-values,text/plain"
            className="max-w-full"
            onFile={async (file) => add(await parseRowsFile(file, variables), `"${file.name}"`)}
          />
        </span>
        <button type="button" className="btn-quiet" disabled={!set.rows.length} onClick={() => downloadText("test-cases.csv", testSetCsv(set), "text/csv")}>
          Export CSV
        </button>
      </div>
      {pasting ? (
        <form
          id={ids.paste}
          className="space-y-1"
          onSubmit={(e) => {
            e.preventDefault();
            if (add(parseRows(text, variables), "the paste")) setText("");
          }}
        >
          <label htmlFor={`${ids.paste}-text`} className="block text-sm font-medium">
            Rows to paste (CSV, TSV or JSON Lines; a header row of variable names first)
          </label>
          <textarea id={`${ids.paste}-text`} rows={5} className="w-full rounded border border-line bg-bg px-2 py-1 font-mono text-sm" value={text} onChange={(e) => setText(e.target.value)} />
          <button type="submit" className="btn-primary" disabled={!text.trim()}>
            Add rows
          </button>
        </form>
      ) : null}
      {errors.length ? (
        <div role="alert" className="rounded border border-red-600 p-2 text-sm text-red-700 dark:border-red-400 dark:text-red-300">
          <p className="font-medium">Nothing was added:</p>
          <ul className="list-disc pl-5">
            {errors.map((error, i) => (
              <li key={i}>{error}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <p role="status" className="text-sm text-muted">
        {done}
      </p>
    </div>
  );
}
