import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { pdfFile } from "@/lib/testing/attachment-fixtures";
import { testSecrets } from "@/lib/testing/test-env";
import { openAttachment, sealAttachment, sha256Hex } from "./crypto";
import { AttachmentIntegrityError } from "./errors";

beforeAll(() => {
  Object.assign(process.env, testSecrets());
  resetEnvCache();
});

const tenant = randomUUID();
const MARKER = "Paciente Joana Marcadora HIV positivo";

describe("attachment envelope encryption", () => {
  it("stores neither the file nor any marker of it, and opens back to the same bytes", () => {
    const id = randomUUID();
    const plain = pdfFile(MARKER);
    const sealed = sealAttachment(tenant, id, plain);
    expect(sealed.object.equals(plain)).toBe(false);
    expect(sealed.object.includes(Buffer.from(MARKER))).toBe(false);
    expect(sealed.object.includes(Buffer.from("%PDF"))).toBe(false);
    expect(sealed.object.length).toBe(plain.length + 4 + 12 + 16);
    expect(sealed.dataKeyEnc).toMatch(/^enc:v1:v1:/);
    expect(sealed.encryptionKeyId).toBe("v1");
    expect(sealed.sha256).toBe(sha256Hex(plain));
    expect(openAttachment(tenant, id, sealed.dataKeyEnc, sealed.object, sealed.sha256).equals(plain)).toBe(true);
  });

  it("uses a fresh data key and IV per file: the same bytes never give the same object", () => {
    const plain = pdfFile(MARKER);
    const a = sealAttachment(tenant, randomUUID(), plain);
    const b = sealAttachment(tenant, randomUUID(), plain);
    expect(a.object.equals(b.object)).toBe(false);
    expect(a.dataKeyEnc).not.toBe(b.dataKeyEnc);
  });

  it("refuses a flipped byte, a truncated object, another row's or clinic's object and a wrong hash", () => {
    const id = randomUUID();
    const plain = randomBytes(2000);
    const sealed = sealAttachment(tenant, id, plain);
    const flipped = Buffer.from(sealed.object);
    flipped[100]! ^= 1;
    const other = sealAttachment(tenant, randomUUID(), plain);
    const attempts = [
      () => openAttachment(tenant, id, sealed.dataKeyEnc, flipped, sealed.sha256),
      () => openAttachment(tenant, id, sealed.dataKeyEnc, sealed.object.subarray(0, 40), sealed.sha256),
      () => openAttachment(tenant, id, sealed.dataKeyEnc, other.object, sealed.sha256),
      () => openAttachment(tenant, id, other.dataKeyEnc, other.object, sealed.sha256),
      () => openAttachment(randomUUID(), id, sealed.dataKeyEnc, sealed.object, sealed.sha256),
      () => openAttachment(tenant, id, sealed.dataKeyEnc, sealed.object, sha256Hex(Buffer.from("x"))),
      () => openAttachment(tenant, id, sealed.dataKeyEnc, plain, sealed.sha256),
    ];
    for (const attempt of attempts) expect(attempt).toThrow(AttachmentIntegrityError);
  });
});
