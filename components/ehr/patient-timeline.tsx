import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { TIMELINE_KINDS, timelineQuery, type PatientTimeline, type TimelineFilter, type TimelineItem } from "@/lib/ehr/timeline/schemas";
import { VITAL_FIELDS, VITAL_MEASURES } from "@/lib/ehr/vitals/schemas";
import { formatDate, formatDateTime } from "@/lib/format/date";

// The clinical timeline of /patients/{id}: pinned allergies and continuous problems, a GET
// filter form (kind and period, so the URL is the state), and the items newest first with a
// link to the next (older) page. Server component: it only renders what lib/ehr/timeline gave.

type Props = { timeline: PatientTimeline; filter: TimelineFilter; basePath: string; timeZone: string };

const severityTone = { MILD: "info", MODERATE: "warning", SEVERE: "danger", LIFE_THREATENING: "danger" } as const;

export async function PatientTimelineView({ timeline, filter, basePath, timeZone }: Props) {
  const t = await getTranslations("ehrAccess.timeline");
  const tv = await getTranslations("ehrVitals");
  const tp = await getTranslations("patientRecord");
  const { pinned } = timeline;
  const vitalsLine = (item: Extract<TimelineItem, { kind: "vitals" }>) => {
    const v = item.vitals.values;
    const parts = VITAL_FIELDS.filter((f) => v[f] !== undefined && f !== "diastolicMmhg").map((f) =>
      f === "systolicMmhg" ? `${tv("measures.bloodPressure")} ${v.systolicMmhg}/${v.diastolicMmhg} mmHg`
        : `${tv(`measures.${f}`)} ${v[f]!.toLocaleString("pt-BR")} ${VITAL_MEASURES[f].unit}`);
    if (item.vitals.bmi !== null) parts.push(`${tv("measures.bmi")} ${item.vitals.bmi.toLocaleString("pt-BR")}`);
    return parts.join(" · ");
  };
  const body = (item: TimelineItem) => {
    switch (item.kind) {
      case "encounter": return (
        <>
          <Link href={`/records/${item.id}`} className="font-semibold underline-offset-2 hover:underline">
            {t(`encounterType.${item.type}` as "encounterType.CONSULTATION")}
          </Link>{" "}
          <Badge tone={item.status === "SIGNED" ? "success" : "neutral"}>{t(`status.${item.status}` as "status.DRAFT")}</Badge>{" "}
          <span className="text-fg-muted">{t("by", { name: item.doctor })}</span>
          {item.diagnoses.length > 0 && <span className="block text-sm">{item.diagnoses.map((d) => `${d.code}${d.description ? ` ${d.description}` : ""}`).join("; ")}</span>}
        </>
      );
      case "diagnosis": return <><strong>{t("diagnosis")}</strong> {item.diagnoses.map((d) => `${d.code}${d.description ? ` ${d.description}` : ""}`).join("; ")} <span className="text-fg-muted">{t("by", { name: item.doctor })}</span></>;
      case "vitals": return <><strong>{t("kinds.vitals")}</strong> <span className="block text-sm">{vitalsLine(item)}</span></>;
      case "allergy": return <>{t("allergyNoted", { substance: item.substance })} {item.inactiveAt && <Badge tone="neutral">{t("allergyInactive")}</Badge>}</>;
      case "attachment": return <>{t("attachment", { name: item.fileName, size: `${Math.max(1, Math.round(item.sizeBytes / 1024))} KB` })}</>;
      case "prescription": return (
        <>
          {item.medicalRecordId
            ? <Link href={`/records/${item.medicalRecordId}`} className="font-semibold underline-offset-2 hover:underline">{t("prescription")}</Link>
            : <strong>{t("prescription")}</strong>}{" "}
          <Badge tone={item.status === "SIGNED" ? "success" : "neutral"}>{t(`prescriptionStatus.${item.status}` as "prescriptionStatus.DRAFT")}</Badge>{" "}
          <span className="text-fg-muted">{t("by", { name: item.doctor })}</span>
          {item.drugs.length > 0 && <span className="block text-sm">{item.drugs.join("; ")}</span>}
        </>
      );
    }
  };
  return (
    <Card aria-labelledby="timeline-title">
      <CardHeader titleId="timeline-title" title={t("title")} />
      <CardBody className="space-y-5">
        <section aria-label={t("pinned")} className="grid gap-3 sm:grid-cols-2">
          <div className="rounded-md border border-danger-border bg-danger-bg p-3">
            <h3 className="text-sm font-semibold">{t("allergies")}</h3>
            {pinned.allergies.length === 0
              ? <p className="text-sm">{pinned.deniesAllergies ? t("deniesAllergies") : t("noAllergies")}</p>
              : <ul className="text-sm">{pinned.allergies.map((a) => <li key={a.id}>{a.substance} <Badge tone={severityTone[a.severity as keyof typeof severityTone] ?? "warning"}>{tp(`severity.${a.severity}` as "severity.MILD")}</Badge></li>)}</ul>}
          </div>
          <div className="rounded-md border border-border p-3">
            <h3 className="text-sm font-semibold">{t("problems")}</h3>
            {pinned.problems.length === 0 ? <p className="text-sm text-fg-muted">{t("noProblems")}</p> : (
              <ul className="text-sm">{pinned.problems.map((p) => (
                <li key={p.code}><strong>{p.code}</strong> {p.description} <span className="text-fg-muted">— {t("problemLine", { encounters: p.encounters, first: formatDate(p.firstAt, timeZone), last: formatDate(p.lastAt, timeZone) })}</span></li>
              ))}</ul>
            )}
          </div>
        </section>
        <form method="get" action={basePath} aria-label={t("filters")} className="flex flex-wrap items-end gap-3 text-sm">
          <fieldset className="flex flex-wrap gap-3">
            <legend className="mb-1 font-medium">{t("kind")}</legend>
            {TIMELINE_KINDS.map((k) => (
              <label key={k} className="flex items-center gap-1">
                <input type="checkbox" name="tipo" value={k} defaultChecked={filter.kinds.length < TIMELINE_KINDS.length && filter.kinds.includes(k)} /> {t(`kinds.${k}`)}
              </label>
            ))}
          </fieldset>
          <label className="flex flex-col">{t("from")}<input type="date" name="de" defaultValue={filter.from ?? ""} className="rounded-md border border-border-strong px-2 py-1" /></label>
          <label className="flex flex-col">{t("to")}<input type="date" name="ate" defaultValue={filter.to ?? ""} className="rounded-md border border-border-strong px-2 py-1" /></label>
          <button type="submit" className={buttonClasses({ variant: "secondary", size: "sm" })}>{t("apply")}</button>
          <Link href={basePath} className={buttonClasses({ variant: "ghost", size: "sm" })}>{t("clear")}</Link>
        </form>
        {timeline.items.length === 0 ? <p className="text-sm text-fg-muted">{t("empty")}</p> : (
          <ol className="divide-y divide-border" aria-label={t("title")} data-testid="timeline-items">
            {timeline.items.map((item) => (
              <li key={`${item.kind}-${item.id}`} className="flex gap-4 py-2" data-kind={item.kind}>
                <time dateTime={item.at} className="w-36 shrink-0 text-sm tabular-nums text-fg-muted">{formatDateTime(item.at, timeZone)}</time>
                <div className="min-w-0">{body(item)}</div>
              </li>
            ))}
          </ol>
        )}
        {timeline.nextCursor && (
          <Link href={`${basePath}${timelineQuery(filter, timeline.nextCursor)}`} className={buttonClasses({ variant: "secondary", size: "sm" })}>{t("more")}</Link>
        )}
      </CardBody>
    </Card>
  );
}
