import type { RoleKey, Sex } from "@/lib/generated/prisma/enums";
import { assertValidCnpj } from "./br";
import type { SeedDb, SeedTx } from "./db";

// The two demo clinics. `demo` is the full showcase; `vida` is small and exists to show that one
// clinic never sees another's data (same insurer names, overlapping patient names).

export type UserSpec = { email: string; name: string; role: RoleKey; crm?: string; crmUf?: string; sex?: Sex };

export type TenantSpec = {
  slug: string; name: string; legalName: string; cnpj: string; cnes: string;
  email: string; phone: string; address: Record<string, string>; plan: string;
  flags: Record<string, boolean>;
  /** A user with role patient is linked to the first generated patient. */
  users: UserSpec[];
  insurers: { name: string; ansCode: string }[];
  rooms: string[];
  patients: number;
  /** Share of agenda slots to fill. */
  fill: number;
  finance: boolean;
};

// Demo choice: the seeded clinics require no second factor, so the printed demo logins (and the
// e2e specs that use them) sign in with the password alone. A real clinic gets the default of
// lib/tenancy/settings.ts (admin and doctor must use 2FA); turn it on here to try enforcement.
const SETTINGS = {
  security: { twoFactorRequiredRoles: [] as string[], staffIdleMinutes: 15, patientIdleMinutes: 30 },
  scheduling: { minCancellationNoticeHours: 24 },
};

// ANS registry numbers are plausible 6-digit values for the demo, not a reference.
const INSURERS = [
  { name: "Unimed", ansCode: "339679" },
  { name: "Bradesco Saúde", ansCode: "005711" },
  { name: "SulAmérica Saúde", ansCode: "006246" },
  { name: "Amil", ansCode: "326305" },
];

export const TENANTS: TenantSpec[] = [
  {
    slug: "demo", name: "Clínica Demo", legalName: "Clínica Demo Serviços Médicos Ltda",
    cnpj: assertValidCnpj("47382916000117"), cnes: "2077485",
    email: "contato@demo.prontivus.dev", phone: "1133334444",
    address: {
      cep: "01310200", street: "Avenida Paulista", number: "1578", complement: "Conjunto 42",
      district: "Bela Vista", city: "São Paulo", ibgeCode: "3550308", uf: "SP",
    },
    plan: "profissional",
    flags: { telemedicine: true, patient_portal: true, whatsapp_reminders: true },
    users: [
      { email: "admin@demo.prontivus.dev", name: "Mariana Costa", role: "admin" },
      { email: "medica@demo.prontivus.dev", name: "Dra. Ana Beatriz Souza", role: "doctor", crm: "123456", crmUf: "SP" },
      { email: "medico@demo.prontivus.dev", name: "Dr. Carlos Henrique Lima", role: "doctor", crm: "654321", crmUf: "SP" },
      { email: "recepcao@demo.prontivus.dev", name: "Juliana Pereira", role: "secretary" },
      { email: "financeiro@demo.prontivus.dev", name: "Roberto Almeida", role: "finance" },
      { email: "paciente@demo.prontivus.dev", name: "Lucas Fernandes", role: "patient", sex: "MALE" },
    ],
    insurers: INSURERS,
    rooms: ["Consultório 1", "Consultório 2"],
    patients: 200,
    fill: 0.6,
    finance: true,
  },
  {
    slug: "vida", name: "Clínica Vida", legalName: "Clínica Vida Atendimento Médico Ltda",
    cnpj: assertValidCnpj("58203147000169"), cnes: "6543217",
    email: "contato@vida.prontivus.dev", phone: "1932324545",
    address: {
      cep: "13015002", street: "Rua Barão de Jaguara", number: "1000", complement: "Sala 12",
      district: "Centro", city: "Campinas", ibgeCode: "3509502", uf: "SP",
    },
    plan: "essencial",
    flags: { patient_portal: true },
    users: [
      { email: "admin@vida.prontivus.dev", name: "Patrícia Nogueira", role: "admin" },
      { email: "medico@vida.prontivus.dev", name: "Dr. Eduardo Tavares", role: "doctor", crm: "98765", crmUf: "SP" },
      { email: "recepcao@vida.prontivus.dev", name: "Camila Rocha", role: "secretary" },
    ],
    insurers: INSURERS.slice(0, 2),
    rooms: ["Consultório"],
    patients: 20,
    fill: 0.4,
    finance: false,
  },
];

/** The tenant row (platform data, no RLS). Left untouched when it exists: an admin may have edited it. */
export async function ensureTenant(db: SeedDb, spec: TenantSpec): Promise<{ id: string; timeZone: string; created: boolean }> {
  const found = await db.tenant.findUnique({ where: { slug: spec.slug }, select: { id: true, timeZone: true, settings: true } });
  if (found) {
    // Databases seeded before settings had sections hold a flat object no admin could have
    // written; without this the demo logins would suddenly owe a second factor.
    const old = found.settings as Record<string, unknown> | null;
    if (old && typeof old === "object" && !("security" in old)) {
      await db.tenant.update({ where: { id: found.id }, data: { settings: SETTINGS }, select: { id: true } });
    }
    return { id: found.id, timeZone: found.timeZone, created: false };
  }
  const made = await db.tenant.create({
    data: {
      slug: spec.slug, name: spec.name, legalName: spec.legalName, cnpj: spec.cnpj, cnes: spec.cnes,
      timeZone: "America/Sao_Paulo", locale: "pt-BR", email: spec.email, phone: spec.phone,
      address: spec.address, settings: SETTINGS, status: "ACTIVE",
    },
    select: { id: true, timeZone: true },
  });
  return { ...made, created: true };
}

/** Subscription (only when the tenant has none) and feature flags (missing ones only). */
export async function ensurePlan(tx: SeedTx, tenantId: string, spec: TenantSpec): Promise<number> {
  let created = 0;
  if (!(await tx.tenantSubscription.findFirst({ where: { tenantId }, select: { id: true } }))) {
    const plan = await tx.plan.findUniqueOrThrow({ where: { key: spec.plan }, select: { id: true } });
    const now = new Date();
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
    await tx.tenantSubscription.create({
      data: { planId: plan.id, status: "ACTIVE", currentPeriodStart: start, currentPeriodEnd: end },
    });
    created++;
  }
  const flags = await tx.tenantFeatureFlag.createMany({
    data: Object.entries(spec.flags).map(([flagKey, enabled]) => ({ flagKey, enabled })),
    skipDuplicates: true,
  });
  return created + flags.count;
}
