import { describe, expect, it } from "vitest";
import { stableJobId } from "@/lib/jobs/queues";
import { reachFor } from "./channels";
import { formatAddress, formatPhoneBr } from "./tenant-facts";

const patient = { email: "p@example.test", phone: "11987654321", consentEmail: true, consentSms: false, consentWhatsapp: true };

describe("reachFor", () => {
  it("never reaches a channel without consent, whatever contact data exists", () => {
    expect(reachFor("EMAIL", patient)).toEqual({ to: "p@example.test" });
    expect(reachFor("SMS", patient)).toEqual({ refused: "no_consent" });
    expect(reachFor("PUSH", patient)).toEqual({ refused: "no_consent" });
    expect(reachFor("EMAIL", { ...patient, email: null })).toEqual({ refused: "no_contact" });
  });
});

describe("formatting for messages", () => {
  it("writes the clinic's address and phone the Brazilian way", () => {
    expect(formatAddress({ street: "Avenida Paulista", number: "1578", complement: "Conjunto 42", district: "Bela Vista", city: "São Paulo", uf: "SP" }))
      .toBe("Avenida Paulista, 1578, Conjunto 42 – Bela Vista, São Paulo/SP");
    expect(formatAddress(null)).toBeNull();
    expect(formatPhoneBr("1133334444")).toBe("(11) 3333-4444");
    expect(formatPhoneBr("11987654321")).toBe("(11) 98765-4321");
  });
});

describe("stableJobId", () => {
  it("is a UUID that depends only on its parts", () => {
    const id = stableJobId("a", "b");
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stableJobId("a", "b")).toBe(id);
    expect(stableJobId("ab", "")).not.toBe(id);
  });
});
