import { env } from "@/lib/env";
import { ensureWeekOfAppointments } from "./appointments";
import { seedCid10 } from "./cid10";
import { createSeedClient, inTenant, type SeedDb } from "./db";
import { seedDrugCatalogue } from "./drugs";
import { ensureTransactions } from "./finance";
import { buildPatients, staffCpfs } from "./patient-data";
import { ensurePatients } from "./patients";
import { seedReference } from "./reference";
import { ensureScheduling } from "./scheduling";
import { ensurePlan, ensureTenant, TENANTS, type TenantSpec } from "./tenants";
import { ensurePlatformAdmin, ensureTenantUsers } from "./users";

// `npm run db:seed` and tests: reference data, CID-10, the drug catalogue, the platform admin and
// the demo clinics.
// Idempotent: every step creates only what is missing, so a second run writes nothing (and no
// audit row either — one is written per tenant only when the run changed that tenant).

export type SeedOptions = { log?: (line: string) => void };

async function seedTenant(db: SeedDb, spec: TenantSpec): Promise<Record<string, number>> {
  const tenant = await ensureTenant(db, spec);
  const portalUser = spec.users.find((u) => u.role === "patient");
  const patientSpecs = buildPatients(
    spec.slug, spec.patients, spec.insurers.map((i) => i.name),
    portalUser && { fullName: portalUser.name, sex: portalUser.sex ?? "UNKNOWN", email: portalUser.email },
  );
  // The portal user shares the CPF of the patient record it is linked to.
  const cpfs = staffCpfs(spec.slug, spec.users.length);
  const userSpecs = spec.users.map((u, i) => ({ ...u, cpf: u === portalUser ? patientSpecs[0]!.cpf : cpfs[i]! }));

  return inTenant(db, tenant.id, async (tx) => {
    const counts: Record<string, number> = { tenant: tenant.created ? 1 : 0 };
    counts.plan = await ensurePlan(tx, tenant.id, spec);
    const { users, created } = await ensureTenantUsers(tx, tenant.id, userSpecs);
    counts.users = created;
    const byRole = (role: string) => users.filter((u) => u.role === role);
    const staffId = byRole("secretary")[0]?.id ?? byRole("admin")[0]?.id ?? null;
    const scheduling = await ensureScheduling(tx, tenant.id, spec, byRole("doctor"));
    counts.scheduling = scheduling.created;
    const linkedUserId = portalUser ? (users.find((u) => u.email === portalUser.email)?.id ?? null) : null;
    counts.patients = await ensurePatients(tx, {
      tenantId: tenant.id, providers: scheduling.providers, linkedUserId,
      createdBy: staffId, recordedBy: byRole("doctor")[0]?.id ?? null,
    }, patientSpecs);
    const patients = await tx.patient.findMany({
      where: { tenantId: tenant.id, status: "ACTIVE" }, orderBy: [{ searchName: "asc" }, { id: "asc" }],
      select: { id: true, insuranceProviderId: true, userId: true },
    });
    counts.appointments = await ensureWeekOfAppointments(tx, {
      tenantId: tenant.id, slug: spec.slug, timeZone: tenant.timeZone, fill: spec.fill,
      agendas: scheduling.agendas, patients, createdBy: staffId,
      linkedPatientId: (linkedUserId && patients.find((p) => p.userId === linkedUserId)?.id) ?? null,
    });
    counts.transactions = spec.finance
      ? await ensureTransactions(tx, tenant.id, tenant.timeZone, scheduling.providers, byRole("finance")[0]?.id ?? null)
      : 0;
    if (Object.values(counts).some((n) => n > 0)) {
      await tx.auditLog.create({
        data: { action: "seed.applied", entityType: "tenant", entityId: tenant.id, requestId: "seed", metadata: counts },
      });
    }
    return counts;
  });
}

const summary = (counts: Record<string, number>) =>
  Object.entries(counts).filter(([, n]) => n > 0).map(([k, n]) => `${k} +${n}`).join(", ") || "up to date";

export async function seed(databaseUrl: string, opts: SeedOptions = {}): Promise<void> {
  const log = opts.log ?? (() => {});
  env(); // fail on missing keys before touching the database: CPFs cannot be sealed without them
  const db = createSeedClient(databaseUrl);
  try {
    const step = async <T>(label: string, fn: () => Promise<T>, describe: (r: T) => string) => {
      const t0 = performance.now();
      const result = await fn();
      log(`  ${label.padEnd(16)} ${describe(result)} (${Math.round(performance.now() - t0)} ms)`);
      return result;
    };
    await step("reference", () => seedReference(db), (r) =>
      `${r.permissions} permissions; grants +${r.grantsAdded} −${r.grantsRemoved}` +
      (r.permissionsRemoved ? `; stale permissions −${r.permissionsRemoved}` : ""));
    await step("CID-10", () => seedCid10(db), (r) =>
      r.inserted ? `${r.codes} codes, ${r.chapters} chapters (+${r.inserted})` : `${r.codes} codes, up to date`);
    await step("drug catalogue", () => seedDrugCatalogue(db), (r) =>
      `${r.ingredients} ingredients, ${r.generics} presentations, ${r.interactions} interactions` + (r.changed ? ` (+${r.changed})` : ", up to date"));
    await step("platform admin", () => ensurePlatformAdmin(db), (n) => (n ? `+${n}` : "up to date"));
    for (const spec of TENANTS) await step(`tenant ${spec.slug}`, () => seedTenant(db, spec), summary);
  } finally {
    await db.$disconnect();
  }
}
