import { describe, expect, it } from "vitest";
import { requestContextFor } from "./request-context";

// The cookie door of routes that also take bearer tokens: a state-changing request without an
// Authorization header must come from our own origin before any session is even looked at.
describe("requestContextFor", () => {
  it("refuses a cross-site cookie POST before reading the session", async () => {
    const cases: Record<string, string>[] = [
      { origin: "http://evil.localhost:3000" },
      { origin: "null" },
      { "sec-fetch-site": "cross-site" },
    ];
    for (const headers of cases) {
      const request = new Request("http://demo.localhost:3000/api/v1/medical-records/x/attachments", {
        method: "POST", headers: { host: "demo.localhost:3000", ...headers }, body: "x",
      });
      await expect(requestContextFor(request, "records:write")).rejects.toMatchObject({ code: "forbidden" });
    }
  });
});
