import { expect, test, type Locator } from "@playwright/test";
import { openAllDayAgenda } from "../support/agendas";
import { createStaffUser, ownerQuery, sealedText, tenantId } from "../support/db";
import { signedInAs } from "../support/sessions";
import { tenantUrl } from "../support/state";

// The agenda stays readable when a doctor's day is full: encaixes at the same time as a booking
// sit side by side (their boxes do not overlap), a short card still names time and patient, and
// the week fits a 1366 px screen.

const SECRETARY = "recepcao@demo.prontivus.dev";
const DAY = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);

test.use({ storageState: signedInAs(SECRETARY) });

async function crowdedEvening(): Promise<{ agendaId: string; names: string[] }> {
  const doctor = await createStaffUser("demo", "encaixes");
  const agendaId = await openAllDayAgenda(`Agenda encaixes ${Date.now().toString(36)}`, doctor.email);
  const tenant = await tenantId("demo");
  const suffix = Date.now().toString(36).slice(-4);
  const names = [`Regular ${suffix}`, `Encaixe Um ${suffix}`, `Encaixe Dois ${suffix}`];
  // The booking 19:20–19:40, an encaixe at 19:20 and another at 19:30 (20 minutes each).
  for (const [i, [name, start, encaixe]] of ([[names[0], "19:20", false], [names[1], "19:20", true], [names[2], "19:30", true]] as const).entries()) {
    const [p] = await ownerQuery<{ id: string }>(
      "INSERT INTO patients (id, tenant_id, full_name, search_name, updated_at) VALUES (gen_random_uuid(), $1, $2::text, lower($2::text), now()) RETURNING id", [tenant, name]);
    await ownerQuery(
      `INSERT INTO appointments (id, tenant_id, agenda_id, patient_id, doctor_id, starts_at, ends_at, is_encaixe, encaixe_reason_enc, updated_at)
       SELECT gen_random_uuid(), a.tenant_id, a.id, $2, a.doctor_id, $3::timestamptz, $3::timestamptz + interval '20 minutes', $4, $5, now()
         FROM agendas a WHERE a.id = $1`,
      [agendaId, p!.id, `${DAY}T${start}:00-03:00`, encaixe, encaixe ? sealedText(tenant, "appointments.encaixe_reason", `encaixe ${i}`) : null]);
  }
  return { agendaId, names };
}

const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function box(card: Locator) {
  const b = await card.boundingBox();
  if (!b) throw new Error("card not rendered");
  return b;
}

test("encaixes beside a booking are all readable, and the week fits 1366 px", async ({ page }) => {
  const { agendaId, names } = await crowdedEvening();
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(tenantUrl("demo", `/schedule/week?agenda=${agendaId}&date=${DAY}`));
  const cards = names.map((n) => page.getByRole("link", { name: new RegExp(n) }));
  for (const [i, card] of cards.entries()) {
    await expect(card).toBeVisible();
    await expect(card).toContainText(/\d{2}:\d{2}/);
    await expect(card).toHaveAttribute("title", new RegExp(`^\\d{2}:\\d{2}–\\d{2}:\\d{2} · ${names[i]} · `));
  }
  const boxes = await Promise.all(cards.map(box));
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i]!, boxes[j]!), `${names[i]} × ${names[j]}`).toBe(false);
  // A short card grows to show what it clips (its status) while it has the keyboard's focus.
  const before = boxes[2]!.height;
  await page.keyboard.press("Tab"); // a keyboard interaction first, so focus is shown as keyboard focus
  await cards[2]!.focus();
  await expect.poll(async () => (await box(cards[2]!)).height).toBeGreaterThan(before);
  // Seven days without a sideways scroll.
  const grid = page.getByRole("region", { name: /^Semana — / });
  expect(await grid.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
});

test("on a 390 px phone the day shows one agenda at a time, and the switcher reaches the others", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(tenantUrl("demo", "/schedule"));
  const switcher = page.getByRole("navigation", { name: "Profissional mostrado" });
  await expect(switcher).toBeVisible();
  const links = switcher.getByRole("link");
  expect(await links.count()).toBeGreaterThan(1);
  const [firstName, secondName] = [await links.nth(0).textContent(), await links.nth(1).textContent()];
  await expect(links.nth(0)).toHaveAttribute("aria-current", "page");
  const column = (name: string | null) => page.getByRole("list", { name: name!, exact: true });
  await expect(column(firstName)).toBeVisible();
  await expect(column(secondName)).toBeHidden();
  await links.nth(1).click();
  await expect(switcher.getByRole("link", { name: secondName!, exact: true })).toHaveAttribute("aria-current", "page");
  await expect(column(secondName)).toBeVisible();
  await expect(column(firstName)).toBeHidden();
  // Within the screen: the shown column does not push the page sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});
