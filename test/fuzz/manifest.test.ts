import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { fixedClock } from "../../src/clock.ts";
import { lintManifest } from "../../src/lint/index.ts";
import { loadManifestFile, ManifestInvalid, parseManifest } from "../../src/manifest/index.ts";
import { exampleFile, exampleNames } from "../helpers/manifests.ts";
import { FUZZ_SEED, fuzzParameters, testTimeout } from "./settings.ts";

/** One input may take this long at most: anything slower is a hang in the making (a quadratic parse, an alias bomb). */
const PER_INPUT_MS = 2_000;
const FILE = "fuzz.yaml";

const sources = Object.fromEntries(exampleNames.map((n) => [n, readFileSync(exampleFile(n), "utf8")])) as Record<(typeof exampleNames)[number], string>;
const objects = Object.fromEntries(exampleNames.map((n) => [n, parse(sources[n])])) as Record<(typeof exampleNames)[number], unknown>;

const outcomes = { accepted: 0, refused: 0 };

/**
 * What the loader and the lint may do with any text: return a manifest whose findings each have a
 * position, or throw ManifestInvalid whose every problem names the file, a line and a column
 * inside the text. Anything else (a TypeError, a RangeError, a RegistruError without a position)
 * is a crash.
 */
function checkSource(source: string, now = new Date("2026-11-24T10:00:00Z")) {
  const lines = source.split(/\r\n|\r|\n/).length;
  const started = performance.now();
  try {
    const loaded = parseManifest(source, FILE);
    const report = lintManifest(loaded, fixedClock(now.toISOString()));
    for (const f of report.findings) {
      expect(Number.isInteger(f.line) && f.line >= 1 && f.line <= lines + 1, `${f.rule} at line ${f.line}`).toBe(true);
      expect(Number.isInteger(f.col) && f.col >= 1, `${f.rule} at col ${f.col}`).toBe(true);
    }
    expect(report.errors).toBe(report.findings.filter((f) => f.severity === "error").length);
    outcomes.accepted++;
  } catch (e) {
    if (!(e instanceof ManifestInvalid)) throw new Error(`not a ManifestInvalid but ${e instanceof Error ? `${e.name}: ${e.message}\n${e.stack}` : String(e)}`);
    expect(e.code).toBe("manifest_invalid");
    expect(e.problems.length).toBeGreaterThan(0);
    for (const p of e.problems) {
      expect(p.file).toBe(FILE);
      expect(Number.isInteger(p.line) && p.line >= 1 && p.line <= lines + 1, `line ${p.line} of ${lines}: ${p.message}`).toBe(true);
      expect(Number.isInteger(p.col) && p.col >= 1, `col ${p.col}: ${p.message}`).toBe(true);
      expect(typeof p.message === "string" && p.message.length > 0).toBe(true);
    }
    outcomes.refused++;
  }
  const took = performance.now() - started;
  if (took > PER_INPUT_MS) throw new Error(`one input took ${Math.round(took)} ms (over ${PER_INPUT_MS} ms): ${JSON.stringify(source.slice(0, 300))}`);
}

// ---- values: what a mutation puts in a manifest ----

/** Strings people and attackers write: bidi overrides, zero-width joiners, combining marks, lone surrogates, NUL, lookalikes. */
const oddText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.constantFrom("\u202Eevil", "a\u200Db", "e\u0301\u0301\u0301", "\uD800", "\uDFFF", "\u0000", "ℝ𝔬", "Ηello", "ｒｏ", "\uFEFF", "  ", "", "~", "null", "yes", "0x1F", "0o17", "-.inf", "*a", "&a", "!!str", "<<"),
);
const hugeNumber = fc.constantFrom(1e308, -1e308, 2 ** 64, -(2 ** 63), Number.MAX_SAFE_INTEGER + 2, -0, 5e-324, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
const scalar = fc.oneof(oddText, fc.integer(), fc.double(), hugeNumber, fc.boolean(), fc.constant(null), fc.date({ noInvalidDate: true }));
const anyValue = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, scalar, tie("array"), tie("object")),
  array: fc.array(tie("value"), { maxLength: 4 }),
  object: fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), oddText), tie("value"), { maxKeys: 4 }),
})).value;

type Path = Array<string | number>;

/** Every place in a document: the paths of its values, the root first. */
function pathsOf(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...path, i], out));
  else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) pathsOf(v, [...path, k], out);
  return out;
}

function parentOf(root: unknown, path: Path): Record<string | number, unknown> | undefined {
  let node = root as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) {
    if (node === null || typeof node !== "object") return undefined;
    node = node[step] as Record<string | number, unknown>;
  }
  return node !== null && typeof node === "object" ? node : undefined;
}

