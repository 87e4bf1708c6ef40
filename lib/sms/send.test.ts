import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "../env";
import { listOutbox } from "../outbox/read";
import { testSecrets } from "../testing/test-env";
import { createLoggingSmsProvider, redactPhone, sendSms } from "./send";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "prontivus-sms-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("logging SMS driver", () => {
  it("keeps the message in the outbox and logs only a redacted line", async () => {
    const lines: string[] = [];
    const sms = createLoggingSmsProvider({ outboxDir: dir, log: (l) => lines.push(l) });
    await sms.send("+55 11 98765-4321", "Seu código de acesso é 123456");

    const [item] = await listOutbox(dir);
    expect(item).toMatchObject({ kind: "sms", to: "+55 11 98765-4321", text: "Seu código de acesso é 123456" });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("+55*******4321");
    expect(lines[0]).not.toMatch(/98765|123456|código/);
  });

  it("only logs when there is no outbox", async () => {
    const log = vi.fn();
    await createLoggingSmsProvider({ log }).send("11987654321", "oi");
    expect(log).toHaveBeenCalledWith("[sms:log] to=*******4321 chars=2");
  });

  it("sendSms picks the driver and the outbox from the environment", async () => {
    Object.assign(process.env, testSecrets(), { SMS_DRIVER: "log", OUTBOX_DIR: dir });
    resetEnvCache();
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      await sendSms({ to: "+5521999990000", text: "Lembrete: consulta amanhã às 9h." });
    } finally {
      log.mockRestore();
    }
    const [item] = await listOutbox(dir, { limit: 1 });
    expect(item).toMatchObject({ kind: "sms", to: "+5521999990000", text: "Lembrete: consulta amanhã às 9h." });
    await expect(sendSms({ to: "ninguém", text: "x" })).rejects.toThrow(/phone number/);
  });
});

describe("redactPhone", () => {
  it.each([
    ["+55 (11) 98765-4321", "+55*******4321"],
    ["(21) 3333-4444", "******4444"],
    ["123", "***"],
  ])("%s → %s", (input, expected) => expect(redactPhone(input)).toBe(expected));
});
