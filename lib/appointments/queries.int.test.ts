import { describe, expect, it } from "vitest";
import { createTenant, ensureRoles, scopeFor } from "@/lib/testing/factories";
import { listTodayAppointments, localDayRange } from "./queries";

describe("listTodayAppointments", () => {
  it("refuses a context without appointments:read (a patient account)", async () => {
    await ensureRoles();
    const clinic = await createTenant();
    await expect(listTodayAppointments(scopeFor(clinic, null, ["patient"]))).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("localDayRange", () => {
  it("is the clinic's local midnight to midnight, not UTC's", () => {
    // 01:30 UTC on the 26th is still the 25th in São Paulo (UTC−3).
    const { from, to } = localDayRange("America/Sao_Paulo", new Date("2026-11-26T01:30:00Z"));
    expect(from.toISOString()).toBe("2026-11-25T03:00:00.000Z");
    expect(to.toISOString()).toBe("2026-11-26T03:00:00.000Z");
  });
});
