import { describe, expect, it } from "vitest";
import { actionResult, formField } from "./action-result";
import { AppError } from "./errors";

describe("server action results", () => {
  it("formField reads text from FormData and never throws on anything else an attacker sends", () => {
    const form = new FormData();
    form.set("id", "abc");
    form.set("file", new Blob(["x"]));
    expect(formField(form, "id")).toBe("abc");
    expect(formField(form, "file")).toBe("");
    expect(formField(form, "missing")).toBe("");
    for (const other of [undefined, null, "id=abc", 42, { id: "abc" }, ["abc"], { get: () => "abc" }]) {
      expect(formField(other, "id")).toBe("");
    }
  });

  it("answers an AppError as a refusal and lets a bug propagate", async () => {
    await expect(actionResult(async () => { throw new AppError("unauthorized", "Sessão expirada."); }))
      .resolves.toEqual({ ok: false, code: "unauthorized", message: "Sessão expirada.", fields: undefined });
    await expect(actionResult(async () => { throw new TypeError("bug"); })).rejects.toThrow("bug");
  });
});
