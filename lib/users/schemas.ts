import type { ActionResult as SharedActionResult } from "@/lib/action-result";
import { z } from "zod";
import { text } from "@/lib/validation/text";
import { isValidCpf, isValidCrm, normalizeCpf, normalizeCrm, UFS } from "@/lib/br/documents";
import type { FieldErrors } from "@/lib/errors";

// Inputs of user administration and invitation acceptance. The only file of lib/users that
// client code imports: forms validate with the same schemas the domain functions enforce.

/** Roles a clinic hands out to its staff. super_admin is platform-only; patient comes from the portal. */
export const STAFF_ROLES = ["admin", "doctor", "secretary", "finance"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

const uuid = z.uuid("Identificador inválido.");

export const inviteUserSchema = z.object({
  email: text().trim().toLowerCase().pipe(z.email("Informe um e-mail válido.").max(254)),
  role: z.enum(STAFF_ROLES, "Escolha um papel."),
});
export type InviteUserInput = z.input<typeof inviteUserSchema>;

export const setUserRolesSchema = z.object({
  userId: uuid,
  roles: z.array(z.enum(STAFF_ROLES, "Papel inválido."))
    .min(1, "Escolha ao menos um papel.")
    .transform((roles) => [...new Set(roles)]),
});
export type SetUserRolesInput = z.input<typeof setUserRolesSchema>;

export const userIdSchema = z.object({ userId: uuid });
export type UserIdInput = z.input<typeof userIdSchema>;

export const invitationIdSchema = z.object({ invitationId: uuid });
export type InvitationIdInput = z.input<typeof invitationIdSchema>;

// Password rules beyond "present and not absurdly long" live in lib/auth/password-policy.ts,
// which needs the invited e-mail (known only on the server) to refuse passwords that contain it.
export const acceptInvitationSchema = z.object({
  name: text().trim().min(3, "Informe seu nome completo.").max(200, "Nome muito longo."),
  cpf: text().trim().refine(isValidCpf, "CPF inválido.").transform(normalizeCpf),
  crm: text().trim().max(12, "CRM inválido.").optional().transform((v) => (v ? v : undefined)),
  crmUf: text().trim().toUpperCase().optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || (UFS as readonly string[]).includes(v), "UF inválida."),
  password: text().min(1, "Informe uma senha.").max(128, "A senha deve ter no máximo 128 caracteres."),
  passwordConfirmation: text(),
}).superRefine((v, issue) => {
  if (v.password !== v.passwordConfirmation) {
    issue.addIssue({ code: "custom", path: ["passwordConfirmation"], message: "As senhas não conferem." });
  }
  // The number's shape alone (a stand-in UF): a missing UF is reported on its own field.
  if (v.crm !== undefined && !isValidCrm(v.crm, v.crmUf ?? "SP")) {
    issue.addIssue({ code: "custom", path: ["crm"], message: "CRM inválido." });
  }
}).transform((v) => ({
  name: v.name, cpf: v.cpf, crmUf: v.crmUf, password: v.password,
  crm: v.crm === undefined ? undefined : normalizeCrm(v.crm),
}));
export type AcceptInvitationInput = z.input<typeof acceptInvitationSchema>;
export type AcceptInvitationData = z.output<typeof acceptInvitationSchema>;

/** What a server action answers: success with an optional notice, or a message and field errors. */
export type ActionResult = SharedActionResult<{ message?: string }>;

/** zod issues → { field: [messages] }, the shape AppError and the forms use. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}
