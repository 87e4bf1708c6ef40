"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/action-result";
import type { ClinicMedicationView } from "@/lib/prescriptions/catalogue/schemas";

type Props = { items: ClinicMedicationView[]; setActive: (id: string, active: boolean) => Promise<ActionResult> };

/** The clinic's items, active first; each can be deactivated (hidden from the search) or reactivated. */
export function ClinicMedicationList({ items, setActive }: Props) {
  const t = useTranslations("prescriptionCatalogue.admin");
  const format = useFormatter();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  if (items.length === 0) return <p className="text-sm text-fg-muted">{t("empty")}</p>;
  const toggle = (item: ClinicMedicationView) => start(async () => {
    const r = await setActive(item.id, !item.active);
    setMessage(r.ok ? { ok: true, text: item.active ? t("deactivated") : t("reactivated") } : { ok: false, text: r.message });
    if (r.ok) router.refresh();
  });
  return (
    <div className="space-y-3">
      {message && <Alert tone={message.ok ? "success" : "danger"}>{message.text}</Alert>}
      <table className="w-full text-sm">
        <thead className="text-left text-fg-muted">
          <tr><th className="py-2">{t("name")}</th><th>{t("presentation")}</th><th>{t("status")}</th><th>{t("createdAt")}</th><th /></tr>
        </thead>
        <tbody className="divide-y divide-border">
          {items.map((item) => (
            <tr key={item.id}>
              <td className="py-2">
                <span className="font-medium">{item.name}</span>
                {item.ingredient && <span className="block text-xs text-fg-muted">{item.ingredient.name}</span>}
              </td>
              <td>{item.presentation ?? "—"}</td>
              <td><Badge tone={item.active ? "success" : "neutral"}>{item.active ? t("active") : t("inactive")}</Badge></td>
              <td>{format.dateTime(new Date(item.createdAt), { dateStyle: "short" })}</td>
              <td className="text-right">
                <Button type="button" variant="ghost" size="sm" disabled={pending} onClick={() => toggle(item)}>
                  {item.active ? t("deactivate", { name: item.name }) : t("reactivate", { name: item.name })}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
