"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/scheduling/schemas";

type Block = { id: string; startsAt: string; endsAt: string; reason: string };
const show = (local: string) => `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)} ${local.slice(11, 16)}`;

/** Days off, holidays and other periods without slots ("2026-12-24T00:00" to "2026-12-26T00:00" for two whole days). */
export function AgendaBlocks({ agendaId, blocks, actions }: {
  agendaId: string; blocks: Block[];
  actions: { add: (input: unknown) => Promise<ActionResult>; remove: (input: unknown) => Promise<ActionResult> };
}) {
  const t = useTranslations("scheduling.admin");
  const router = useRouter();
  const [form, setForm] = useState({ startsAt: "", endsAt: "", reason: "" });
  const [error, setError] = useState<Extract<ActionResult, { ok: false }> | null>(null);
  const [pending, start] = useTransition();
  const run = (call: () => Promise<ActionResult>, reset = false) => start(async () => {
    setError(null);
    const r = await call();
    if (!r.ok) return setError(r);
    if (reset) setForm({ startsAt: "", endsAt: "", reason: "" });
    router.refresh();
  });
  return (
    <div className="space-y-4">
      {error && <Alert tone="danger">{error.message}</Alert>}
      {blocks.length === 0 ? <p className="text-sm text-fg-muted">{t("noBlocks")}</p> : (
        <ul className="divide-y divide-border">
          {blocks.map((b) => (
            <li key={b.id} className="flex items-center justify-between py-2 text-sm">
              <span>{show(b.startsAt)} – {show(b.endsAt)} · {b.reason}</span>
              <Button variant="ghost" size="sm" loading={pending} onClick={() => run(() => actions.remove({ blockId: b.id }))}>{t("removeBlock")}</Button>
            </li>
          ))}
        </ul>
      )}
      <form className="grid gap-3 sm:grid-cols-[14rem_14rem_1fr_auto] sm:items-start" noValidate
        onSubmit={(e) => { e.preventDefault(); run(() => actions.add({ agendaId, ...form }), true); }}>
        <FormField label={t("blockStart")} error={error?.fields?.startsAt?.[0]}>
          {(f) => <Input {...f} type="datetime-local" value={form.startsAt} onChange={(e) => setForm({ ...form, startsAt: e.target.value })} />}
        </FormField>
        <FormField label={t("blockEnd")} error={error?.fields?.endsAt?.[0]}>
          {(f) => <Input {...f} type="datetime-local" value={form.endsAt} onChange={(e) => setForm({ ...form, endsAt: e.target.value })} />}
        </FormField>
        <FormField label={t("blockReason")} error={error?.fields?.reason?.[0]}>
          {(f) => <Input {...f} value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} />}
        </FormField>
        <Button type="submit" className="sm:mt-7" loading={pending}>{t("addBlock")}</Button>
      </form>
    </div>
  );
}
