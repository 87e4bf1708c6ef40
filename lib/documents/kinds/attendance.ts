import type { z } from "zod";
import { printDay, type DocumentHeader } from "../header";
import { pdfText } from "../messages";
import type { Line } from "../pdf/render";
import type { attendanceInputSchema } from "../schemas";
import type { AttendanceBody } from "../types";

// Declaração de comparecimento: that the patient was at the clinic on a day, from one time to
// another. It says nothing about why (no diagnosis, no procedure): it goes to an employer.

export function attendanceBody(input: z.output<typeof attendanceInputSchema>): AttendanceBody {
  return { kind: "ATTENDANCE_DECLARATION", date: input.date, arrivedAt: input.arrivedAt, leftAt: input.leftAt };
}

export function attendanceLines(body: AttendanceBody, header: DocumentHeader): Line[] {
  const params = { name: header.patient.name, cpf: header.patient.cpf ?? "", date: printDay(body.date), from: body.arrivedAt, to: body.leftAt };
  return [{ text: pdfText(header.patient.cpf ? "attendance" : "attendanceNoCpf", params), size: 11.5, space: 10 }];
}
