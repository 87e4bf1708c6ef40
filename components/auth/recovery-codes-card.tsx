"use client";

import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";

/** The ten recovery codes, shown exactly once, right after a second factor is turned on. */
export function RecoveryCodesCard({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const t = useTranslations("twoFactor");
  return (
    <Card>
      <CardHeader title={t("recoveryTitle")} />
      <CardBody className="space-y-4">
        <Alert tone="success">{t("enabled")}</Alert>
        <p className="text-sm">{t("recoveryIntro")}</p>
        <ul aria-label={t("recoveryTitle")} className="grid grid-cols-2 gap-2 font-mono text-sm">
          {codes.map((c) => <li key={c}>{c}</li>)}
        </ul>
        <Button type="button" onClick={onDone}>{t("recoveryDone")}</Button>
      </CardBody>
    </Card>
  );
}
