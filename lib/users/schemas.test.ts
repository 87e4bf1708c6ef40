import { describe, expect, it } from "vitest";
import { generateCpf } from "@/lib/br/documents";
import { grantableRoles } from "./policy";
import { acceptInvitationSchema, fieldErrorsOf, inviteUserSchema, setUserRolesSchema } from "./schemas";

describe("user schemas", () => {
  it("normalizes the invited e-mail and allows only staff roles", () => {
    expect(inviteUserSchema.parse({ email: " Ana@Clinica.TEST ", role: "doctor" })).toEqual({ email: "ana@clinica.test", role: "doctor" });
    for (const role of ["super_admin", "patient", "", "root"]) {
      expect(inviteUserSchema.safeParse({ email: "a@b.test", role }).success).toBe(false);
    }
  });

  it("needs at least one role and drops repeats", () => {
    const userId = "0195f3c2-7d0a-7000-8000-000000000001";
    expect(setUserRolesSchema.parse({ userId, roles: ["doctor", "doctor"] }).roles).toEqual(["doctor"]);
    const empty = setUserRolesSchema.safeParse({ userId, roles: [] });
    expect(empty.success || fieldErrorsOf(empty.error)).toEqual({ roles: ["Escolha ao menos um papel."] });
  });

  it("parses an acceptance: CPF digits, CRM without separators, UF upper-cased, no confirmation kept", () => {
    const cpf = generateCpf();
    const masked = `${cpf.slice(0, 3)}.${cpf.slice(3, 6)}.${cpf.slice(6, 9)}-${cpf.slice(9)}`;
    expect(acceptInvitationSchema.parse({
      name: " Ana Souza ", cpf: masked, crm: "012.345", crmUf: "sp", password: "x", passwordConfirmation: "x",
    })).toEqual({ name: "Ana Souza", cpf, crm: "12345", crmUf: "SP", password: "x" });
  });

  it("reports each bad field in place", () => {
    const result = acceptInvitationSchema.safeParse({
      name: "A", cpf: "123.456.789-00", crm: "abc", crmUf: "XX", password: "um", passwordConfirmation: "dois",
    });
    expect(result.success).toBe(false);
    expect(Object.keys(fieldErrorsOf(result.error!)).sort()).toEqual(["cpf", "crm", "crmUf", "name", "passwordConfirmation"]);
  });
});

describe("grantableRoles", () => {
  it("offers staff roles up to the actor's highest rank, never super_admin or patient", () => {
    expect(grantableRoles({ roles: ["admin"] })).toEqual(["admin", "doctor", "secretary", "finance"]);
    expect(grantableRoles({ roles: ["doctor"] })).toEqual(["doctor", "secretary", "finance"]);
    expect(grantableRoles({ roles: ["secretary"] })).toEqual(["secretary", "finance"]);
    expect(grantableRoles({ roles: ["super_admin"] })).toEqual(["admin", "doctor", "secretary", "finance"]);
    expect(grantableRoles({ roles: [] })).toEqual([]);
  });
});
