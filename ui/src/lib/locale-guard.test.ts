import { describe, expect, it, vi } from "vitest";

describe("locale guard", () => {
  it("replaces an invalid navigator.language such as C", async () => {
    Object.defineProperty(navigator, "language", { value: "C", configurable: true });
    vi.resetModules();
    await import("./locale-guard");
    expect(navigator.language).toBe("en-US");
    expect(() => new Intl.NumberFormat(navigator.language)).not.toThrow();
  });

  it("keeps a valid one", async () => {
    Object.defineProperty(navigator, "language", { value: "ko-KR", configurable: true });
    vi.resetModules();
    await import("./locale-guard");
    expect(navigator.language).toBe("ko-KR");
  });
});