const nested = (depth: number, inner: unknown, asObject: boolean) => {
  let v = inner;
  for (let i = 0; i < depth; i++) v = asObject ? { n: v } : [v];
  return v;
};

/** A change at one place of a parsed example: drop, duplicate, retype, a random or odd value, deep nesting, a huge number, an unknown key. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant("drop" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("replace" as const), at: fc.nat(), value: anyValue }),
  fc.record({ kind: fc.constant("replace" as const), at: fc.nat(), value: fc.oneof(oddText, hugeNumber) }),
  fc.record({ kind: fc.constant("retype" as const), at: fc.nat() }),
  // Free text (names, purposes, addresses) takes any string: these keep the manifest valid and reach the lint.
  fc.record({ kind: fc.constant("text" as const), at: fc.nat(), value: oddText }),
  fc.record({ kind: fc.constant("nest" as const), at: fc.nat(), depth: fc.integer({ min: 2, max: 400 }), asObject: fc.boolean() }),
  fc.record({ kind: fc.constant("addKey" as const), at: fc.nat(), key: fc.oneof(oddText, fc.constantFrom("__proto__", "constructor", "prototype", "toString", "id", "legal_basis")), value: anyValue }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

/** Turns a value into one of another type: a string into a number, a list into a map, and so on. */
function retyped(v: unknown): unknown {
  if (typeof v === "string") return v.length;
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "yes" : 0;
  if (Array.isArray(v)) return Object.fromEntries(v.map((x, i) => [String(i), x]));
  if (v !== null && typeof v === "object") return Object.values(v);
  return [v];
}

function mutate(root: unknown, m: Mutation): unknown {
  const all = pathsOf(root);
  const texts = m.kind === "text" ? all.filter((p) => typeof parentOf(root, p)?.[p[p.length - 1]!] === "string") : [];
  const paths = texts.length ? texts : all;
  const path = paths[m.at % paths.length]!;
  if (path.length === 0) return m.kind === "replace" || m.kind === "text" ? m.value : m.kind === "retype" ? retyped(root) : m.kind === "nest" ? nested(m.depth, root, m.asObject) : root;
  const parent = parentOf(root, path);
  if (!parent) return root;
  const key = path[path.length - 1]!;
  switch (m.kind) {
    case "drop":
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      break;
    case "duplicate":
      if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(parent[key as number]));
      else parent[`${String(key)}_copy`] = structuredClone(parent[key]);
      break;
    case "replace":
    case "text":
      parent[key] = m.value;
      break;
    case "retype":
      parent[key] = retyped(parent[key]);
      break;
    case "nest":
      parent[key] = nested(m.depth, parent[key], m.asObject);
      break;
    case "addKey": {
      const target = parent[key];
      if (target !== null && typeof target === "object" && !Array.isArray(target)) Object.defineProperty(target, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
      else parent[key] = { [m.key]: m.value };
      break;
    }
  }
  return root;
}

/** Text-level changes, where YAML itself breaks: lines dropped, doubled (duplicate keys), swapped, re-indented, cut short, or bytes inserted. */
const textEdit = fc.oneof(
  fc.record({ kind: fc.constant("dropLine" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("duplicateLine" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("swapLines" as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constant("indent" as const), at: fc.nat(), by: fc.integer({ min: -4, max: 5 }), tab: fc.boolean() }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: fc.oneof(oddText, fc.constantFrom(": ", "- ", "\n", "\t", "{", "}", "[", "]", "'", '"', "#", "&x ", "*x", "!!binary ", "? ", "|", ">", "---\n", "...\n", "%YAML 1.1\n", "\r\n", "<<: *x\n")) }),
);
type TextEdit = typeof textEdit extends fc.Arbitrary<infer E> ? E : never;

function editText(source: string, e: TextEdit): string {
  const lines = source.split("\n");
  const i = e.at % lines.length;
  switch (e.kind) {
    case "dropLine":
      lines.splice(i, 1);
      return lines.join("\n");
    case "duplicateLine":
      lines.splice(i, 0, lines[i]!);
      return lines.join("\n");
    case "swapLines": {
      const j = e.with % lines.length;
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      return lines.join("\n");
    }
    case "indent":
      lines[i] = e.by >= 0 ? (e.tab ? "\t" : " ").repeat(e.by) + lines[i] : lines[i]!.slice(-e.by);
      return lines.join("\n");
    case "truncate":
      return source.slice(0, e.at % (source.length + 1));
    case "insert": {
      const at = e.at % (source.length + 1);
      return source.slice(0, at) + e.text + source.slice(at);
    }
  }
}

// ---- random YAML documents ----

const yamlToken = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("organisation", "name", "activities", "id", "legal_basis", "consent", "retention", "subjects", "dpo", "cookies", "processors", "a", "b", "x") },
  { weight: 4, arbitrary: fc.constantFrom(": ", ":", "- ", "-", "\n", "\n  ", "\n    ", " ", "\t") },
  { weight: 2, arbitrary: fc.constantFrom("{", "}", "[", "]", ",", "'", '"', "#", "&a ", "*a", "&b ", "*b", "<<: ", "? ", "|", ">-", "!!str ", "!!int ", "!!map ", "!!seq ", "!custom ", "---", "...", "%TAG ! tag:x,2000:\n", "\\") },
  { weight: 2, arbitrary: fc.oneof(fc.integer().map(String), fc.constantFrom("1e999", "-.inf", ".nan", "0x10", "0o7", "~", "null", "true", "no", "2026-02-30", "P3M", "RO", "RS", "ro", "sr-Cyrl")) },
  { weight: 1, arbitrary: oddText },
);
const randomYaml = fc.array(yamlToken, { maxLength: 120 }).map((t) => t.join(""));

