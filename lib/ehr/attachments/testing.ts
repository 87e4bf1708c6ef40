import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { accessTokenFor } from "@/lib/api/testing";
import { disconnectDb } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { resetStorage } from "@/lib/storage/config";
import { asOwner, closeOwnerPool, createPatient, createTenant, createUser, type TestPatient, type TestUser } from "@/lib/testing/factories";
import { httpCall, startRouteServer, type HttpAnswer } from "@/lib/testing/route-server";
import { GET as download } from "@/app/api/v1/attachments/[id]/route";
import { GET as list, POST as upload } from "@/app/api/v1/medical-records/[id]/attachments/route";

// What the attachment integration tests share: a clinic (1 MB limit) with one user per role and a
// patient, another clinic with a doctor, the three route handlers over real HTTP, the local-disk
// driver in a temporary directory, and probes of everything an upload can leave behind.

export type Who = "author" | "colleague" | "secretary" | "finance" | "admin" | "patient" | "outsider";

export type AttachmentApi = Awaited<ReturnType<typeof startAttachmentApi>>;

const ROLES = [["author", "doctor"], ["colleague", "doctor"], ["secretary", "secretary"], ["finance", "finance"], ["admin", "admin"], ["patient", "patient"]] as const;

export async function startAttachmentApi() {
  const dir = await mkdtemp(path.join(tmpdir(), "prontivus-attachments-"));
  Object.assign(process.env, { STORAGE_DRIVER: "local", STORAGE_DIR: dir });
  resetEnvCache();
  resetStorage();
  const noTwoFactor = { security: { twoFactorRequiredRoles: [] } };
  const [clinic, other] = await Promise.all([
    createTenant({ settings: { ...noTwoFactor, attachments: { maxFileMegabytes: 1 } } }), createTenant({ settings: noTwoFactor }),
  ]);
  const tokens = {} as Record<Who, string>;
  let author: TestUser | undefined;
  for (const [name, role] of ROLES) {
    const user = await createUser(clinic, { roles: [role] });
    if (name === "author") author = user;
    tokens[name] = await accessTokenFor(clinic, user);
  }
  tokens.outsider = await accessTokenFor(other, await createUser(other, { roles: ["doctor"] }));
  const patient: TestPatient = await createPatient(clinic);
  const server = await startRouteServer([
    { method: "POST", pattern: /^\/api\/v1\/medical-records\/(?<id>[^/]+)\/attachments$/, handler: upload },
    { method: "GET", pattern: /^\/api\/v1\/medical-records\/(?<id>[^/]+)\/attachments$/, handler: list },
    { method: "GET", pattern: /^\/api\/v1\/attachments\/(?<id>[^/]+)$/, handler: download },
  ]);
  const hostOf = (who: Who) => `${(who === "outsider" ? other : clinic).slug}.localhost:3000`;

  const storedFiles = async () => (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length;

  return {
    dir, clinic, other, patient, author: author!,
    send: (recordId: string, body: Buffer | Buffer[], name: string, who: Who = "author", headers: Record<string, string> = {}) => httpCall(server.port, {
      host: hostOf(who), path: `/api/v1/medical-records/${recordId}/attachments`, body,
      headers: { authorization: `Bearer ${tokens[who]}`, "content-type": "application/octet-stream", "x-file-name": encodeURIComponent(name), ...headers },
    }),
    get: (p: string, who: Who = "author") => httpCall(server.port, { host: hostOf(who), path: p, headers: { authorization: `Bearer ${tokens[who]}` } }),
    /** Everything an upload could have left behind: rows, audit rows, access logs, files on disk. */
    footprint: async () => {
      const [counts] = await asOwner<{ attachments: number; audits: number; reads: number }>(
        `SELECT (SELECT count(*)::int FROM medical_record_attachments WHERE tenant_id = $1) AS attachments,
                (SELECT count(*)::int FROM audit_logs WHERE tenant_id = $1 AND action LIKE 'medical_record.attachment%') AS audits,
                (SELECT count(*)::int FROM data_access_logs WHERE tenant_id = $1) AS reads`, [clinic.id]);
      return { ...counts!, files: await storedFiles() };
    },
    accessLogs: (entityId: string) => asOwner<{ user_id: string; patient_id: string; data_type: string; action: string; purpose: string; legal_basis: string }>(
      "SELECT user_id, patient_id, data_type, action::text, purpose, legal_basis::text FROM data_access_logs WHERE tenant_id = $1 AND entity_id = $2", [clinic.id, entityId]),
    stop: async () => {
      await server.close();
      await rm(dir, { recursive: true, force: true });
      await Promise.all([disconnectDb(), closeOwnerPool()]);
    },
  };
}

export const bodyJson = <T>(answer: Pick<HttpAnswer, "body">) => JSON.parse(answer.body.toString("utf8")) as T;
