import { randomUUID } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { resetEnvCache } from "@/lib/env";
import { resetStorage } from "@/lib/storage/config";
import { lookupHash, sealField } from "@/lib/crypto/config";
import { generateCpf } from "@/lib/br/documents";
import { openEncounter } from "@/lib/ehr/records/mutations";
import { giveSigningIdentity } from "@/lib/ehr/records/test-fixtures";
import { schedulingClinic, type SchedulingClinic } from "@/lib/scheduling/test-fixtures";
import { asOwner } from "@/lib/testing/factories";
import type { ItemInput } from "./schemas";

// A clinic ready to prescribe (doctors with CRM/UF and CPF, patients, an open encounter) and the
// drug catalogue the tests name. For integration tests only.

// The curated catalogue, loaded by the seed's own loader (lib/testing/drugs.ts).
export { ensureDrugCatalogue } from "@/lib/testing/drugs";

export type PrescribingClinic = SchedulingClinic & { encounterId: string; otherEncounterId: string };

let storageReady: Promise<void> | undefined;
/** Signed PDFs go to a temporary directory of this test process (the local storage driver). */
function temporaryStorage(): Promise<void> {
  storageReady ??= (async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "prontivus-rx-"));
    Object.assign(process.env, { STORAGE_DRIVER: "local", STORAGE_DIR: dir });
    resetEnvCache();
    resetStorage();
  })();
  return storageReady;
}

export async function prescribingClinic(opts: { settings?: object } = {}): Promise<PrescribingClinic> {
  await temporaryStorage();
  const c = await schedulingClinic(opts);
  await giveSigningIdentity(c);
  const encounterId = (await openEncounter(c.as.doctor, { patientId: c.patients[0]!.id })).id;
  const otherEncounterId = (await openEncounter(c.as.otherDoctor, { patientId: c.patients[0]!.id })).id;
  return { ...c, encounterId, otherEncounterId };
}

/** A free-text item as the editor sends it. */
export const freeItem = (drugName: string, over: Partial<ItemInput> = {}): ItemInput => ({
  medication: null, drugName, dose: "1", doseUnit: "comprimido", route: "oral", frequency: "de 12 em 12 horas",
  duration: "por 7 dias", durationDays: 7, quantity: 2, quantityUnit: "caixa", continuousUse: false, ...over,
});

/** Gives a patient a CPF and a full address (controle especial needs both). */
export async function completePatientIdentity(c: SchedulingClinic, patientIndex: number): Promise<void> {
  const cpf = generateCpf();
  await asOwner(
    `UPDATE patients SET cpf_enc = $2, cpf_hash = $3, street = 'Rua das Flores', number = '100', city = 'São Paulo', uf = 'SP', cep = '01001000' WHERE id = $1`,
    [c.patients[patientIndex]!.id, sealField(c.tenant.id, "patients.cpf", cpf), lookupHash(c.tenant.id, "cpf", cpf)],
  );
}

/** An active allergy, recorded as the patients' allergy form records it. */
export async function recordAllergy(c: SchedulingClinic, patientIndex: number, substance: string, drugClass: string | null = null): Promise<string> {
  const id = randomUUID();
  await asOwner(
    `INSERT INTO patient_allergies (id, tenant_id, patient_id, substance, severity, drug_class) VALUES ($1, $2, $3, $4, 'SEVERE', $5)`,
    [id, c.tenant.id, c.patients[patientIndex]!.id, substance, drugClass],
  );
  return id;
}

export const prescriptionRow = async (id: string) =>
  (await asOwner<Record<string, unknown>>("SELECT * FROM prescriptions WHERE id = $1", [id]))[0];
export const itemRows = (id: string) =>
  asOwner<Record<string, unknown>>("SELECT * FROM prescription_items WHERE prescription_id = $1 ORDER BY position", [id]);

