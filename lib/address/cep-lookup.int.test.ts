import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Context } from "@/lib/context";
import { scopeFor } from "@/lib/testing/factories";
import { findAddressByCep, offlineLookup, viaCepLookup } from "./cep-lookup";

// The CEP lookup against a real HTTP server that answers as ViaCEP does (started here: no
// network), and the offline default.

let server: Server;
let base: string;
const asked: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    asked.push(req.url ?? "");
    const cep = /^\/ws\/(\d{8})\/json\/$/.exec(req.url ?? "")?.[1];
    res.setHeader("content-type", "application/json");
    if (cep === "01310100") {
      res.end(JSON.stringify({ cep: "01310-100", logradouro: "Avenida Paulista", bairro: "Bela Vista", localidade: "São Paulo", uf: "SP", ibge: "3550308" }));
    } else if (cep === "99999999") {
      res.end(JSON.stringify({ erro: "true" }));
    } else if (cep === "12345678") {
      // Never answers in time.
      setTimeout(() => res.end("{}"), 5_000).unref();
    } else {
      res.statusCode = 500;
      res.end("{}");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const clinic = { id: crypto.randomUUID(), slug: "cep", name: "Clínica CEP", timeZone: "America/Sao_Paulo" };
const staff = (roles: Context["roles"]) => scopeFor(clinic, { id: crypto.randomUUID(), name: "Pessoa", email: "pessoa@cep.test" }, roles);

describe("address by CEP", () => {
  it("reads a ViaCEP answer into the address fields, asking with the digits only", async () => {
    const lookup = viaCepLookup(base);
    expect(await lookup.find("01310-100")).toEqual({
      cep: "01310100", street: "Avenida Paulista", district: "Bela Vista", city: "São Paulo", uf: "SP", ibgeCode: "3550308",
    });
    expect(asked.at(-1)).toBe("/ws/01310100/json/");
  });

  it("is 'not found' for an unknown CEP, a server error, a slow answer and a malformed CEP, without asking for the last", async () => {
    const lookup = viaCepLookup(base, 300);
    expect(await lookup.find("99999-999")).toBeNull();
    expect(await lookup.find("00000-001")).toBeNull();
    expect(await lookup.find("12345-678")).toBeNull();
    const before = asked.length;
    expect(await lookup.find("abc")).toBeNull();
    expect(asked.length).toBe(before);
  });

  it("knows nothing offline (the default), and only staff who register patients may ask", async () => {
    expect(await offlineLookup.find("01310-100")).toBeNull();
    expect(await findAddressByCep(staff(["secretary"]), "01310100", viaCepLookup(base))).toMatchObject({ city: "São Paulo" });
    await expect(findAddressByCep(staff(["finance"]), "01310100", viaCepLookup(base))).rejects.toMatchObject({ code: "forbidden" });
  });
});
