import { Badge } from "@/components/ui/badge";

/**
 * For staff views of an appointment (agenda, detail): a teleconsulta and whether the patient
 * accepted the TCLE. Labels come from the caller (messages "engagement.telemedicine.badge*").
 */
export function TelemedicineConsentBadge({ modality, consentAt, labels }: {
  modality: "IN_PERSON" | "TELEMEDICINE";
  consentAt: string | Date | null;
  labels: { accepted: string; pending: string };
}) {
  if (modality !== "TELEMEDICINE") return null;
  return consentAt
    ? <Badge tone="success" title={new Date(consentAt).toISOString()}>{labels.accepted}</Badge>
    : <Badge tone="warning">{labels.pending}</Badge>;
}
