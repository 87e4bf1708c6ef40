import { expect, test, type APIRequestContext } from "@playwright/test";
import { signedInAs } from "../support/sessions";
import { DEMO_PASSWORD, E2E_PORT, tenantUrl } from "../support/state";

// CID-10 over real HTTP against the production build: the API's refusals and field errors, and
// the diagnosis picker in Chromium (typing, arrow keys, Enter, main/secondary, certainty, remove,
// the table's sex restriction as a warning).

// Node's resolver does not map *.localhost (only Chromium's rules do): connect to loopback and
// name the clinic in the Host header, as a real client's request arrives.
const api = (path: string) => `http://127.0.0.1:${E2E_PORT}/api/v1${path}`;
const HOST = { host: `demo.localhost:${E2E_PORT}` };

async function tokenFor(request: APIRequestContext, email: string): Promise<string> {
  const res = await request.post(api("/auth/login"), { data: { email, password: DEMO_PASSWORD }, headers: HOST });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

test.describe("GET /api/v1/cid10", () => {
  test("answers a doctor and refuses every role without records access", async ({ request }) => {
    const doctor = await tokenFor(request, "medica@demo.prontivus.dev");
    const res = await request.get(api("/cid10?q=hiperten&limit=3"), { headers: { ...HOST, authorization: `Bearer ${doctor}` } });
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { data: { code: string; description: string }[] };
    expect(body.data.map((d) => d.code)[0]).toBe("I10");
    expect(body.data).toHaveLength(3);

    for (const email of ["recepcao@demo.prontivus.dev", "financeiro@demo.prontivus.dev", "admin@demo.prontivus.dev"]) {
      const token = await tokenFor(request, email);
      const refused = await request.get(api("/cid10?q=I10"), { headers: { ...HOST, authorization: `Bearer ${token}` } });
      expect({ email, status: refused.status() }).toEqual({ email, status: 403 });
      expect(await refused.json()).toMatchObject({ error: { code: "forbidden" } });
    }
    expect((await request.get(api("/cid10?q=I10"), { headers: HOST })).status()).toBe(401);
  });

  test("answers bad input with 400 and the field's message", async ({ request }) => {
    const headers = { ...HOST, authorization: `Bearer ${await tokenFor(request, "medica@demo.prontivus.dev")}` };
    const cases: [string, string, string][] = [
      ["/cid10", "q", "Digite um código ou parte da descrição."],
      [`/cid10?q=${"a".repeat(200)}`, "q", "Use no máximo 80 caracteres."],
      ["/cid10?q=I10%00", "q", "A busca contém caracteres inválidos."],
      ["/cid10?q=I10&limit=abc", "limit", "O limite deve ser um número de 1 a 50."],
    ];
    for (const [path, field, message] of cases) {
      const res = await request.get(api(path), { headers });
      expect({ path, status: res.status() }).toEqual({ path, status: 400 });
      expect(await res.json()).toEqual({ error: { code: "validation", message: "Revise a busca de CID-10.", fields: { [field]: [message] } } });
    }
  });
});

test.describe("the CID-10 picker", () => {
  test.use({ storageState: signedInAs("medica@demo.prontivus.dev") });

  test("picks diagnoses by keyboard, main and secondary, and warns on the sex restriction", async ({ page }) => {
    await page.goto(tenantUrl("demo", "/cid10"));
    const box = page.getByRole("combobox", { name: "Buscar CID-10 por código ou descrição" });
    await box.fill("hiperten");
    const listbox = page.getByRole("listbox");
    await expect(listbox.getByRole("option").first()).toContainText("I10");
    await expect(listbox.getByRole("option").first()).toContainText("Hipertensão essencial");
    await box.press("ArrowDown");
    await expect(listbox.getByRole("option").first()).toHaveAttribute("aria-selected", "true");
    await box.press("Enter");
    await expect(box).toHaveValue("");
    await expect(listbox).toBeHidden();

    const chosen = page.getByRole("list", { name: "Diagnósticos escolhidos" }).getByRole("listitem");
    await expect(chosen.filter({ hasText: "I10" })).toContainText("Principal");

    await box.fill("e119");
    await expect(listbox.getByRole("option").first()).toContainText("E11.9");
    await box.press("Enter");
    const e119 = chosen.filter({ hasText: "E11.9" });
    await expect(e119).toContainText("Secundário");
    await e119.getByRole("radio", { name: "Suspeito" }).check();
    await e119.getByRole("button", { name: "Tornar principal" }).click();
    await expect(e119).toContainText("Principal");
    await expect(chosen.filter({ hasText: "I10" })).toContainText("Secundário");

    // Colo do útero is restricted to women: a male patient gets a warning, not a refusal.
    await page.getByLabel("Conferir para o sexo").selectOption("M");
    await box.fill("C53.9");
    await expect(listbox.getByRole("option").first()).toContainText("C53.9");
    await box.press("Enter");
    const c53 = chosen.filter({ hasText: "C53.9" });
    await expect(c53).toContainText("C53.9 é restrito ao sexo feminino");
    await page.getByLabel("Conferir para o sexo").selectOption("F");
    await expect(c53).not.toContainText("restrito");

    await c53.getByRole("button", { name: "Remover C53.9" }).click();
    await expect(chosen.filter({ hasText: "C53.9" })).toHaveCount(0);
    await expect(chosen).toHaveCount(2);
  });
});

test.describe("the CID-10 page for a secretary", () => {
  test.use({ storageState: signedInAs("recepcao@demo.prontivus.dev") });

  test("is refused (403)", async ({ page }) => {
    const response = await page.goto(tenantUrl("demo", "/cid10"));
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("combobox")).toHaveCount(0);
  });
});
