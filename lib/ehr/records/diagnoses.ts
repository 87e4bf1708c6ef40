import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { z } from "zod";
import type { diagnosesSchema } from "./schemas";
import { recordsMessage } from "./messages";

// A draft's diagnoses are saved as a whole list, in the doctor's order, each code checked
// against the official CID-10 table (reference data, no tenant).

type Diagnoses = z.output<typeof diagnosesSchema>;

/** Replaces the list; answers whether it changed. Unknown codes are field errors. */
export async function replaceDiagnoses(tx: Tx, recordId: string, list: Diagnoses): Promise<boolean> {
  const codes = list.map((d) => d.code);
  const known = new Set((await tx.cid10Code.findMany({ where: { code: { in: codes } }, select: { code: true } })).map((c) => c.code));
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length > 0) {
    const message = recordsMessage("cid10Unknown", { codes: unknown.join(", ") });
    throw new AppError("validation", message, { diagnoses: [message] });
  }
  const current = await tx.medicalRecordDiagnosis.findMany({
    where: { medicalRecordId: recordId }, orderBy: { position: "asc" }, select: { code: true, isMain: true, certainty: true },
  });
  const same = current.length === list.length && current.every((c, i) => c.code === list[i]!.code && c.isMain === list[i]!.isMain && c.certainty === list[i]!.certainty);
  if (same) return false;
  await tx.medicalRecordDiagnosis.deleteMany({ where: { medicalRecordId: recordId } });
  if (list.length > 0) {
    await tx.medicalRecordDiagnosis.createMany({
      data: list.map((d, position) => ({ medicalRecordId: recordId, code: d.code, isMain: d.isMain, certainty: d.certainty, position })),
    });
  }
  return true;
}
