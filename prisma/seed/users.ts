import { lookupHash, sealField } from "@/lib/crypto/config";
import { hashPassword } from "@/lib/crypto/password";
import type { SeedDb, SeedTx } from "./db";
import { inPlatform } from "./db";
import type { UserSpec } from "./tenants";

// Demo accounts. Users are created once and never updated, so a password an admin changed
// during a demo survives the next `npm run dev`; roles missing from an existing user are added.

/** One password for every demo login: ≥10 characters with letters and digits (the sign-up policy). */
export const DEMO_PASSWORD = "Prontivus2026!";
if (DEMO_PASSWORD.length < 10 || !/\p{L}/u.test(DEMO_PASSWORD) || !/\d/.test(DEMO_PASSWORD)) {
  throw new Error("DEMO_PASSWORD does not meet the password policy");
}

export const PLATFORM_ADMIN = { email: "root@prontivus.dev", name: "Equipe Prontivus" } as const;

export type SeededUser = UserSpec & { id: string };

/** Creates the missing users of one tenant (inside its transaction) and their roles. */
export async function ensureTenantUsers(
  tx: SeedTx,
  tenantId: string,
  specs: (UserSpec & { cpf: string })[],
): Promise<{ users: SeededUser[]; created: number }> {
  const emails = specs.map((s) => s.email.toLowerCase());
  const found = await tx.user.findMany({ where: { tenantId, email: { in: emails } }, select: { id: true, email: true } });
  const ids = new Map(found.map((u) => [u.email, u.id]));
  let created = 0;
  for (const spec of specs) {
    const email = spec.email.toLowerCase();
    if (ids.has(email)) continue;
    const user = await tx.user.create({
      data: {
        email, name: spec.name, crm: spec.crm ?? null, crmUf: spec.crmUf ?? null,
        cpfEnc: sealField(tenantId, "users.cpf", spec.cpf),
        cpfHash: lookupHash(tenantId, "cpf", spec.cpf),
        passwordHash: await hashPassword(DEMO_PASSWORD),
        status: "ACTIVE", emailVerifiedAt: new Date(), locale: "pt-BR",
      },
      select: { id: true },
    });
    ids.set(email, user.id);
    created++;
  }
  const users = specs.map((s) => ({ ...s, id: ids.get(s.email.toLowerCase())! }));
  const roles = await tx.userRole.createMany({
    data: users.map((u) => ({ userId: u.id, role: u.role })),
    skipDuplicates: true,
  });
  return { users, created: created + roles.count };
}

/**
 * The platform super admin (platform_users: no clinic, no role rows; super admin is implied).
 * Created once; the unique e-mail makes concurrent seeds agree on one row.
 */
export async function ensurePlatformAdmin(db: SeedDb): Promise<number> {
  return inPlatform(db, async (tx) => {
    const found = await tx.platformUser.findFirst({ where: { email: PLATFORM_ADMIN.email }, select: { id: true } });
    if (found) return 0;
    const { count } = await tx.platformUser.createMany({
      data: [{ email: PLATFORM_ADMIN.email, name: PLATFORM_ADMIN.name, passwordHash: await hashPassword(DEMO_PASSWORD), status: "ACTIVE" }],
      skipDuplicates: true,
    });
    if (count > 0) {
      await tx.platformAuditLog.create({
        data: { action: "seed.applied", entityType: "platform", requestId: "seed", metadata: { platformAdmin: count } },
      });
    }
    return count;
  });
}
