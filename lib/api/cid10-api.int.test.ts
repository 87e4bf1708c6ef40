// GET /api/v1/cid10 through its route handler: who may search, and what bad input answers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb } from "@/lib/db/client";
import { ensureCid10 } from "@/lib/testing/cid10";
import { closeOwnerPool, createTenant, createUser, type TestTenant } from "@/lib/testing/factories";
import { GET as search } from "@/app/api/v1/cid10/route";
import { accessTokenFor, apiRequest, type ErrorBody } from "./testing";

let clinic: TestTenant;
let other: TestTenant;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  await ensureCid10();
  [clinic, other] = await Promise.all([
    createTenant({ settings: { security: { twoFactorRequiredRoles: [] } } }),
    createTenant({ settings: { security: { twoFactorRequiredRoles: [] } } }),
  ]);
  for (const role of ["doctor", "secretary", "finance", "admin", "patient"] as const) {
    tokens[role] = await accessTokenFor(clinic, await createUser(clinic, { roles: [role] }));
  }
  tokens.otherDoctor = await accessTokenFor(other, await createUser(other, { roles: ["doctor"] }));
});

afterAll(async () => {
  await Promise.all([disconnectDb(), closeOwnerPool()]);
});

type Body = { data: { code: string; description: string; isCategory: boolean; sexRestriction: string | null }[] } & ErrorBody;

async function get(query: string, token: string | null = tokens.doctor!, tenant = clinic) {
  const res = await search(apiRequest(tenant, `/api/v1/cid10${query}`, { token: token ?? undefined }));
  return { status: res.status, cache: res.headers.get("cache-control"), body: (await res.json()) as Body };
}

describe("GET /api/v1/cid10", () => {
  it("answers a doctor, best match first", async () => {
    const res = await get("?q=hiperten&limit=5");
    expect(res.status).toBe(200);
    expect(res.cache).toBe("no-store");
    expect(res.body.data).toHaveLength(5);
    expect(res.body.data[0]).toEqual({ code: "I10", description: "Hipertensão essencial (primária)", isCategory: true, sexRestriction: null });
    expect((await get("?q=E119")).body.data[0]!.code).toBe("E11.9");
    expect((await get("?q=N40")).body.data[0]).toMatchObject({ code: "N40", sexRestriction: "M" });
  });

  it.each(["secretary", "finance", "admin", "patient"])("refuses %s (403)", async (role) => {
    const res = await get("?q=I10", tokens[role]);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
    expect(res.body).not.toHaveProperty("data");
  });

  it("refuses a missing token and another clinic's token on this host (401)", async () => {
    expect((await get("?q=I10", null)).status).toBe(401);
    expect((await get("?q=I10", tokens.otherDoctor)).status).toBe(401);
    expect((await get("?q=I10", tokens.otherDoctor, other)).status).toBe(200);
  });

  it.each([
    ["", "q", "Digite um código ou parte da descrição."],
    ["?q=", "q", "Digite um código ou parte da descrição."],
    ["?q=%20%20", "q", "Digite um código ou parte da descrição."],
    [`?q=${"a".repeat(81)}`, "q", "Use no máximo 80 caracteres."],
    [`?q=${"a".repeat(5000)}`, "q", "Use no máximo 80 caracteres."],
    ["?q=I10%00", "q", "A busca contém caracteres inválidos."],
    ["?q=I1%1B0", "q", "A busca contém caracteres inválidos."],
    ["?q=I10&limit=0", "limit", "O limite deve ser um número de 1 a 50."],
    ["?q=I10&limit=abc", "limit", "O limite deve ser um número de 1 a 50."],
    ["?q=I10&limit=51", "limit", "O limite deve ser um número de 1 a 50."],
    ["?q=I10&limit=2.5", "limit", "O limite deve ser um número de 1 a 50."],
  ])("answers 400 with a field error for %s", async (query, field, message) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({ code: "validation", message: "Revise a busca de CID-10.", fields: { [field]: [message] } });
  });
});
