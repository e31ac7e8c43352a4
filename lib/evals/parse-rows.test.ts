import { describe, expect, it } from "vitest";
import { guessDelimiter, parseDelimited } from "./parse-delimited";
import { parseJsonl } from "./parse-jsonl";
import { fileProblem, formatOfFileName, parseRows, parseRowsFile } from "./parse-rows";
import { utf8Length } from "./row-input";

const vars = ["city", "tone"];

describe("CSV and TSV", () => {
  it("reads a header of variables and rows of values, in any column order", () => {
    expect(parseDelimited("tone,city\nformal,Paris\ncasual,Rome\n", vars)).toEqual({
      ok: true,
      format: "csv",
      columns: ["tone", "city"],
      rows: [{ tone: "formal", city: "Paris" }, { tone: "casual", city: "Rome" }],
    });
  });

  it("keeps quoted values with delimiters, quotes and new lines whole", () => {
    const csv = 'city,tone\n"Paris, France","say ""bonjour""\nthen leave"\n';
    expect(parseDelimited(csv, vars)).toMatchObject({ ok: true, rows: [{ city: "Paris, France", tone: 'say "bonjour"\nthen leave' }] });
  });

  it("takes a byte-order mark, CRLF line ends, an empty last line and blank lines in between", () => {
    expect(parseDelimited("\uFEFFcity,tone\r\nParis,formal\r\n\r\nRome,\r\n\r\n", vars)).toEqual({
      ok: true,
      format: "csv",
      columns: ["city", "tone"],
      rows: [{ city: "Paris", tone: "formal" }, { city: "Rome", tone: "" }],
    });
  });

  it("detects a tab or a semicolon as the delimiter, and a comma inside a TSV value stays", () => {
    expect(guessDelimiter("city\ttone\nParis, France\tformal\n")).toBe("\t");
    expect(parseRows("city\ttone\nParis, France\tformal\n", vars)).toMatchObject({ ok: true, format: "tsv", rows: [{ city: "Paris, France", tone: "formal" }] });
    expect(parseRows("city;tone\nParis;formal\n", vars)).toMatchObject({ ok: true, format: "csv", rows: [{ city: "Paris", tone: "formal" }] });
  });

  it("reads a one-column file, which has no delimiter to detect", () => {
    expect(parseRows("city\nParis\nRome\n", ["city"])).toMatchObject({ ok: true, rows: [{ city: "Paris" }, { city: "Rome" }] });
  });

  it("names the row and the columns of a ragged row, counting rows as a spreadsheet does", () => {
    const read = parseDelimited("city,tone\nParis,formal\n\nRome\nOslo,casual,extra\n", vars);
    expect(read).toEqual({
      ok: false,
      errors: [
        'Row 4 has 1 value for 2 columns: no value for "tone". Leave a value empty with an empty field (two delimiters in a row), not by leaving it out.',
        "Row 5 has 3 values for 2 columns: column C has no header. A value holding the delimiter must be in quotes.",
      ],
    });
  });

  it("names an unknown column, suggesting the variable it was probably meant to be", () => {
    expect(parseDelimited("City,tone,country\nParis,formal,France\n", vars)).toEqual({
      ok: false,
      errors: [
        'Column A: "City" is not a variable of this prompt (did you mean "city"? names are case-sensitive); the prompt\'s variables are "city", "tone".',
        'Column C: "country" is not a variable of this prompt; the prompt\'s variables are "city", "tone".',
        'No column for the variable "city": every variable of the prompt needs a column (leave its values empty to use the default).',
      ],
    });
  });

  it("says which variable has no column", () => {
    expect(parseDelimited("city\nParis\n", ["city", "tone", "length"])).toEqual({
      ok: false,
      errors: ['No columns for the variables "tone", "length": every variable of the prompt needs a column (leave its values empty to use the default).'],
    });
  });

  it("names a repeated and an empty header", () => {
    expect(parseDelimited("city,tone,city,\nParis,formal,Rome,x\n", vars)).toEqual({
      ok: false,
      errors: ['Column C repeats the column "city" (already column A); each variable may have one column.', "Column D of the header (row 1) has no name; name it after a variable."],
    });
  });

  it("names the row of a quote that is never closed, and imports nothing", () => {
    expect(parseDelimited('city,tone\nParis,formal\n"Rome,casual\nOslo,x\n', vars)).toEqual({
      ok: false,
      errors: ['Row 3: a quoted value is never closed (a " opens it and no " ends it).'],
    });
  });

  it("refuses 10,000 rows, stating the cap of 5,000", () => {
    const csv = `city,tone\n${"Paris,formal\n".repeat(10_000)}`;
    expect(parseDelimited(csv, vars)).toEqual({ ok: false, errors: ["There are 10,000 rows; a test set may have at most 5,000."] });
    expect(parseDelimited(`city,tone\n${"Paris,formal\n".repeat(5_000)}`, vars)).toMatchObject({ ok: true });
  });

  it("refuses a 5 MB cell, naming its row and column, and a text over 5 MB", () => {
    expect(parseDelimited(`city,tone\nParis,formal\nRome,${"x".repeat(200_000)}\n`, vars)).toEqual({
      ok: false,
      errors: ['Row 3, column "tone": the value is 200,000 characters; a value may be at most 100,000.'],
    });
    expect(parseDelimited(`city,tone\nRome,${"x".repeat(5_000_000)}\n`, vars)).toEqual({ ok: false, errors: ["The text is 5.0 MB; test cases may be at most 5 MB."] });
  });

  it("lists at most 20 faults and says how many more there are", () => {
    const read = parseDelimited(`city,tone\n${"Paris\n".repeat(30)}`, vars);
    expect(!read.ok && read.errors.length).toBe(21);
    expect(!read.ok && read.errors[20]).toBe("…and 10 more");
  });

  it("says so for an empty text and for a header without rows", () => {
    expect(parseDelimited("  \n", vars)).toEqual({ ok: false, errors: ["There is nothing to import: the text is empty."] });
    expect(parseDelimited("city,tone\n", vars)).toEqual({ ok: false, errors: ["There is a header but no rows under it."] });
  });
});

