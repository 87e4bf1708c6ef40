import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "../env";
import { testSecrets } from "../testing/test-env";
import { devOutboxDir } from "./enabled";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

function withEnv(vars: Record<string, string | undefined>) {
  process.env = { ...saved, ...testSecrets(), ...vars };
  for (const [k, v] of Object.entries(vars)) if (v === undefined) delete process.env[k];
  resetEnvCache();
  return devOutboxDir();
}

describe("devOutboxDir", () => {
  it("is the outbox in development and tests", () => {
    expect(withEnv({ NODE_ENV: "development", OUTBOX_DIR: "/tmp/o", ENABLE_DEV_OUTBOX: undefined })).toBe("/tmp/o");
    expect(withEnv({ NODE_ENV: "test", OUTBOX_DIR: "/tmp/o", ENABLE_DEV_OUTBOX: undefined })).toBe("/tmp/o");
  });

  it("is off without an outbox directory, even when forced", () => {
    expect(withEnv({ NODE_ENV: "development", OUTBOX_DIR: undefined, ENABLE_DEV_OUTBOX: "1" })).toBeUndefined();
  });

  it("is off in production unless ENABLE_DEV_OUTBOX=1 (the e2e server)", () => {
    expect(withEnv({ NODE_ENV: "production", OUTBOX_DIR: "/tmp/o", ENABLE_DEV_OUTBOX: undefined })).toBeUndefined();
    expect(() => withEnv({ NODE_ENV: "production", OUTBOX_DIR: "/tmp/o", ENABLE_DEV_OUTBOX: "true" })).toThrow(/ENABLE_DEV_OUTBOX/);
    expect(withEnv({ NODE_ENV: "production", OUTBOX_DIR: "/tmp/o", ENABLE_DEV_OUTBOX: "1" })).toBe("/tmp/o");
  });
});
