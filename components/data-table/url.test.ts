import { describe, expect, it } from "vitest";
import { queryHref } from "./url";

describe("queryHref", () => {
  it("sets, replaces and removes params while keeping the others", () => {
    const current = new URLSearchParams("q=ana&page=3&status=active");
    expect(queryHref(current, { page: "4" })).toBe("?q=ana&page=4&status=active");
    expect(queryHref(current, { q: "bia", page: null })).toBe("?q=bia&status=active");
    expect(queryHref(current, { q: "" })).toBe("?page=3&status=active");
  });

  it("encodes values and does not mutate the input", () => {
    const current = new URLSearchParams();
    expect(queryHref(current, { q: "joão & maria" })).toBe("?q=jo%C3%A3o+%26+maria");
    expect(current.toString()).toBe("");
  });

  it("yields a bare '?' (the current path, no query) when nothing is left", () => {
    expect(queryHref(new URLSearchParams("page=2"), { page: null })).toBe("?");
  });
});