describe("JSON Lines", () => {
  it("reads one object per line; numbers become their text, blank lines and CRLF are fine", () => {
    expect(parseJsonl('\uFEFF{"city": "Paris", "tone": "formal"}\r\n\r\n{"city": "Rome", "tone": 3.5}\n', vars)).toEqual({
      ok: true,
      format: "jsonl",
      columns: ["city", "tone"],
      rows: [{ city: "Paris", tone: "formal" }, { city: "Rome", tone: "3.5" }],
    });
  });

  it("lets a line leave a key out (its default applies) but needs every variable somewhere", () => {
    expect(parseJsonl('{"city": "Paris", "tone": "formal"}\n{"city": "Rome"}\n', vars)).toMatchObject({ ok: true, rows: [{ city: "Paris", tone: "formal" }, { city: "Rome" }] });
    expect(parseJsonl('{"city": "Paris"}\n', vars)).toEqual({
      ok: false,
      errors: ['No key for the variable "tone": every variable of the prompt needs a key (leave its values empty to use the default).'],
    });
  });

  it("names the line of bad JSON, of a line that is not an object, and of a value that is not text", () => {
    const read = parseJsonl('{"city": "Paris", "tone": "x"}\n{"city": "Rome",}\n["Oslo"]\n{"city": null, "tone": true}\n{"country": "France"}\n', vars);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.errors).toEqual([
      expect.stringMatching(/^Line 2 is not JSON: /),
      'Line 3 is a list; each line must be an object of variable → value, like {"city": "Paris"}.',
      'Line 4, "city": the value is null; a value must be a text or a number.',
      'Line 4, "tone": the value is true; a value must be a text or a number.',
      'Line 5: "country" is not a variable of this prompt; the prompt\'s variables are "city", "tone".',
    ]);
  });

  it("states the row and value caps", () => {
    expect(parseJsonl('{"city": "a", "tone": "b"}\n'.repeat(5_001), vars)).toEqual({ ok: false, errors: ["There are 5,001 rows; a test set may have at most 5,000."] });
    expect(parseJsonl(JSON.stringify({ city: "x".repeat(100_001), tone: "b" }), vars)).toEqual({
      ok: false,
      errors: ['Line 1, "city": the value is 100,001 characters; a value may be at most 100,000.'],
    });
  });
});

describe("pastes and files", () => {
  it("tells JSON Lines from CSV by the first character", () => {
    expect(parseRows('  {"city": "Paris", "tone": "x"}', vars)).toMatchObject({ ok: true, format: "jsonl" });
    expect(parseRows("city,tone\nParis,x", vars)).toMatchObject({ ok: true, format: "csv" });
  });

  it("takes a file's format from its name and refuses others before reading them", async () => {
    expect(formatOfFileName("cases.CSV")).toBe("csv");
    expect(formatOfFileName("cases.tsv")).toBe("tsv");
    expect(formatOfFileName("cases.ndjson")).toBe("jsonl");
    expect(formatOfFileName("cases.txt")).toBe("auto");
    expect(fileProblem({ name: "cases.xlsx", size: 10 })).toBe('"cases.xlsx" is not a .csv, .tsv, .jsonl or .txt file.');
    expect(fileProblem({ name: "cases.csv", size: 6_000_000 })).toBe("The text is 6.0 MB; test cases may be at most 5 MB.");
    let read = false;
    const huge = { name: "cases.csv", size: 2e9, text: async () => ((read = true), "") };
    expect(await parseRowsFile(huge, vars)).toEqual({ ok: false, errors: ["The text is 2000.0 MB; test cases may be at most 5 MB."] });
    expect(read).toBe(false);
    expect(await parseRowsFile({ name: "a.tsv", size: 20, text: async () => "city\ttone\nParis, France\tx\n" }, vars)).toMatchObject({ ok: true, rows: [{ city: "Paris, France" }] });
  });

  it("measures UTF-8 bytes without encoding", () => {
    for (const text of ["abc", "é", "€", "😀", "a😀b\ud800"]) expect(utf8Length(text), text).toBe(new TextEncoder().encode(text).length);
  });
});
