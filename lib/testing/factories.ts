import { randomBytes, randomUUID } from "node:crypto";
import { PERMISSIONS, ROLE_NAMES, ROLE_PERMISSIONS, ROLE_RANK } from "@/lib/auth/permissions";
import { generateCnpj, generateCpf } from "@/lib/br/documents";
import type { Context } from "@/lib/context";
import { lookupHash, sealField } from "@/lib/crypto/config";
import { hashPassword } from "@/lib/crypto/password";
import { withTenant } from "@/lib/db/tenant";
import type { RoleKey, TenantStatus, UserStatus } from "@/lib/generated/prisma/enums";
import { toSearchName } from "@/lib/patients/search-name";
import { asOwner } from "./owner-db";

export { asApp, asOwner, closeOwnerPool, withOwnerClient } from "./owner-db";

// Test data for integration tests: a fresh tenant per test (never shared fixtures), users and
// patients written through withTenant as the app role, exactly as the app writes them. Nothing
// here depends on the seed: the reference rows a test needs are inserted idempotently.

export type TestTenant = { id: string; slug: string; name: string; timeZone: string };
export type TestUser = { id: string; email: string; name: string; password: string; roles: RoleKey[] };
export type TestPatient = { id: string; fullName: string; cpf: string };

const token = (bytes = 5) => randomBytes(bytes).toString("hex");

export async function createTenant(
  overrides: Partial<{ slug: string; name: string; status: TenantStatus; settings: object; timeZone: string }> = {},
): Promise<TestTenant> {
  const slug = overrides.slug ?? `t-${token()}`;
  const name = overrides.name ?? `Clínica ${slug}`;
  const timeZone = overrides.timeZone ?? "America/Sao_Paulo";
  for (let attempt = 1; ; attempt++) {
    try {
      const [row] = await asOwner<{ id: string }>(
        `INSERT INTO tenants (id, slug, name, legal_name, cnpj, status, settings, time_zone, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now()) RETURNING id`,
        [randomUUID(), slug, name, `${name} Ltda`, generateCnpj(), overrides.status ?? "ACTIVE",
          JSON.stringify(overrides.settings ?? {}), timeZone],
      );
      return { id: row!.id, slug, name, timeZone };
    } catch (error) {
      // A random CNPJ may (very rarely) repeat; anything else is a real failure.
      const cnpjClash = (error as { constraint?: string }).constraint === "tenants_cnpj_key";
      if (!cnpjClash || attempt >= 3) throw error;
    }
  }
}

let rolesReady: Promise<void> | undefined;

/** roles, permissions and role_permissions as the seed would write them (idempotent). */
export function ensureRoles(): Promise<void> {
  rolesReady ??= (async () => {
    const keys = Object.keys(ROLE_RANK) as RoleKey[];
    await asOwner(
      `INSERT INTO roles (id, key, name, rank)
       SELECT gen_random_uuid(), k::"RoleKey", n, r FROM unnest($1::text[], $2::text[], $3::int[]) AS u(k, n, r)
       ON CONFLICT (key) DO NOTHING`,
      [keys, keys.map((k) => ROLE_NAMES[k]), keys.map((k) => ROLE_RANK[k])],
    );
    await asOwner(
      `INSERT INTO permissions (key, description) SELECT * FROM unnest($1::text[], $2::text[])
       ON CONFLICT (key) DO NOTHING`,
      [Object.keys(PERMISSIONS), Object.values(PERMISSIONS)],
    );
    const pairs = keys.flatMap((k) => ROLE_PERMISSIONS[k].map((p) => [k, p] as const));
    await asOwner(
      `INSERT INTO role_permissions (role_id, permission_key)
       SELECT r.id, u.p FROM unnest($1::text[], $2::text[]) AS u(k, p) JOIN roles r ON r.key::text = u.k
       ON CONFLICT DO NOTHING`,
      [pairs.map(([k]) => k), pairs.map(([, p]) => p)],
    );
  })().catch((error: unknown) => {
    rolesReady = undefined;
    throw error;
  });
  return rolesReady;
}

/** A full Context for withTenant, recordAudit and domain functions, with a fresh requestId. */
export function scopeFor(
  tenant: TestTenant,
  user: Pick<TestUser, "id" | "name" | "email"> | null = null,
  roles: RoleKey[] = [],
): Context {
  const permissions = new Set<string>(roles.flatMap((r) => ROLE_PERMISSIONS[r]));
  return {
    tenantId: tenant.id,
    tenantSlug: tenant.slug,
    timeZone: tenant.timeZone,
    user: user ? { id: user.id, name: user.name, email: user.email } : null,
    roles,
    permissions,
    requestId: randomUUID(),
    ip: "127.0.0.1",
    userAgent: "vitest",
  };
}

export async function createUser(
  tenant: TestTenant,
  options: { roles: RoleKey[]; password?: string; email?: string; name?: string; status?: UserStatus },
): Promise<TestUser> {
  await ensureRoles();
  const password = options.password ?? `Senha-${token(8)}`;
  const email = (options.email ?? `user-${token()}@example.test`).toLowerCase();
  const name = options.name ?? `Usuário ${token(3)}`;
  const passwordHash = await hashPassword(password);
  const id = await withTenant(scopeFor(tenant), async (tx) => {
    const user = await tx.user.create({
      data: { email, name, passwordHash, status: options.status ?? "ACTIVE" },
      select: { id: true },
    });
    if (options.roles.length > 0) {
      await tx.userRole.createMany({ data: options.roles.map((role) => ({ userId: user.id, role })) });
    }
    return user.id;
  });
  return { id, email, name, password, roles: options.roles };
}

export type TestPlatformUser = Omit<TestUser, "roles">;

/** A platform super admin (platform_users). The app role cannot create one, so the owner does, as the seed. */
export async function createPlatformUser(options: { password?: string; email?: string; name?: string; status?: UserStatus } = {}): Promise<TestPlatformUser> {
  await ensureRoles();
  const password = options.password ?? `Senha-${token(8)}`;
  const email = (options.email ?? `root-${token()}@platform.test`).toLowerCase();
  const name = options.name ?? `Plataforma ${token(3)}`;
  const [row] = await asOwner<{ id: string }>(
    `INSERT INTO platform_users (id, email, name, password_hash, status, updated_at)
     VALUES (gen_random_uuid(), $1, $2, $3, $4, now()) RETURNING id`,
    [email, name, await hashPassword(password), options.status ?? "ACTIVE"],
  );
  return { id: row!.id, email, name, password };
}

export async function createPatient(
  tenant: TestTenant,
  overrides: Partial<{ fullName: string; socialName: string; cpf: string; phone: string; birthDate: Date }> = {},
): Promise<TestPatient> {
  const fullName = overrides.fullName ?? `Paciente ${token(3)}`;
  const cpf = overrides.cpf ?? generateCpf();
  const id = await withTenant(scopeFor(tenant), async (tx) => {
    const patient = await tx.patient.create({
      data: {
        fullName,
        socialName: overrides.socialName ?? null,
        searchName: toSearchName(fullName, overrides.socialName),
        cpfEnc: sealField(tenant.id, "patients.cpf", cpf),
        cpfHash: lookupHash(tenant.id, "cpf", cpf),
        phone: overrides.phone ?? null,
        birthDate: overrides.birthDate ?? null,
      },
      select: { id: true },
    });
    return patient.id;
  });
  return { id, fullName, cpf };
}
