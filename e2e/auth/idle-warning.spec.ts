import { expect, test } from "@playwright/test";
import { signedInAs } from "../support/sessions";
import { tenantUrl } from "../support/state";

// The warning before a session ends for inactivity takes the keyboard focus when it opens (nobody
// using a keyboard or a screen reader misses it) and gives it back after "Continuar conectado".
// The browser's clock is Playwright's: the countdown runs without waiting.

test.use({ storageState: signedInAs("recepcao@demo.prontivus.dev") });

test("the idle warning takes focus when it opens and gives it back to where the person was", async ({ page }) => {
  await page.clock.install();
  await page.goto(tenantUrl("demo", "/patients"));
  const search = page.getByRole("searchbox");
  await search.focus();
  const dialog = page.getByRole("alertdialog", { name: "Continuar conectado" });
  await expect(dialog).toHaveCount(0);
  // Demo's limit is 15 idle minutes; the warning shows in the last two (a minute of slack).
  await page.clock.fastForward("12:30");
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("inatividade");
  const stay = dialog.getByRole("button", { name: "Continuar conectado" });
  await expect(stay).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog).toHaveCount(0);
  await expect(search).toBeFocused();
});
