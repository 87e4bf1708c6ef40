import type { Tx } from "@/lib/db/client";
import type { DocumentHeader } from "../header";
import { pdfText } from "../messages";
import type { Line } from "../pdf/render";
import type { IssueDocumentData } from "../schemas";
import type { DocumentBody } from "../types";
import { attendanceBody, attendanceLines } from "./attendance";
import { certificateBody, certificateLines } from "./certificate";
import { examRequestBody, examRequestLines } from "./exam-request";
import { prescriptionLayout, prescriptionLines } from "./prescription";
import { referralBody, referralLines } from "./referral";

// One switch from a document's kind to how it prints, and from a chart form's input to a body.

export type Layout = { title: string; copies: [string, string] | null; controlledBlocks: boolean; withPatientAddress: boolean; lines: Line[] };

export function documentLayout(body: DocumentBody, header: DocumentHeader, validUntil: string | null): Layout {
  const single = { copies: null, controlledBlocks: false, withPatientAddress: false };
  switch (body.kind) {
    case "PRESCRIPTION": return { ...prescriptionLayout(body), lines: prescriptionLines(body, validUntil) };
    case "MEDICAL_CERTIFICATE": return { ...single, title: pdfText("titles.MEDICAL_CERTIFICATE"), lines: certificateLines(body, header) };
    case "ATTENDANCE_DECLARATION": return { ...single, title: pdfText("titles.ATTENDANCE_DECLARATION"), lines: attendanceLines(body, header) };
    case "EXAM_REQUEST": return { ...single, title: pdfText("titles.EXAM_REQUEST"), lines: examRequestLines(body) };
    case "REFERRAL": return { ...single, title: pdfText("titles.REFERRAL"), lines: referralLines(body, header) };
  }
}

export async function bodyFromInput(tx: Tx, input: IssueDocumentData): Promise<DocumentBody> {
  switch (input.kind) {
    case "MEDICAL_CERTIFICATE": return certificateBody(tx, input);
    case "ATTENDANCE_DECLARATION": return attendanceBody(input);
    case "EXAM_REQUEST": return examRequestBody(input);
    case "REFERRAL": return referralBody(input);
  }
}
