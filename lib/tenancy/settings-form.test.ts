import { describe, expect, it } from "vitest";
import { DEFAULT_TENANT_SETTINGS } from "./settings";
import { formToSettings, parseReminderHours, settingsFormSchema, settingsToForm } from "./settings-form";

describe("parseReminderHours", () => {
  it("reads whole hours separated by commas, semicolons or spaces", () => {
    expect(parseReminderHours("24, 2")).toEqual([24, 2]);
    expect(parseReminderHours("48;24 2")).toEqual([48, 24, 2]);
  });
  it("refuses fractions, words, zero and more than a week", () => {
    for (const text of ["24, duas", "0", "169", "2.5", "-3"]) expect(parseReminderHours(text)).toBeNull();
  });
});

describe("settings form ↔ settings", () => {
  it("round-trips the defaults", () => {
    const form = settingsToForm(DEFAULT_TENANT_SETTINGS);
    expect(form.reminderOffsetsHours).toBe("24, 2");
    expect(form.attachmentMaxFileMegabytes).toBe(10);
    expect(formToSettings(settingsFormSchema.parse(form))).toEqual(DEFAULT_TENANT_SETTINGS);
  });
  it("accepts no reminders at all, refuses more than five", () => {
    const form = settingsToForm(DEFAULT_TENANT_SETTINGS);
    expect(settingsFormSchema.safeParse({ ...form, reminderOffsetsHours: "" }).success).toBe(true);
    expect(settingsFormSchema.safeParse({ ...form, reminderOffsetsHours: "1, 2, 3, 4, 5, 6" }).success).toBe(false);
  });
});
