// Clinic settings edited by an admin, against the real database as the app role: validation
// field by field, the audit row with before/after, refusal for roles without settings:manage,
// and the database itself refusing the app role any other column or any other clinic's row.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { asApp, asOwner, closeOwnerPool, createTenant, createUser, scopeFor, type TestTenant, type TestUser } from "@/lib/testing/factories";
import { findTenant } from "./current";
import { getTenantSettings, updateTenantSettings } from "./settings-admin";
import { DEFAULT_TENANT_SETTINGS, parseTenantSettings } from "./settings";
import { settingsToForm } from "./settings-form";

let clinic: TestTenant;
let other: TestTenant;
let admin: TestUser;
let secretary: TestUser;

const valid = {
  twoFactorRequiredRoles: ["admin"], staffIdleMinutes: 20, patientIdleMinutes: 45, absoluteSessionHours: 10,
  minCancellationNoticeHours: 12, reminderOffsetsHours: "2, 48", waitlistOfferMinutes: 60, attachmentMaxFileMegabytes: 25,
};
const stored = async (t: TestTenant) => (await asOwner<{ settings: unknown }>("SELECT settings FROM tenants WHERE id = $1", [t.id]))[0]!.settings;

beforeAll(async () => {
  [clinic, other] = await Promise.all([createTenant({ settings: { futureFeature: { on: true } } }), createTenant()]);
  [admin, secretary] = await Promise.all([createUser(clinic, { roles: ["admin"] }), createUser(clinic, { roles: ["secretary"] })]);
});

afterAll(async () => {
  await Promise.all([disconnectDb(), closeOwnerPool()]);
});

describe("updateTenantSettings", () => {
  it("stores the settings, keeps keys it does not know, audits before/after and refreshes the cached tenant", async () => {
    await findTenant(clinic.slug); // warm the cache: the update must not leave it stale
    const ctx = scopeFor(clinic, admin, ["admin"]);
    const after = await updateTenantSettings(ctx, valid);
    expect(after).toEqual({
      security: { twoFactorRequiredRoles: ["admin"], staffIdleMinutes: 20, patientIdleMinutes: 45, absoluteSessionHours: 10 },
      scheduling: { minCancellationNoticeHours: 12, reminderOffsetsMinutes: [2880, 120], waitlistOfferMinutes: 60 },
      attachments: { maxFileMegabytes: 25 },
      records: { reviewRequiredDoctorIds: [] },
    });
    expect(await stored(clinic)).toEqual({ futureFeature: { on: true }, ...after });
    expect(parseTenantSettings((await findTenant(clinic.slug))!.settings)).toEqual(after);
    expect(await getTenantSettings(ctx)).toEqual(after);
    const [audit] = await asOwner<{ actor_id: string; metadata: { before: unknown; after: unknown; changed: string[] } }>(
      "SELECT actor_id, metadata FROM audit_logs WHERE tenant_id = $1 AND action = 'tenant.settings_updated'", [clinic.id]);
    expect(audit!.actor_id).toBe(admin.id);
    expect(audit!.metadata.before).toEqual(DEFAULT_TENANT_SETTINGS);
    expect(audit!.metadata.after).toEqual(after);
    expect(audit!.metadata.changed).toContain("security.staffIdleMinutes");
    expect(audit!.metadata.changed).toContain("attachments.maxFileMegabytes");
    expect(settingsToForm(after)).toMatchObject({ reminderOffsetsHours: "48, 2" });
    expect(await stored(other)).toEqual({});
  });

  it("refuses bad input field by field and changes nothing", async () => {
    const ctx = scopeFor(clinic, admin, ["admin"]);
    const before = await stored(clinic);
    const bad = {
      ...valid, staffIdleMinutes: 2, patientIdleMinutes: 300, absoluteSessionHours: 25, minCancellationNoticeHours: 1.5,
      reminderOffsetsHours: "24, abc", waitlistOfferMinutes: Number.NaN, twoFactorRequiredRoles: ["patient"],
      attachmentMaxFileMegabytes: 51,
    };
    const error = await updateTenantSettings(ctx, bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("validation");
    expect(Object.keys((error as AppError).fields ?? {}).sort()).toEqual([
      "absoluteSessionHours", "attachmentMaxFileMegabytes", "minCancellationNoticeHours", "patientIdleMinutes", "reminderOffsetsHours",
      "staffIdleMinutes", "twoFactorRequiredRoles.0", "waitlistOfferMinutes",
    ]);
    const idleOverAbsolute = await updateTenantSettings(ctx, { ...valid, absoluteSessionHours: 1, staffIdleMinutes: 90 }).catch((e: unknown) => e);
    expect((idleOverAbsolute as AppError).fields).toEqual({ staffIdleMinutes: ["Não pode passar do tempo máximo da sessão."] });
    const repeated = await updateTenantSettings(ctx, { ...valid, reminderOffsetsHours: "24, 24" }).catch((e: unknown) => e);
    expect((repeated as AppError).fields).toEqual({ reminderOffsetsHours: ["Há lembretes repetidos."] });
    expect(await stored(clinic)).toEqual(before);
  });

  it("refuses roles without settings:manage (secretary, doctor, patient) and changes nothing", async () => {
    const before = await stored(clinic);
    for (const role of ["secretary", "doctor", "finance", "patient"] as const) {
      const ctx = scopeFor(clinic, secretary, [role]);
      await expect(updateTenantSettings(ctx, { ...valid, staffIdleMinutes: 99 })).rejects.toMatchObject({ code: "forbidden" });
      await expect(getTenantSettings(ctx)).rejects.toMatchObject({ code: "forbidden" });
    }
    expect(await stored(clinic)).toEqual(before);
  });
});

describe("the database grant", () => {
  it("lets the app role change only settings, only of the tenant it is scoped to", async () => {
    const outcome = await asApp(async (c) => {
      await c.query("BEGIN");
      await c.query("SELECT set_config('app.tenant_id', $1, true)", [clinic.id]);
      const foreign = await c.query("UPDATE tenants SET settings = '{\"x\":1}' WHERE id = $1", [other.id]);
      const name = await c.query("UPDATE tenants SET name = 'Hacked' WHERE id = $1", [clinic.id]).then(() => "allowed", (e: { code: string }) => e.code);
      await c.query("ROLLBACK");
      return { foreignRows: foreign.rowCount, name };
    });
    expect(outcome).toEqual({ foreignRows: 0, name: "42501" });
    expect(await stored(other)).toEqual({});
  });
});
