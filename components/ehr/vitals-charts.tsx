"use client";

// One chart per measure over time (recharts 3), with a table alternative for screen readers and
// keyboard users: each chart has a text label, and "Ver como tabela" shows the same points as a
// real table. Dates are dd/mm/aaaa in the clinic's time zone (passed in: the server knows it).

import { useTranslations } from "next-intl";
import { useState } from "react";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Button } from "@/components/ui/button";
import type { VitalField, VitalSignDto } from "@/lib/ehr/vitals/schemas";
import { formatDate, formatDateTime } from "@/lib/format/date";

type Series = { key: string; label: string; unit: string; lines: { field: VitalField | "bmi"; color: string }[] };

const SERIES: { key: string; unit: string; lines: { field: VitalField | "bmi"; color: string }[] }[] = [
  { key: "bloodPressure", unit: "mmHg", lines: [{ field: "systolicMmhg", color: "#b91c1c" }, { field: "diastolicMmhg", color: "#1d4ed8" }] },
  { key: "heartRateBpm", unit: "bpm", lines: [{ field: "heartRateBpm", color: "#0f766e" }] },
  { key: "respiratoryRate", unit: "irpm", lines: [{ field: "respiratoryRate", color: "#7c3aed" }] },
  { key: "temperatureC", unit: "°C", lines: [{ field: "temperatureC", color: "#c2410c" }] },
  { key: "spo2Percent", unit: "%", lines: [{ field: "spo2Percent", color: "#0369a1" }] },
  { key: "weightKg", unit: "kg", lines: [{ field: "weightKg", color: "#4d7c0f" }] },
  { key: "bmi", unit: "kg/m²", lines: [{ field: "bmi", color: "#a16207" }] },
  { key: "heightCm", unit: "cm", lines: [{ field: "heightCm", color: "#334155" }] },
  { key: "glucoseMgdl", unit: "mg/dL", lines: [{ field: "glucoseMgdl", color: "#be185d" }] },
  { key: "painScore", unit: "0–10", lines: [{ field: "painScore", color: "#9f1239" }] },
  { key: "headCircumferenceCm", unit: "cm", lines: [{ field: "headCircumferenceCm", color: "#155e75" }] },
];

const valueOf = (v: VitalSignDto, field: VitalField | "bmi") => (field === "bmi" ? (v.bmi ?? undefined) : v.values[field]);

export function VitalsCharts({ vitals, timeZone }: { vitals: VitalSignDto[]; timeZone: string }) {
  const t = useTranslations("ehrVitals");
  const [asTable, setAsTable] = useState(false);
  const points = [...vitals].sort((a, b) => a.measuredAt.localeCompare(b.measuredAt));
  const series: Series[] = SERIES
    .map((s) => ({ ...s, label: t(`measures.${s.key}` as "measures.bmi") }))
    .filter((s) => points.some((p) => s.lines.some((l) => valueOf(p, l.field) !== undefined)));
  if (series.length === 0) return <p className="text-sm text-fg-muted">{t("charts.empty")}</p>;
  return (
    <div className="space-y-4">
      <Button type="button" variant="secondary" size="sm" aria-pressed={asTable} onClick={() => setAsTable((v) => !v)}>
        {asTable ? t("charts.hideTable") : t("charts.showTable")}
      </Button>
      <div className="grid gap-4 lg:grid-cols-2">
        {series.map((s) => {
          const data = points
            .filter((p) => s.lines.some((l) => valueOf(p, l.field) !== undefined))
            .map((p) => ({ at: p.measuredAt, ...Object.fromEntries(s.lines.map((l) => [l.field, valueOf(p, l.field)])) }));
          const lineLabel = (field: VitalField | "bmi") => (s.lines.length > 1 ? t(`measures.${field}` as "measures.bmi") : s.label);
          return (
            <figure key={s.key} className="rounded-md border border-border p-3" data-testid={`vitals-chart-${s.key}`}>
              <figcaption className="mb-2 text-sm font-medium">{s.label} ({s.unit})</figcaption>
              {asTable ? (
                <table className="w-full text-left text-sm">
                  <caption className="sr-only">{s.label}</caption>
                  <thead><tr><th scope="col">{t("charts.date")}</th>{s.lines.map((l) => <th key={l.field} scope="col">{lineLabel(l.field)}</th>)}</tr></thead>
                  <tbody>
                    {[...data].reverse().map((d) => (
                      <tr key={d.at}>
                        <th scope="row" className="font-normal">{formatDateTime(d.at, timeZone)}</th>
                        {s.lines.map((l) => <td key={l.field}>{(d as unknown as Record<string, number | undefined>)[l.field]?.toLocaleString("pt-BR") ?? "—"}</td>)}
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : (
                <div role="img" aria-label={t("charts.chartLabel", { measure: s.label })} className="h-48">
                  <ResponsiveContainer width="100%" height="100%">
                    <LineChart data={data} margin={{ top: 5, right: 10, bottom: 5, left: 0 }}>
                      <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
                      <XAxis dataKey="at" tickFormatter={(v: string) => formatDate(v, timeZone)} fontSize={12} />
                      <YAxis fontSize={12} width={40} domain={["auto", "auto"]} />
                      <Tooltip labelFormatter={(v) => formatDateTime(String(v), timeZone)} formatter={(value, name) => [`${String(value)} ${s.unit}`, lineLabel(name as VitalField)]} />
                      {s.lines.map((l) => <Line key={l.field} type="monotone" dataKey={l.field} name={l.field} stroke={l.color} strokeWidth={2} dot isAnimationActive={false} connectNulls />)}
                    </LineChart>
                  </ResponsiveContainer>
                </div>
              )}
            </figure>
          );
        })}
      </div>
    </div>
  );
}
