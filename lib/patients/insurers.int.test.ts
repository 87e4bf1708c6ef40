import { beforeAll, describe, expect, it } from "vitest";
import type { Context } from "@/lib/context";
import { createTenant, ensureRoles, scopeFor, type TestTenant } from "@/lib/testing/factories";
import { createInsurer, setInsurerActive } from "./insurers";
import { listInsurers } from "./queries";

// Insurers (convênios) managed by a clinic's admin: unique names, deactivated not deleted,
// invisible to other clinics, refused to roles without settings:manage.

let clinic: TestTenant;
let admin: Context;

beforeAll(async () => {
  await ensureRoles();
  clinic = await createTenant();
  admin = scopeFor(clinic, null, ["admin"]);
});

describe("insurers", () => {
  it("creates, refuses a duplicate name as a field error, and hides a deactivated one from pickers", async () => {
    const { id } = await createInsurer(admin, { name: "Vida Plena", ansCode: "123456" });
    await expect(createInsurer(admin, { name: "Vida Plena" })).rejects.toMatchObject({ code: "conflict", fields: { name: [expect.any(String)] } });
    await expect(createInsurer(admin, { name: "X", ansCode: "12" })).rejects.toMatchObject({ code: "validation" });
    await setInsurerActive(admin, id, false);
    expect((await listInsurers(admin)).map((i) => i.id)).not.toContain(id);
    expect(await listInsurers(admin, { includeInactive: true })).toContainEqual({ id, name: "Vida Plena", active: false });
  });

  it("answers not found for another clinic's insurer and refuses the desk", async () => {
    const other = await createTenant();
    const { id } = await createInsurer(scopeFor(other, null, ["admin"]), { name: "Alheio Saúde" });
    await expect(setInsurerActive(admin, id, false)).rejects.toMatchObject({ code: "not_found" });
    await expect(createInsurer(scopeFor(clinic, null, ["secretary"]), { name: "Recepção" })).rejects.toMatchObject({ code: "forbidden" });
  });
});
