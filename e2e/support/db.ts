import pg from "pg";
import { encryptField } from "../../lib/crypto/field-encryption";
import { parseKeyring } from "../../lib/crypto/keyring";
import { hashPassword } from "../../lib/crypto/password";
import { e2eEnv } from "./state";

// Direct reads of the e2e database as its owner (row-level security does not apply), so a spec
// can say what the app stored or prove that nothing changed. One short connection per query.

export async function ownerQuery<T extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: e2eEnv().DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Free text sealed as the app seals it (lib/crypto/free-text.ts), for rows a spec writes itself. */
export function sealedText(tenant: string, column: string, text: string): string {
  const spec = e2eEnv().FIELD_ENCRYPTION_KEYS!;
  const ids = spec.split(",").map((part) => part.split(":")[0]!.trim());
  return encryptField(parseKeyring(spec, ids[ids.length - 1]!), text, `${tenant}:${column}`);
}

export async function tenantId(slug: string): Promise<string> {
  const [row] = await ownerQuery<{ id: string }>("SELECT id FROM tenants WHERE slug = $1", [slug]);
  if (!row) throw new Error(`no tenant ${slug}`);
  return row.id;
}

/** A doctor account of its own on `slug`, written as the owner, so no seeded login is touched. */
export async function createStaffUser(slug: string, label: string) {
  const email = `${label}-${Date.now().toString(36)}@${slug}.test`;
  const password = `Inicial-${Date.now().toString(36)}-9`;
  const [row] = await ownerQuery<{ id: string }>(
    `INSERT INTO users (id, tenant_id, email, name, password_hash, status, updated_at)
     VALUES (gen_random_uuid(), (SELECT id FROM tenants WHERE slug = $1), $2, $3, $4, 'ACTIVE', now()) RETURNING id`,
    [slug, email, `Pessoa de Teste ${label}`, await hashPassword(password)]);
  await ownerQuery(
    "INSERT INTO user_roles (id, tenant_id, user_id, role) SELECT gen_random_uuid(), tenant_id, id, 'doctor' FROM users WHERE id = $1", [row!.id]);
  return { id: row!.id, email, password };
}