/** Documents shaped like a manifest: the right top-level keys with random values under them. */
const manifestShaped = fc
  .record({
    organisation: anyValue,
    subjects: anyValue,
    activities: anyValue,
    dpo: anyValue,
    cookies: anyValue,
    processors: anyValue,
    rights: anyValue,
  }, { requiredKeys: [] })
  .map((o) => stringify(o));

/** Serialises a mutated document; the yaml library writes NaN, Infinity and odd keys as YAML does. */
const toYaml = (value: unknown) => {
  try {
    return stringify(value, { aliasDuplicateObjects: false });
  } catch {
    return JSON.stringify(value) ?? "";
  }
};

describe(`fuzzing the manifest loader and the lint (seed ${FUZZ_SEED})`, () => {
  afterAll(() => {
    // Both outcomes must have been exercised, or the generators have drifted into one corner.
    expect(outcomes.refused).toBeGreaterThan(100);
    expect(outcomes.accepted).toBeGreaterThan(20);
  });

  it("the five examples load and lint", () => {
    for (const n of exampleNames) checkSource(sources[n]);
    expect(outcomes.accepted).toBe(exampleNames.length);
  });

  it(
    "mutated examples (dropped, duplicated, retyped keys, odd strings, deep nesting, huge numbers) load or are refused with positions",
    () => {
      fc.assert(
        fc.property(fc.constantFrom(...exampleNames), fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.date({ min: new Date("2020-01-01"), max: new Date("2035-12-31"), noInvalidDate: true }), (name, mutations, now) => {
          let doc = structuredClone(objects[name]);
          for (const m of mutations) doc = mutate(doc, m);
          checkSource(toYaml(doc), now);
        }),
        fuzzParameters(2_000, 18_000),
      );
    },
    testTimeout(18_000),
  );

  it(
    "text edits of the examples (lines dropped, doubled, swapped, re-indented, cut, bytes inserted) load or are refused with positions",
    () => {
      fc.assert(
        fc.property(fc.constantFrom(...exampleNames), fc.array(textEdit, { minLength: 1, maxLength: 5 }), (name, edits) => {
          checkSource(edits.reduce(editText, sources[name]));
        }),
        fuzzParameters(1_500, 14_000),
      );
    },
    testTimeout(14_000),
  );

  it(
    "random YAML documents and manifest-shaped documents are refused with positions, never a crash",
    () => {
      fc.assert(
        fc.property(fc.oneof(randomYaml, manifestShaped, anyValue.map(toYaml)), (source) => checkSource(source)),
        fuzzParameters(3_000, 8_000),
      );
    },
    testTimeout(8_000),
  );

  it("loadManifestFile reads a file and behaves the same as parseManifest", async () => {
    const dir = mkdtempSync(join(tmpdir(), "registru-fuzz-"));
    try {
      const samples = fc.sample(fc.oneof(randomYaml, textEdit.map((e) => editText(sources.eldrive, e))), { seed: FUZZ_SEED, numRuns: 50 });
      for (const [i, source] of samples.entries()) {
        const file = join(dir, `m${i}.yaml`);
        writeFileSync(file, source);
        const direct = (() => {
          try {
            return parseManifest(source, file).manifest;
          } catch (e) {
            return e instanceof ManifestInvalid ? e.problems : e;
          }
        })();
        const viaFile = await loadManifestFile(file).then(
          (l) => l.manifest,
          (e: unknown) => (e instanceof ManifestInvalid ? e.problems : e),
        );
        expect(viaFile).toEqual(direct);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
