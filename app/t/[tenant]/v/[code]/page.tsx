import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody } from "@/components/ui/card";
import { formatVerificationCode, normalizeVerificationCode } from "@/lib/documents/code";
import { verifyDocumentCode } from "@/lib/documents/verify";
import { formatDate, formatDateTime } from "@/lib/format/date";
import { requireHostTenant } from "@/lib/tenancy/resolve";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("documentVerification", { robots: { index: false, follow: false } });

/** The segment as typed; a malformed escape is kept as it is (and simply matches no code). */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

// Opened from the QR code or the short code printed on a clinical document; no sign-in (the
// 60-bit code is the credential). Says whether the document stands and who issued it, the
// dispensing of a prescription, and of the patient only initials (lib/documents/verify.ts).
export default async function VerifyDocumentPage({ params }: { params: Promise<{ tenant: string; code: string }> }) {
  const { tenant: slug, code } = await params;
  const tenant = await requireHostTenant(slug);
  const t = await getTranslations("documents");
  const typed = safeDecode(code);
  const view = await verifyDocumentCode(tenant.id, typed);
  const normalized = normalizeVerificationCode(typed);
  const tone = view?.state === "VALID" && view.signatureValid ? "success" : view?.state === "EXPIRED" ? "warning" : "danger";
  const day = (iso: string) => iso.split("-").reverse().join("/");
  return (
    <main className="mx-auto flex min-h-dvh max-w-lg flex-col justify-center gap-4 p-6">
      <p className="text-sm font-semibold text-brand-700">{tenant.name}</p>
      <h1 className="text-xl font-semibold">{t("verify.title")}</h1>
      {normalized && <p className="font-mono text-sm text-fg-muted">{formatVerificationCode(normalized)}</p>}
      {!view ? <Alert tone="warning">{t("verify.notFound")}</Alert> : (
        <Card>
          <CardBody className="space-y-3">
            <p data-testid="verification-state" className="text-2xl font-bold">{t(`verify.states.${view.state}`)}</p>
            <Alert tone={tone}>
              {view.state === "VALID" ? t("verify.stateHint.VALID")
                : view.state === "CANCELLED" ? t("verify.stateHint.CANCELLED", { date: formatDateTime(view.cancelledAt!, tenant.timeZone) })
                  : t("verify.stateHint.EXPIRED", { date: day(view.validUntil!) })}
            </Alert>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
              <dt className="text-fg-muted">{t("verify.kind")}</dt>
              <dd>{view.prescriptionKind ? t(`prescriptionKinds.${view.prescriptionKind}`) : t(`kinds.${view.kind}`)}</dd>
              <dt className="text-fg-muted">{t("verify.issuedAt")}</dt>
              <dd>{formatDateTime(view.issuedAt, tenant.timeZone)}</dd>
              <dt className="text-fg-muted">{t("verify.by")}</dt>
              <dd>
                {view.doctor.name} · {t("verify.crm", { crm: view.doctor.crm, uf: view.doctor.crmUf })}
                {view.doctor.rqe ? ` · ${t("verify.rqe", { rqe: view.doctor.rqe })}` : ""}
              </dd>
              <dt className="text-fg-muted">{t("verify.clinic")}</dt>
              <dd>{view.clinic.name}</dd>
              <dt className="text-fg-muted">{t("verify.patient")}</dt>
              <dd>{view.patientInitials}</dd>
              {view.validUntil && (<><dt className="text-fg-muted">{t("verify.validUntil")}</dt><dd>{formatDate(`${view.validUntil}T12:00:00Z`, "UTC")}</dd></>)}
              <dt className="text-fg-muted">{t("verify.signature")}</dt>
              <dd data-testid="verification-signature">{view.signatureValid ? t("verify.signatureValid") : t("verify.signatureInvalid")}</dd>
              {view.dispensing && (
                <>
                  <dt className="text-fg-muted">{t("verify.dispensing")}</dt>
                  <dd>
                    <p data-testid="verification-dispensing">{t(`verify.dispensingStates.${view.dispensing.state}`)}</p>
                    <ul className="text-fg-muted">
                      {view.dispensing.items.map((i) => <li key={i.position}>{t("verify.dispensingItem", i)}</li>)}
                    </ul>
                  </dd>
                </>
              )}
            </dl>
            <p className="text-xs text-fg-muted">{t("verify.privacy")}</p>
          </CardBody>
        </Card>
      )}
    </main>
  );
}
