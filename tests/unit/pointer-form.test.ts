/** The form of several pointer moves: what it posts becomes the API's body, and the service's errors land on the form's fields. */
import { describe, expect, it } from "vitest";
import { ConflictError, ValidationError, parseInput } from "@/lib/errors";
import { formFieldsOf, movedMessage, moveNames, movesFromForm } from "@/lib/pointers/form";
import { pointerMovesInput } from "@/lib/pointers/schemas";

describe("movesFromForm", () => {
  it("sends the pointers that were changed, with the version each showed, and the new one", () => {
    const { input, fieldOf } = movesFromForm({
      "to:production": "3",
      "expected:production": "2",
      "to:staging": "",
      "expected:staging": "3",
      "to:old": "remove",
      "expected:old": "1",
      newName: " canary ",
      newVersion: "4",
      reason: "week 3",
      currentSlug: "acme",
    });
    expect(input).toEqual({
      moves: [
        { name: "production", version: 3, expected: 2 },
        { name: "old", version: null, expected: 1 },
        { name: "canary", version: 4 },
      ],
      reason: "week 3",
    });
    expect(fieldOf).toEqual(["to:production", "to:old", "newName"]);
    expect(parseInput(pointerMovesInput, input).moves).toHaveLength(3);
  });

  it("sends nothing when nothing was chosen, and leaves a bad version for the schema to refuse", () => {
    expect(movesFromForm({ "to:production": "", "expected:production": "2", newName: "", newVersion: "" }).input.moves).toEqual([]);
    const { input } = movesFromForm({ newName: "canary", newVersion: "" });
    expect(() => parseInput(pointerMovesInput, input)).toThrow(ValidationError);
  });
});

describe("formFieldsOf", () => {
  it("puts each refusal next to the field its move came from", () => {
    const { input, fieldOf } = movesFromForm({ "to:production": "3", "expected:production": "2", newName: "Bad Name", newVersion: "" });
    let refused: unknown;
    try {
      parseInput(pointerMovesInput, input);
    } catch (error) {
      refused = formFieldsOf(error, fieldOf, moveNames(input.moves));
    }
    expect((refused as ValidationError).fields).toEqual({ newName: expect.stringContaining("lower-case"), newVersion: expect.any(String) });
    // A stale move (409) is keyed by the pointer's name: it lands on that pointer's picker.
    const stale = formFieldsOf(new ConflictError("moved first", { production: "Now at version 3." }), fieldOf, moveNames(input.moves));
    expect((stale as ConflictError).fields).toEqual({ "to:production": "Now at version 3." });
    expect((stale as ConflictError).status).toBe(409);
  });

  it("says where each pointer went", () => {
    expect(movedMessage([{ name: "production" }, { name: "old" }], [{ name: "production", version: 3 }], "@")).toBe("Moved @production to version 3, removed @old.");
  });
});
