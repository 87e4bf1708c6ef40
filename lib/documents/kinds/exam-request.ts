import type { z } from "zod";
import { pdfText } from "../messages";
import type { Line } from "../pdf/render";
import type { examRequestInputSchema } from "../schemas";
import type { ExamRequestBody } from "../types";
import { tussExam } from "./tuss";

// Pedido de exames: each exam with its TUSS code (table 22) when it is one of the curated list,
// printed with the official name; anything else as the doctor wrote it, without a code.

export function examRequestBody(input: z.output<typeof examRequestInputSchema>): ExamRequestBody {
  const exams = input.exams.map((e) => {
    const known = e.tussCode ? tussExam(e.tussCode) : undefined;
    return known ? { tussCode: known.code, name: known.name } : { tussCode: null, name: e.name! };
  });
  return { kind: "EXAM_REQUEST", exams, clinicalIndication: input.clinicalIndication };
}

export function examRequestLines(body: ExamRequestBody): Line[] {
  const lines: Line[] = [{ text: pdfText("examsIntro"), space: 6 }];
  body.exams.forEach((e, i) => lines.push({
    text: e.tussCode ? pdfText("examTuss", { position: i + 1, name: e.name, code: e.tussCode }) : pdfText("exam", { position: i + 1, name: e.name }),
    indent: 10, space: 2,
  }));
  if (body.clinicalIndication) lines.push({ text: pdfText("indication", { text: body.clinicalIndication }), space: 10 });
  return lines;
}
