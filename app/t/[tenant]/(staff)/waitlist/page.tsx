import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { WaitlistForm } from "@/components/engagement/waitlist-form";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { ResultButtonForm } from "@/components/ui/result-button-form";
import { SimpleTable } from "@/components/ui/simple-table";
import { requireStaff } from "@/lib/auth/guards";
import { listWaitlist, waitlistFormOptions } from "@/lib/engagement/waitlist";
import type { WaitlistRow } from "@/lib/engagement/waitlist-schemas";
import { formatDate, formatTime } from "@/lib/format/date";
import { addToWaitlistAction, cancelWaitlistEntryAction } from "./actions";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("waitlist");

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function WaitlistPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireStaff("appointments:write");
  const sp = await searchParams;
  const q = one(sp.q) ?? "";
  const [t, rows, options] = await Promise.all([getTranslations("engagement.waitlist"), listWaitlist(ctx), waitlistFormOptions(ctx, q)]);
  const chosen = one(sp.patient) && one(sp.name) ? { id: one(sp.patient)!, name: one(sp.name)! } : null;
  const tz = ctx.timeZone;
  const columns = [
    { key: "patient", header: t("columns.patient"), rowHeader: true, cell: (r: WaitlistRow) => r.patientName },
    { key: "doctor", header: t("columns.doctor"), cell: (r: WaitlistRow) => r.doctorName ?? t("anyDoctor") },
    { key: "window", header: t("columns.window"), cell: (r: WaitlistRow) => t("window", { from: formatDate(r.earliest, tz), to: formatDate(new Date(Date.parse(r.latest) - 1), tz) }) },
    {
      key: "status", header: t("columns.status"),
      cell: (r: WaitlistRow) => (
        <span className="flex flex-col gap-1">
          <Badge tone={r.status === "OFFERED" ? "info" : r.status === "BOOKED" ? "success" : "neutral"}>{t(`statuses.${r.status}`)}</Badge>
          {r.status === "OFFERED" && r.offeredStartsAt && r.offerExpiresAt && (
            <span className="text-xs text-fg-muted">
              {t("offer", { date: formatDate(r.offeredStartsAt, tz), time: formatTime(r.offeredStartsAt, tz), until: formatTime(r.offerExpiresAt, tz) })}
            </span>
          )}
        </span>
      ),
    },
    {
      key: "actions", header: t("columns.actions"),
      cell: (r: WaitlistRow) => (r.status === "WAITING" || r.status === "OFFERED") && (
        <ResultButtonForm action={cancelWaitlistEntryAction} fields={{ id: r.id }} label={t("cancelEntry")} size="sm" variant="secondary" />
      ),
    },
  ];
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <Card className="mb-6">
        <CardHeader title={t("add")} />
        <CardBody className="space-y-4">
          <form method="get" className="flex flex-wrap items-end gap-2" role="search">
            <label className="flex flex-col gap-1 text-sm">
              {t("searchPatient")}
              <Input name="q" defaultValue={q} minLength={2} aria-describedby="waitlist-search-hint" />
            </label>
            <Button type="submit" variant="secondary">{t("search")}</Button>
            <p id="waitlist-search-hint" className="w-full text-xs text-fg-muted">{t("searchHint")}</p>
          </form>
          {q.length >= 2 && (
            options.patients.length === 0 ? <p className="text-sm">{t("noPatients")}</p> : (
              <ul className="space-y-1 text-sm">
                {options.patients.map((p) => (
                  <li key={p.id}>
                    <Link className="text-brand-700 underline" href={`/waitlist?${new URLSearchParams({ patient: p.id, name: p.name })}`}>
                      {t("choose")}: {p.name}{p.birthDate ? ` (${formatDate(`${p.birthDate}T12:00:00Z`, "UTC")})` : ""}
                    </Link>
                  </li>
                ))}
              </ul>
            )
          )}
          {chosen && <WaitlistForm action={addToWaitlistAction} patient={chosen} doctors={options.doctors} />}
        </CardBody>
      </Card>
      <SimpleTable caption={t("title")} columns={columns} rows={rows} rowKey={(r) => r.id} empty={t("empty")} />
    </>
  );
}
