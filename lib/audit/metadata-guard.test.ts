import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { encryptField } from "@/lib/crypto/field-encryption";
import { createKeyring } from "@/lib/crypto/keyring";
import { diffValues } from "./changes";
import { assertNoPersonalValues, AuditMetadataError, personalValuePath } from "./metadata-guard";

// The guard recordAudit runs on every metadata object: personal or clinical values in clear are
// refused (naming the key, never the value); field names, ids, codes, flags and ciphertext pass.

const sealed = encryptField(createKeyring(new Map([["k", randomBytes(32)]]), "k"), "{}", "aad");

describe("personalValuePath", () => {
  it.each([
    [{ changes: { fullName: { from: "Ana", to: "Ana B." } } }, "metadata.changes.fullName"],
    [{ phone: "11987654321" }, "metadata.phone"],
    [{ after: { patientPhone: "11987654321" } }, "metadata.after.patientPhone"],
    [{ birthDate: "1985-04-03" }, "metadata.birthDate"],
    [{ street: "Av. Paulista", number: "1000" }, "metadata.street"],
    [{ number: "1000" }, "metadata.number"],
    [{ cancellation_reason: "viajou" }, "metadata.cancellation_reason"],
    [{ encaixeReason: "dor" }, "metadata.encaixeReason"],
    [{ allergy: { substance: "Dipirona" } }, "metadata.allergy"],
    [{ items: [{ notes: "sigiloso" }] }, "metadata.items.0.notes"],
    [{ email: "a@b.test" }, "metadata.email"],
    [{ cpf: "52998224725" }, "metadata.cpf"],
  ])("finds %j", (metadata, path) => {
    expect(personalValuePath(metadata)).toBe(path);
  });

  it.each([
    [{ changed: ["fullName", "phone", "cpf"], subjectKeyId: "0193a0b4-0000-7000-8000-000000000000", values: sealed }],
    [{ hasReason: true, before: { status: "SCHEDULED" }, after: { status: "CANCELLED" }, by: "staff" }],
    [{ allergyId: "x", severity: "SEVERE", withdrewDenial: false }],
    [{ name: "Saúde Mais" }], // an insurer's name is a company's
    [{ capacity: 3, attemptNumber: 2, recoveryCodes: 10, fields: ["reason", "modality"] }],
    [{ reason: null, notes: sealed }],
    [{ failures: 10, step: "two_factor", channel: "TOTP", purposes: ["CARE"], termVersion: "2026-01" }],
  ])("lets %j through", (metadata) => {
    expect(personalValuePath(metadata)).toBeNull();
  });

  it("refuses with a message that names the key and never the value", () => {
    const attempt = () => assertNoPersonalValues("patient.updated", { changes: { phone: { from: "11987654321", to: null } } });
    expect(attempt).toThrow(AuditMetadataError);
    expect(attempt).toThrow(/metadata\.changes\.phone/);
    expect(attempt).not.toThrow(/11987654321/);
  });
});

describe("diffValues", () => {
  it("names changed fields (secret ones under their public name), keeps values apart, skips ignored ones", () => {
    const before = { fullName: "Ana", phone: "1", cpfHash: "h1", cpfEnc: "e1", birthDate: new Date("1985-04-03T00:00:00Z"), city: "SP" };
    const after = { fullName: "Ana B.", phone: "1", cpfHash: "h2", cpfEnc: "e2", birthDate: new Date("1985-04-04T00:00:00Z"), city: undefined };
    const { changed, kept } = diffValues(before, after, { secret: { cpfHash: "cpf" }, ignore: ["cpfEnc"] });
    expect(changed).toEqual(["birthDate", "city", "cpf", "fullName"]);
    expect(kept).toEqual({
      fullName: { from: "Ana", to: "Ana B." }, birthDate: { from: "1985-04-03", to: "1985-04-04" }, city: { from: "SP", to: null },
    });
  });
});
