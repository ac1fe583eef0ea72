/** Component specs: YAML validated with the error at the line, one digest per normalized spec, the diff between two. */
import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import { diffSpecs } from "@/lib/hub/diff";
import { parseComponentSpec } from "@/lib/hub/spec";

const SPEC = `description: Train a model
inputs:
  - name: lr
    type: float
    default: 0.01
  - name: epochs
    type: int
    default: 10
outputs:
  - name: model
    type: artifact
container:
  image: ghcr.io/acme/train:1.0
  command: [python, train.py]
`;

/** The message a spec is refused with (fails the test if it is accepted). */
function refusal(source: string): string {
  try {
    parseComponentSpec(source);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    const e = error as ValidationError;
    expect(e.fields?.spec).toBe(e.message);
    return e.message;
  }
  throw new Error("the spec was accepted");
}

describe("parseComponentSpec", () => {
  it("accepts a good spec and fills the defaults in", () => {
    const { spec, digest } = parseComponentSpec(SPEC);
    expect(spec.inputs).toEqual([
      { name: "lr", type: "float", default: 0.01, optional: false, description: "" },
      { name: "epochs", type: "int", default: 10, optional: false, description: "" },
    ]);
    expect(spec.container).toEqual({ image: "ghcr.io/acme/train:1.0", command: ["python", "train.py"], args: [] });
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it("gives one digest to specs that differ only in layout, key order, comments and spelled-out defaults", () => {
    const reordered = `# the same spec
container: { command: [python, train.py], image: "ghcr.io/acme/train:1.0", args: [] }
outputs: [{ type: artifact, name: model }]
inputs:
  - { default: 0.01, type: float, name: lr, optional: false }
  - { name: epochs, type: int, default: 10 }
description: "Train a model"
`;
    expect(parseComponentSpec(reordered).digest).toBe(parseComponentSpec(SPEC).digest);
    expect(parseComponentSpec(SPEC.replace("0.01", "0.02")).digest).not.toBe(parseComponentSpec(SPEC).digest);
  });

  it.each([
    ["a wrong type", SPEC.replace("type: int", "type: integer"), /^Line 7, column 11: inputs\.1\.type: Must be one of str, int/],
    ["a default of the wrong type", SPEC.replace("default: 10", 'default: "ten"'), /^Line 8, column 14: inputs\.1\.default: The default is not a int\./],
    ["an unknown key (a typo)", SPEC.replace("    default: 0.01", "    defualt: 0.01"), /^Line 5, column 5: inputs\.0\.defualt: Unknown key defualt\./],
    ["a duplicate input", SPEC.replace("name: epochs", "name: lr"), /^Line 6, column 11: inputs\.1\.name: Another input is already named lr\./],
    ["a duplicate key", SPEC + "description: again\n", /^Line 15, column 1: Map keys must be unique/],
    ["broken YAML", SPEC.replace("[python, train.py]", "[python, train.py"), /^Line \d+, column \d+: /],
    ["no container", SPEC.split("container:")[0], /^Line 1, column 1: container: Add a container with its image and command\./],
    ["an empty command", SPEC.replace("[python, train.py]", "[]"), /^Line 14, column 12: container\.command: Give the command to run\./],
    ["a bad input name", SPEC.replace("name: lr", "name: 1lr"), /^Line 3, column 11: inputs\.0\.name: Use letters/],
    ["a list instead of a mapping", "- a\n- b\n", /^Line 1, column 1: The spec must be a mapping/],
    ["a scalar", "just text", /^Line 1, column 1: The spec must be a mapping/],
  ])("points at the line of %s", (_label, source, message) => {
    expect(refusal(source)).toMatch(message);
  });

  it("refuses an empty spec, a huge one and an alias bomb without parsing them to the end", () => {
    expect(refusal("   \n")).toBe("Paste or upload the component's YAML spec.");
    expect(refusal(SPEC + `readme: "${"x".repeat(70_000)}"\n`)).toBe("The spec is larger than 64 KiB.");
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 9 }, (_, i) => `${"bcdefghij"[i]}: &${"bcdefghij"[i]} [*${"abcdefghi"[i]}, *${"abcdefghi"[i]}, *${"abcdefghi"[i]}, *${"abcdefghi"[i]}, *${"abcdefghi"[i]}, *${"abcdefghi"[i]}, *${"abcdefghi"[i]}, *${"abcdefghi"[i]}, *${"abcdefghi"[i]}]`)].join("\n");
    expect(refusal(bomb)).toMatch(/alias/i);
  });

  it("never echoes markup as anything but text", () => {
    const message = refusal(SPEC.replace("type: int", "type: <script>alert(1)</script>"));
    expect(message).toMatch(/^Line 7, column 11: inputs\.1\.type: Must be one of/);
  });
});

describe("diffSpecs", () => {
  const v1 = parseComponentSpec(SPEC).spec;

  it("names inputs added and removed, changed types and defaults, and the image", () => {
    const v2 = parseComponentSpec(
      SPEC.replace("default: 0.01", "default: 0.1")
        .replace("    type: int\n    default: 10\n", "    type: str\n    default: ten\n")
        .replace("outputs:", "  - name: seed\n    type: int\n  - name: notes\n    type: str\n    optional: true\noutputs:")
        .replace("train:1.0", "train:2.0"),
    ).spec;
    const diff = diffSpecs(v1, v2);
    expect(diff.inputs.added.map((i) => i.name)).toEqual(["seed", "notes"]);
    expect(diff.inputs.removed).toEqual([]);
    expect(diff.inputs.changed).toEqual([
      { name: "lr", field: "default", before: 0.01, after: 0.1 },
      { name: "epochs", field: "type", before: "int", after: "str" },
      { name: "epochs", field: "default", before: 10, after: "ten" },
    ]);
    expect(diff.image).toEqual({ before: "ghcr.io/acme/train:1.0", after: "ghcr.io/acme/train:2.0" });
    expect(diff.command).toBeNull();
    expect(diff.breaking).toEqual(["New required input seed.", "Input epochs changed type from int to str."]);
  });

  it("calls removing an input or an output breaking, and finds nothing between a spec and itself", () => {
    const v2 = parseComponentSpec(SPEC.replace("  - name: epochs\n    type: int\n    default: 10\n", "").replace("outputs:\n  - name: model\n    type: artifact\n", "")).spec;
    expect(diffSpecs(v1, v2).breaking).toEqual(["Input epochs was removed.", "Output model was removed."]);
    const none = diffSpecs(v1, v1);
    expect([none.inputs, none.outputs]).toEqual([{ added: [], removed: [], changed: [] }, { added: [], removed: [], changed: [] }]);
    expect([none.image, none.command, none.args, none.description, none.breaking]).toEqual([null, null, null, null, []]);
  });
});
