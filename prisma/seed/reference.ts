import { PERMISSIONS, ROLE_NAMES, ROLE_PERMISSIONS, ROLE_RANK } from "@/lib/auth/permissions";
import type { RoleKey } from "@/lib/generated/prisma/enums";
import type { SeedDb, SeedTx } from "./db";

// Platform reference data. lib/auth/permissions.ts is the source of truth for the catalogue and
// the default grants, so this reconciles the tables with it (adds and removes), while plans and
// feature flags are upserted so price or wording changes in this file reach existing databases.

const ROLE_DESCRIPTIONS: Record<RoleKey, string> = {
  super_admin: "Equipe Prontivus: administra clínicas, planos e recursos da plataforma.",
  admin: "Gestor da clínica: usuários, configurações, agenda, financeiro e auditoria.",
  doctor: "Profissional de saúde: agenda própria, prontuário e prescrições.",
  secretary: "Recepção: cadastro de pacientes, agendamentos e chegada.",
  finance: "Faturamento: cobranças, pagamentos e relatórios financeiros.",
  patient: "Paciente: portal com consultas, documentos e dados pessoais.",
};

export const PLANS = [
  {
    key: "essencial", name: "Essencial", priceCents: 19_900, maxProfessionals: 2, maxPatients: 2_000,
    features: ["patient_portal"],
  },
  {
    key: "profissional", name: "Profissional", priceCents: 44_900, maxProfessionals: 10, maxPatients: 20_000,
    features: ["patient_portal", "telemedicine", "whatsapp_reminders"],
  },
  {
    key: "rede", name: "Rede", priceCents: 129_000, maxProfessionals: null, maxPatients: null,
    features: ["patient_portal", "telemedicine", "whatsapp_reminders", "online_booking", "tiss_billing"],
  },
] as const;

export const FEATURE_FLAGS = [
  { key: "telemedicine", description: "Teleconsulta por vídeo com termo de consentimento", enabledDefault: false },
  { key: "patient_portal", description: "Portal do paciente (consultas, documentos, dados)", enabledDefault: true },
  { key: "whatsapp_reminders", description: "Lembretes de consulta por WhatsApp", enabledDefault: false },
  { key: "online_booking", description: "Agendamento on-line pelo próprio paciente", enabledDefault: false },
  { key: "tiss_billing", description: "Faturamento de convênios no padrão TISS", enabledDefault: false },
] as const;

export type ReferenceCounts = {
  permissions: number; grantsAdded: number; grantsRemoved: number; permissionsRemoved: number;
};

/** Returns how many stale permissions were removed. */
async function reconcilePermissions(db: SeedTx): Promise<number> {
  const keys = Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[];
  for (const key of keys) {
    await db.permission.upsert({
      where: { key },
      create: { key, description: PERMISSIONS[key] },
      update: { description: PERMISSIONS[key] },
    });
  }
  // A permission the code no longer knows cannot be checked by anything; its grants go with it.
  const stale = await db.permission.deleteMany({ where: { key: { notIn: keys } } });
  return stale.count;
}

async function reconcileRoles(db: SeedTx): Promise<{ added: number; removed: number }> {
  let added = 0;
  let removed = 0;
  for (const key of Object.keys(ROLE_PERMISSIONS) as RoleKey[]) {
    const data = { name: ROLE_NAMES[key], rank: ROLE_RANK[key], description: ROLE_DESCRIPTIONS[key] };
    const role = await db.role.upsert({ where: { key }, create: { key, ...data }, update: data });
    const wanted = ROLE_PERMISSIONS[key];
    const gone = await db.rolePermission.deleteMany({
      where: { roleId: role.id, permissionKey: { notIn: wanted } },
    });
    const made = await db.rolePermission.createMany({
      data: wanted.map((permissionKey) => ({ roleId: role.id, permissionKey })),
      skipDuplicates: true,
    });
    added += made.count;
    removed += gone.count;
  }
  return { added, removed };
}

async function seedReferenceTx(db: SeedTx): Promise<ReferenceCounts> {
  const stalePermissions = await reconcilePermissions(db);
  const grants = await reconcileRoles(db);
  for (const plan of PLANS) {
    const data = { ...plan, features: [...plan.features] };
    await db.plan.upsert({ where: { key: plan.key }, create: data, update: data });
  }
  for (const flag of FEATURE_FLAGS) {
    await db.featureFlag.upsert({ where: { key: flag.key }, create: flag, update: flag });
  }
  return {
    permissions: Object.keys(PERMISSIONS).length,
    grantsAdded: grants.added,
    grantsRemoved: grants.removed,
    permissionsRemoved: stalePermissions,
  };
}

/** One transaction: a failure never leaves a role half-granted. */
export function seedReference(db: SeedDb): Promise<ReferenceCounts> {
  return db.$transaction((tx) => seedReferenceTx(tx), { timeout: 60_000 });
}
