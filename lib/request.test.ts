import { describe, expect, it } from "vitest";
import { clientIp } from "./request";

describe("clientIp", () => {
  it("takes the address our own proxy appended, not what the client wrote", () => {
    expect(clientIp("203.0.113.66, 198.51.100.7", 1)).toBe("198.51.100.7");
    expect(clientIp("203.0.113.66, 198.51.100.7, 10.0.0.2", 2)).toBe("198.51.100.7");
  });

  it("uses the only entry when there is one, and nothing when there is none", () => {
    expect(clientIp("198.51.100.7", 1)).toBe("198.51.100.7");
    expect(clientIp("198.51.100.7", 3)).toBe("198.51.100.7");
    expect(clientIp(null, 1)).toBeNull();
    expect(clientIp(" , ", 1)).toBeNull();
  });
});
