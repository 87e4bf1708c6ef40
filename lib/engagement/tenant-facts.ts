import type { Tx } from "@/lib/db/client";
import { parseTenantSettings, type TenantSettings } from "@/lib/tenancy/settings";

// What messages and rules need to know about the clinic, read inside the caller's transaction
// (tenants is platform data the app role may read).

export type TenantFacts = {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  phone: string | null;
  address: string | null;
  settings: TenantSettings;
};

type Address = Partial<Record<"street" | "number" | "complement" | "district" | "city" | "uf", string>>;

/** "Avenida Paulista, 1578, Conjunto 42 – Bela Vista, São Paulo/SP" from the stored JSON. */
export function formatAddress(raw: unknown): string | null {
  if (!raw || typeof raw !== "object") return null;
  const a = raw as Address;
  const street = [a.street, a.number, a.complement].filter(Boolean).join(", ");
  const place = [a.district, [a.city, a.uf].filter(Boolean).join("/")].filter(Boolean).join(", ");
  return [street, place].filter(Boolean).join(" – ") || null;
}

/** "1133334444" → "(11) 3333-4444"; "11987654321" → "(11) 98765-4321". */
export function formatPhoneBr(digits: string | null): string | null {
  if (!digits) return null;
  const d = digits.replace(/\D/g, "");
  if (d.length !== 10 && d.length !== 11) return digits;
  return `(${d.slice(0, 2)}) ${d.slice(2, d.length - 4)}-${d.slice(-4)}`;
}

export async function tenantFacts(tx: Tx, tenantId: string): Promise<TenantFacts> {
  const t = await tx.tenant.findUnique({
    where: { id: tenantId },
    select: { id: true, slug: true, name: true, timeZone: true, phone: true, address: true, settings: true },
  });
  if (!t) throw new Error(`tenant ${tenantId} not found`);
  return {
    id: t.id, slug: t.slug, name: t.name, timeZone: t.timeZone,
    phone: formatPhoneBr(t.phone), address: formatAddress(t.address), settings: parseTenantSettings(t.settings),
  };
}

/** Only the clinic's settings: all the write-path hooks need (one narrow read). */
export async function tenantSettings(tx: Tx, tenantId: string): Promise<TenantSettings> {
  const t = await tx.tenant.findUnique({ where: { id: tenantId }, select: { settings: true } });
  if (!t) throw new Error(`tenant ${tenantId} not found`);
  return parseTenantSettings(t.settings);
}
