import type { RoleKey } from "@/lib/generated/prisma/enums";

// The permission catalogue and the default grant of each role. The seed writes these into
// `permissions` / `role_permissions`; at run time the database is the source of truth.

export const PERMISSIONS = {
  "dashboard:view": "Ver o painel da clínica",
  "patients:read": "Consultar pacientes",
  "patients:write": "Cadastrar e editar pacientes",
  "appointments:read": "Ver agendas e consultas",
  "appointments:write": "Agendar, remarcar e cancelar consultas",
  "appointments:checkin": "Registrar chegada do paciente",
  "agendas:manage": "Configurar agendas: horários, bloqueios, salas e convênios aceitos",
  "records:read": "Ler prontuários",
  "records:write": "Escrever no prontuário",
  "records:sign": "Assinar registros do prontuário",
  "records:break_glass": "Abrir um prontuário em emergência, com justificativa e por tempo limitado",
  "prescriptions:write": "Redigir prescrições",
  "prescriptions:sign": "Assinar prescrições",
  "finance:read": "Ver lançamentos financeiros",
  "finance:write": "Lançar cobranças e pagamentos",
  "finance:reports": "Emitir relatórios financeiros",
  "users:read": "Ver usuários da clínica",
  "users:manage": "Convidar, alterar papéis e desativar usuários",
  "settings:manage": "Alterar configurações e identidade visual",
  "audit:read": "Consultar a trilha de auditoria",
  "portal:self": "Usar o portal do paciente",
  "platform:manage": "Administrar clínicas, planos e recursos da plataforma",
} as const;

export type Permission = keyof typeof PERMISSIONS;

const STAFF_BASE: Permission[] = ["dashboard:view", "patients:read", "appointments:read"];

export const ROLE_PERMISSIONS: Record<RoleKey, Permission[]> = {
  super_admin: ["platform:manage", "audit:read"],
  admin: [
    ...STAFF_BASE, "patients:write", "appointments:write", "appointments:checkin", "agendas:manage",
    "finance:read", "finance:reports", "users:read", "users:manage", "settings:manage", "audit:read",
    "records:break_glass",
  ],
  doctor: [
    ...STAFF_BASE, "appointments:write", "records:read", "records:write", "records:sign",
    "prescriptions:write", "prescriptions:sign",
  ],
  secretary: [...STAFF_BASE, "patients:write", "appointments:write", "appointments:checkin", "records:break_glass"],
  finance: [...STAFF_BASE, "finance:read", "finance:write", "finance:reports", "records:break_glass"],
  patient: ["portal:self"],
};

/** Rank orders roles for "never grant above your own". */
export const ROLE_RANK: Record<RoleKey, number> = {
  super_admin: 100, admin: 80, doctor: 50, secretary: 40, finance: 40, patient: 10,
};

export const ROLE_NAMES: Record<RoleKey, string> = {
  super_admin: "Superadministrador",
  admin: "Administrador",
  doctor: "Médico(a)",
  secretary: "Recepção",
  finance: "Financeiro",
  patient: "Paciente",
};
