// Enforcement of the clinic's "2FA required for these roles" setting, as the cookie guards see it:
// session.ts decides it from the user row it reads with the session (the factor columns) and the
// clinic's stored settings; guards.ts then redirects pages to /two-factor-setup and refuses
// actions. The same rows are read here. The API's side is in lib/api/two-factor-routes.int.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb } from "@/lib/db/client";
import { asOwner, closeOwnerPool, createTenant, createUser, scopeFor, type TestTenant } from "@/lib/testing/factories";
import type { RoleKey } from "@/lib/generated/prisma/enums";
import { withTenant } from "@/lib/db/tenant";
import { findTenant } from "@/lib/tenancy/current";
import { FACTOR_COLUMNS, mustEnrol } from "./two-factor-policy";

let strict: TestTenant; // settings {}: the default, admin and doctor
let open: TestTenant;
let custom: TestTenant;

beforeAll(async () => {
  [strict, open, custom] = await Promise.all([
    createTenant(),
    createTenant({ settings: { security: { twoFactorRequiredRoles: [] } } }),
    createTenant({ settings: { security: { twoFactorRequiredRoles: ["secretary"] } } }),
  ]);
});

afterAll(async () => {
  await Promise.all([disconnectDb(), closeOwnerPool()]);
});

async function pending(tenant: TestTenant, roles: RoleKey[], factor?: "totp" | "email") {
  const user = await createUser(tenant, { roles });
  if (factor === "totp") await asOwner("UPDATE users SET totp_enabled_at = now() WHERE id = $1", [user.id]);
  if (factor === "email") await asOwner("UPDATE users SET otp_channel = 'EMAIL', otp_enabled_at = now() WHERE id = $1", [user.id]);
  const row = await withTenant(scopeFor(tenant, user, roles), (tx) =>
    tx.user.findFirstOrThrow({ where: { id: user.id }, select: FACTOR_COLUMNS }));
  return mustEnrol((await findTenant(tenant.slug))?.settings, roles, row);
}

describe("second factor enrolment required", () => {
  it("holds a doctor or admin without a factor on a clinic with the default settings", async () => {
    expect(await pending(strict, ["doctor"])).toBe(true);
    expect(await pending(strict, ["admin"])).toBe(true);
    expect(await pending(strict, ["secretary", "doctor"])).toBe(true);
  });

  it("lets through a user with any factor, and roles that are not on the list", async () => {
    expect(await pending(strict, ["doctor"], "totp")).toBe(false);
    expect(await pending(strict, ["admin"], "email")).toBe(false);
    expect(await pending(strict, ["secretary"])).toBe(false);
    expect(await pending(strict, ["patient"])).toBe(false);
  });

  it("follows the clinic's own list", async () => {
    expect(await pending(open, ["admin"])).toBe(false);
    expect(await pending(custom, ["doctor"])).toBe(false);
    expect(await pending(custom, ["secretary"])).toBe(true);
  });

  it("falls back to the default for an unreadable settings value instead of failing open", async () => {
    const broken = await createTenant({ settings: { security: { twoFactorRequiredRoles: "nobody" } } });
    expect(await pending(broken, ["doctor"])).toBe(true);
  });
});
