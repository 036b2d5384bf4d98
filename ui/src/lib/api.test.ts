import { describe, expect, it, vi } from "vitest";

vi.mock("./bindings", () => ({ commands: {} }));

import type { AppError } from "./bindings";
import { ApiError, toApiError, unwrap } from "./api";
import { setLocale } from "./i18n/index.svelte";

describe("unwrap", () => {
  it("returns the data of an ok result", () => {
    expect(unwrap({ status: "ok", data: 42 })).toBe(42);
  });

  it("throws an ApiError with a translated message for an error result", () => {
    const result = {
      status: "error" as const,
      error: { kind: "corrupt", message: "/x/stratus.sqlite3 is damaged" } satisfies AppError,
    };
    let caught: unknown;
    try {
      unwrap(result);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ApiError);
    const err = caught as ApiError;
    expect(err.detail).toContain("/x/stratus.sqlite3");
    setLocale("en");
    expect(err.localized).toBe("The database is damaged. Restore a backup.");
    setLocale("ko");
    expect(err.localized).toContain("손상");
  });

  it("falls back to a generic message for an unknown kind", () => {
    const err = new ApiError("no_such_kind", "detail");
    setLocale("en");
    expect(err.localized).toBe("An unexpected error occurred.");
    setLocale("ko");
  });
});

describe("toApiError", () => {
  it("keeps an ApiError and wraps anything else as unknown, with its text", () => {
    const known = new ApiError("corrupt", "damaged");
    expect(toApiError(known)).toBe(known);
    const wrapped = toApiError(new Error("socket closed"));
    expect(wrapped.kind).toBe("unknown");
    expect(wrapped.detail).toBe("Error: socket closed");
  });
});
