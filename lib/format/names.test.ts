import { describe, expect, it } from "vitest";
import { firstName } from "./names";

describe("firstName", () => {
  it("skips a title, with or without its period, in any case", () => {
    expect(firstName("Dra. Ana Beatriz Souza")).toBe("Ana");
    expect(firstName("dr Bruno Lima")).toBe("Bruno");
    expect(firstName("Prof. Dr. Carlos Dias")).toBe("Carlos");
    expect(firstName("  Maria   da Silva ")).toBe("Maria");
  });

  it("keeps a name that only looks like a title's start, and a lone title", () => {
    expect(firstName("Drauzio Varella")).toBe("Drauzio");
    expect(firstName("Dra.")).toBe("Dra.");
    expect(firstName("")).toBe("");
  });
});
