import { describe, expect, it, vi } from "vitest";

const commands = vi.hoisted(() => ({
  renameDocument: vi.fn(),
  examGuides: vi.fn(),
}));
vi.mock("./bindings", () => ({ commands }));

import type { AppError, AppErrorKind, ExamGuide } from "./bindings";
import { ApiError, api, toApiError, unwrap } from "./api";
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
    // A kind from a newer engine that this UI has no message for.
    const err = new ApiError("no_such_kind" as AppErrorKind, "detail");
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

describe("api", () => {
  it("resolves a fallible command to its data and passes the arguments through", async () => {
    commands.renameDocument.mockResolvedValueOnce({ status: "ok", data: null });
    await expect(api.renameDocument(7, "S3 요약")).resolves.toBeNull();
    expect(commands.renameDocument).toHaveBeenCalledWith(7, "S3 요약");
  });

  it("throws an ApiError that keeps the engine's error kind", async () => {
    commands.renameDocument.mockResolvedValueOnce({
      status: "error",
      error: { kind: "not_found", message: "no document 7" } satisfies AppError,
    });
    const caught = await api.renameDocument(7, "x").catch((e: unknown) => e);
    expect(caught).toBeInstanceOf(ApiError);
    expect((caught as ApiError).kind).toBe("not_found");
    expect((caught as ApiError).detail).toBe("no document 7");
  });

  it("returns an infallible command's value as it is", async () => {
    const guides = [
      {
        code: "SAA-C03",
        short: "SAA",
        name: "Solutions Architect",
        domains: [],
        question_count: 65,
        scored_question_count: 50,
        duration_minutes: 130,
        passing_score: 720,
      },
    ] satisfies ExamGuide[];
    commands.examGuides.mockResolvedValueOnce(guides);
    await expect(api.examGuides()).resolves.toEqual(guides);
  });

  it("rejects a command the backend does not have", async () => {
    const missing = (api as unknown as Record<string, () => Promise<unknown>>).noSuchCommand!;
    await expect(missing()).rejects.toBeInstanceOf(ApiError);
  });
});
