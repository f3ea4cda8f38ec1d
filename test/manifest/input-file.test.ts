import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formatFileProblem, InputFileInvalid, parseInputFile, readInputFile, type InputFileKind } from "../../src/manifest/index.ts";

const THING: InputFileKind = { code: "thing_file_invalid", noun: "thing" };
const thing = z.strictObject({
  name: z.string(),
  owner: z.strictObject({ email: z.email(), role: z.enum(["dpo", "staff"]) }),
  tags: z.array(z.string()).optional(),
});

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (e) {
    if (!(e instanceof InputFileInvalid)) throw e;
    expect(e).toMatchObject({ code: "thing_file_invalid", status: 400, message: `the thing file is invalid: ${e.problems.length} problem(s)` });
    return e.problems.map(formatFileProblem);
  }
  throw new Error("the file was accepted");
}

describe("YAML input files given on the command line", () => {
  it("returns the checked value of a good file", () => {
    const read = parseInputFile("name: Ana\nowner: { email: ana@example.com, role: dpo }\n", "t.yaml", THING, thing);
    expect(read.data).toEqual({ name: "Ana", owner: { email: "ana@example.com", role: "dpo" } });
  });

  it("puts an unknown key at the key, a missing key at the object that lacks it, any other issue at the value; in source order", () => {
    const source = ["owner:", "  role: boss", "  hat: red", "tags: [a, 3]", "name: Ana", "colour: blue"].join("\n");
    expect(problemsOf(() => parseInputFile(source, "t.yaml", THING, thing))).toEqual([
      't.yaml:2:3: missing required key "email" (at owner.email)',
      't.yaml:2:9: Invalid option: expected one of "dpo"|"staff" (at owner.role)',
      't.yaml:3:3: unknown key "hat" (at owner.hat)',
      "t.yaml:4:11: Invalid input: expected string, received number (at tags.1)",
      't.yaml:6:1: unknown key "colour" (at colour)',
    ]);
  });

  it("reports YAML errors at their line and column, without the parser's own position in the message", () => {
    const problems = problemsOf(() => readInputFile("name: Ana\nname: Ion\n", "t.yaml", THING));
    expect(problems).toEqual(["t.yaml:2:1: YAML: Map keys must be unique"]);
  });

  it("points an unresolved alias at the alias, and stops an alias bomb, as YAML errors", () => {
    expect(problemsOf(() => readInputFile("name: Ana\nowner: *boss\n", "t.yaml", THING))).toEqual([expect.stringMatching(/^t\.yaml:2:8: YAML: Unresolved alias.*: boss$/)]);
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 5 }, (_, i) => `${"bcdef"[i]}: &${"bcdef"[i]} [${Array(10).fill(`*${"abcde"[i]}`).join(", ")}]`)].join("\n");
    expect(problemsOf(() => readInputFile(bomb, "t.yaml", THING))).toEqual([expect.stringMatching(/^t\.yaml:1:1: YAML: .*alias/i)]);
  });

  it("places a problem found after parsing (the policy in force) at its dotted path; a path that is not there at the nearest object that is", () => {
    const file = readInputFile("name: Ana\ntags:\n  - a\n  - b\n", "t.yaml", THING);
    expect(file.value).toEqual({ name: "Ana", tags: ["a", "b"] });
    expect(formatFileProblem(file.problemAt("tags.1", "no tag b"))).toBe("t.yaml:4:5: no tag b (at tags.1)");
    expect(formatFileProblem(file.problemAt("name", "unknown key", { key: true }))).toBe("t.yaml:1:1: unknown key (at name)");
    expect(formatFileProblem(file.problemAt("owner.email", "missing"))).toBe("t.yaml:1:1: missing (at owner.email)");
    expect(file.invalid([file.problemAt("tags.1", "b"), file.problemAt("name", "a")]).problems.map((p) => p.path)).toEqual(["name", "tags.1"]);
  });
});
