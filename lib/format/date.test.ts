import { describe, expect, it } from "vitest";
import { formatCalendarDate, formatDate, formatDateTime, formatTime } from "./date";

describe("formatDate / formatDateTime / formatTime", () => {
  // 2025-03-05 01:30 UTC is still 4 March, 22:30 in São Paulo (UTC-3, no DST since 2019).
  const lateEvening = new Date("2025-03-05T01:30:00Z");

  it("uses the given time zone, not the server's", () => {
    expect(formatDate(lateEvening, "America/Sao_Paulo")).toBe("04/03/2025");
    expect(formatDate(lateEvening, "UTC")).toBe("05/03/2025");
    expect(formatTime(lateEvening, "America/Sao_Paulo")).toBe("22:30");
    expect(formatDateTime(lateEvening, "America/Sao_Paulo")).toBe("04/03/2025 22:30");
  });

  it("defaults to America/Sao_Paulo", () => {
    expect(formatDateTime(lateEvening)).toBe("04/03/2025 22:30");
  });

  it("handles other Brazilian zones", () => {
    // Manaus is UTC-4.
    expect(formatTime(lateEvening, "America/Manaus")).toBe("21:30");
  });

  it("uses a 24-hour clock and zero padding", () => {
    const afternoon = new Date("2025-12-31T17:05:00Z");
    expect(formatTime(afternoon, "America/Sao_Paulo")).toBe("14:05");
    expect(formatDate(new Date("2025-01-09T12:00:00Z"), "America/Sao_Paulo")).toBe("09/01/2025");
  });

  it("accepts ISO strings and timestamps", () => {
    expect(formatDate("2025-03-05T12:00:00Z")).toBe("05/03/2025");
    expect(formatDate(Date.UTC(2025, 2, 5, 12))).toBe("05/03/2025");
  });

  it("throws on invalid input instead of printing 'Invalid Date'", () => {
    expect(() => formatDate("not a date")).toThrow(RangeError);
    expect(() => formatTime(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe("formatCalendarDate", () => {
  it("does not shift date-only values to the previous day", () => {
    expect(formatCalendarDate("1990-07-15")).toBe("15/07/1990");
    expect(formatCalendarDate(new Date("1990-07-15T00:00:00Z"))).toBe("15/07/1990");
    // The naive approach shows the bug this guards against:
    expect(formatDate("1990-07-15", "America/Sao_Paulo")).toBe("14/07/1990");
  });
});
