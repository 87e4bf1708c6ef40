"use client";

// Attachments of one medical record, for the chart page (owned by the records feature).
//
// Props contract:
// - `recordId`: the medical record's id (uuid).
// - `canUpload`: true only when the signed-in user is the record's author and the record is
//   still a draft (the server refuses otherwise anyway; this only hides the control).
// - `initial`: the list as `listAttachments(ctx, recordId)` (lib/ehr/attachments/queries.ts)
//   returned it on the server; that call is what logs the read in data_access_logs.
// - `maxMegabytes`: the clinic's limit, `parseTenantSettings(tenant.settings).attachments.maxFileMegabytes`.
// - `signed` (optional): shows why no upload is offered.
//
// Uploads go to POST /api/v1/medical-records/{id}/attachments with the session cookie, the raw
// file as the body and its name in X-File-Name, through XMLHttpRequest for upload progress.
// Downloads are plain links to /api/v1/attachments/{id} (each one logged by the server).

import { useFormatter, useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { AttachmentDto, AttachmentErrorBody } from "@/lib/ehr/attachments/schemas";

export type AttachmentsPanelProps = {
  recordId: string;
  canUpload: boolean;
  initial: AttachmentDto[];
  maxMegabytes: number;
  signed?: boolean;
};

const REASONS = ["empty", "too_large", "type_not_allowed", "incomplete", "record_signed", "not_author", "network", "unknown"] as const;
type Reason = (typeof REASONS)[number];
type Failure = { reason: Reason; params: Record<string, number | string>; fallback?: string };
type Upload = { name: string; loaded: number; total: number };

const MB = 1024 * 1024;

function sendFile(recordId: string, file: File, onProgress: (loaded: number, total: number) => void): Promise<AttachmentDto> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/v1/medical-records/${encodeURIComponent(recordId)}/attachments`);
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.setRequestHeader("x-file-name", encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onerror = () => reject({ reason: "network", params: {} } satisfies Failure);
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // Not our JSON (a proxy's error page): reported as unknown below.
      }
      if (xhr.status === 201) return resolve(body as AttachmentDto);
      const error = (body as AttachmentErrorBody | null)?.error;
      const reason = REASONS.find((r) => r === error?.reason) ?? "unknown";
      reject({ reason, params: error?.params ?? {}, fallback: error?.message } satisfies Failure);
    };
    xhr.send(file);
  });
}

export function AttachmentsPanel({ recordId, canUpload, initial, maxMegabytes, signed = false }: AttachmentsPanelProps) {
  const t = useTranslations("ehrAttachments");
  const format = useFormatter();
  const [items, setItems] = useState(initial);
  const [upload, setUpload] = useState<Upload | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const hintId = useId();

  const size = (bytes: number) =>
    bytes >= MB
      ? format.number(bytes / MB, { style: "unit", unit: "megabyte", maximumFractionDigits: 1 })
      : format.number(Math.max(1, Math.round(bytes / 1024)), { style: "unit", unit: "kilobyte" });

  async function onFile(file: File | undefined) {
    setFailure(null);
    setDone(null);
    if (!file) return;
    // Same rules as the server, checked here only to save a pointless upload.
    if (file.size === 0) return setFailure({ reason: "empty", params: {} });
    if (file.size > maxMegabytes * MB) return setFailure({ reason: "too_large", params: { maxMegabytes } });
    setUpload({ name: file.name, loaded: 0, total: file.size });
    try {
      const created = await sendFile(recordId, file, (loaded, total) => setUpload({ name: file.name, loaded, total }));
      setItems((list) => [...list, created]);
      setDone(created.fileName);
    } catch (error) {
      setFailure(error as Failure);
    } finally {
      setUpload(null);
      if (input.current) input.current.value = "";
    }
  }

  const failureText = (f: Failure) => (f.reason === "unknown" && f.fallback ? f.fallback : t(`errors.${f.reason}`, f.params));

  return (
    <Card aria-labelledby={titleId}>
      <CardHeader titleId={titleId} title={t("title")} as="h3" />
      <CardBody className="space-y-4">
        {items.length === 0 ? (
          <p className="text-sm text-fg-muted">{t("empty")}</p>
        ) : (
          <ul className="divide-y divide-border">
            {items.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                <a href={a.downloadUrl} className="font-medium text-brand-700 underline" aria-label={t("download", { name: a.fileName })}>
                  {a.fileName}
                </a>
                <span className="text-fg-muted">
                  {size(a.sizeBytes)} · {format.dateTime(new Date(a.createdAt), { dateStyle: "short", timeStyle: "short" })}
                </span>
              </li>
            ))}
          </ul>
        )}
        {signed && <p className="text-sm text-fg-muted">{t("signedNote")}</p>}
        {canUpload && (
          <div className="space-y-2">
            <label className={buttonClasses({ variant: "secondary", size: "sm" }, "cursor-pointer focus-within:ring-2 focus-within:ring-brand-500")}>
              {t("choose")}
              <input
                ref={input}
                type="file"
                accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
                className="sr-only"
                aria-describedby={hintId}
                disabled={upload !== null}
                onChange={(e) => void onFile(e.target.files?.[0])}
              />
            </label>
            <p id={hintId} className="text-xs text-fg-muted">{t("hint", { maxMegabytes })}</p>
            {upload && (
              <div className="space-y-1">
                <p className="text-sm" aria-live="polite">{t("uploading", { name: upload.name })}</p>
                <progress
                  className="h-2 w-full"
                  max={upload.total || 1}
                  value={upload.loaded}
                  aria-label={t("progress", { name: upload.name })}
                  aria-valuetext={`${Math.round((upload.loaded / (upload.total || 1)) * 100)}%`}
                />
              </div>
            )}
            {failure && <Alert tone="danger">{failureText(failure)}</Alert>}
            {done && <Alert tone="success">{t("uploaded", { name: done })}</Alert>}
          </div>
        )}
      </CardBody>
    </Card>
  );
}
