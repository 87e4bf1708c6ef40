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

/** True when `row` lacks `wanted` or any of its fields differ: only then is a write needed. */
function differs(row: object | undefined, wanted: object): boolean {
  if (!row) return true;
  const have = row as Record<string, unknown>;
  return Object.entries(wanted).some(([k, v]) => JSON.stringify(have[k]) !== JSON.stringify(v));
}

// Reads first and writes only differences: the seed runs on every `npm run dev`, and ~40
// upserts per start cost more than the four reads that usually show nothing to do.

/** Returns how many stale permissions were removed. */
async function reconcilePermissions(tx: SeedTx): Promise<number> {
  const have = new Map((await tx.permission.findMany()).map((p) => [p.key, p]));
  const keys = Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[];
  for (const key of keys) {
    const data = { description: PERMISSIONS[key] };
    if (differs(have.get(key), data)) await tx.permission.upsert({ where: { key }, create: { key, ...data }, update: data });
  }
  // A permission the code no longer knows cannot be checked by anything; its grants go with it.
  const stale = [...have.keys()].filter((k) => !(k in PERMISSIONS));
  if (stale.length === 0) return 0;
  return (await tx.permission.deleteMany({ where: { key: { in: stale } } })).count;
}

async function reconcileRoles(tx: SeedTx): Promise<{ added: number; removed: number }> {
  const roles = await tx.role.findMany({ include: { permissions: { select: { permissionKey: true } } } });
  let added = 0;
  let removed = 0;
  for (const key of Object.keys(ROLE_PERMISSIONS) as RoleKey[]) {
    const data = { name: ROLE_NAMES[key], rank: ROLE_RANK[key], description: ROLE_DESCRIPTIONS[key] };
    const found = roles.find((r) => r.key === key);
    const roleId = found && !differs(found, data)
      ? found.id
      : (await tx.role.upsert({ where: { key }, create: { key, ...data }, update: data, select: { id: true } })).id;
    const granted = new Set(found?.permissions.map((p) => p.permissionKey) ?? []);
    const wanted = new Set<string>(ROLE_PERMISSIONS[key]);
    const toAdd = [...wanted].filter((k) => !granted.has(k));
    const toRemove = [...granted].filter((k) => !wanted.has(k));
    if (toRemove.length) {
      removed += (await tx.rolePermission.deleteMany({ where: { roleId, permissionKey: { in: toRemove } } })).count;
    }
    if (toAdd.length) {
      added += (await tx.rolePermission.createMany({
        data: toAdd.map((permissionKey) => ({ roleId, permissionKey })), skipDuplicates: true,
      })).count;
    }
  }
  return { added, removed };
}

async function seedReferenceTx(tx: SeedTx): Promise<ReferenceCounts> {
  const stalePermissions = await reconcilePermissions(tx);
  const grants = await reconcileRoles(tx);
  const plans = await tx.plan.findMany();
  for (const plan of PLANS) {
    const data = { ...plan, features: [...plan.features] };
    if (differs(plans.find((p) => p.key === plan.key), data)) {
      await tx.plan.upsert({ where: { key: plan.key }, create: data, update: data });
    }
  }
  const flags = await tx.featureFlag.findMany();
  for (const flag of FEATURE_FLAGS) {
    if (differs(flags.find((f) => f.key === flag.key), flag)) {
      await tx.featureFlag.upsert({ where: { key: flag.key }, create: flag, update: flag });
    }
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
