import { describe, expect, it, vi } from "vitest";
import type {
  AppError,
  DocumentSummary,
  ImportProgress,
  ImportReport_Serialize,
  ImportTotals,
} from "../../lib/bindings";

const importPaths = vi.fn();
const documents = vi.fn();
const renameDocument = vi.fn();
vi.mock("../../lib/bindings", () => ({
  commands: {
    importPaths: (...args: unknown[]) => importPaths(...args),
    documents: () => documents(),
    renameDocument: (...args: unknown[]) => renameDocument(...args),
  },
}));
vi.mock("@tauri-apps/api/core", () => ({
  Channel: class {
    onmessage: (m: unknown) => void = () => {};
  },
}));

import { LibraryState, failureText, reportHeadline } from "./library.svelte";
import { setLocale, t } from "../../lib/i18n/index.svelte";

const ok = <T>(data: T) => ({ status: "ok" as const, data });
const failure = (error: AppError) => ({ status: "error" as const, error });

function doc(id: number, title: string, overrides: Partial<DocumentSummary> = {}) {
  return {
    id,
    title,
    path: `/n/${id}.md`,
    origin: "user",
    is_builtin: false,
    format: "markdown",
    lang: "ko",
    section_count: 3,
    card_count: 5,
    size_bytes: 1200,
    ...overrides,
  } satisfies DocumentSummary;
}

function totals(overrides: Partial<ImportTotals> = {}) {
  return { imported: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0, pruned: 0, sections: 0, ...overrides } satisfies ImportTotals;
}

describe("LibraryState", () => {
  it("imports trimmed paths, streams progress, keeps the report and reloads documents", async () => {
    const seen: unknown[] = [];
    importPaths.mockImplementation(async (_paths: string[], _prune: boolean, channel: { onmessage: (m: ImportProgress) => void }) => {
      channel.onmessage({ files_done: 1, files_total: 2, current_path: "/n/a.md" } satisfies ImportProgress);
      seen.push(state.progress);
      return ok({
        files: [],
        totals: totals({ imported: 2, sections: 9 }),
        is_cancelled: false,
      } satisfies ImportReport_Serialize);
    });
    documents.mockResolvedValue(ok([doc(1, "a")] satisfies DocumentSummary[]));
    const state = new LibraryState();
    await state.import(["  /n  ", ""]);
    expect(importPaths.mock.calls[0]![0]).toEqual(["/n"]);
    expect(seen[0]).toMatchObject({ files_done: 1, files_total: 2 });
    expect(state.report?.totals.sections).toBe(9);
    expect(state.importing).toBe(false);
    expect(state.progress).toBeNull();
    expect(state.documents).toHaveLength(1);
  });

  it("renames a document in place and closes the editor", async () => {
    renameDocument.mockResolvedValueOnce(ok(doc(2, "조직 정리", { card_count: 12 })));
    const state = new LibraryState();
    state.documents = [doc(1, "a"), doc(2, "top of page")];
    state.renaming = 2;
    expect(await state.rename(2, "  조직 정리 ")).toBe(true);
    expect(renameDocument).toHaveBeenCalledWith(2, "조직 정리");
    expect(state.documents.map((d) => d.title)).toEqual(["a", "조직 정리"]);
    expect(state.renaming).toBeNull();
  });

  it("keeps the editor open and the error when a rename is refused", async () => {
    renameDocument.mockClear();
    const state = new LibraryState();
    state.documents = [doc(2, "old")];
    state.renaming = 2;
    expect(await state.rename(2, "   ")).toBe(false);
    expect(renameDocument).not.toHaveBeenCalled();
    renameDocument.mockResolvedValueOnce(failure({ kind: "invalid_input", message: "too long" }));
    expect(await state.rename(2, "x")).toBe(false);
    expect(state.error?.kind).toBe("invalid_input");
    expect(state.renaming).toBe(2);
    expect(state.documents[0]!.title).toBe("old");
  });

  it("does nothing for an empty path list", async () => {
    importPaths.mockClear();
    const state = new LibraryState();
    await state.import(["  "]);
    expect(importPaths).not.toHaveBeenCalled();
  });

  it("keeps the backend's error", async () => {
    importPaths.mockResolvedValueOnce(failure({ kind: "io", message: "/x: permission denied" }));
    const state = new LibraryState();
    await state.import(["/x"]);
    expect(state.error?.kind).toBe("io");
    expect(state.importing).toBe(false);
  });
});

describe("import report", () => {
  const report = (counts: Partial<ImportTotals>, is_cancelled = false) =>
    ({ files: [], totals: totals(counts), is_cancelled }) satisfies ImportReport_Serialize;

  it("says plainly that an import where every file failed failed", () => {
    expect(reportHeadline(report({ failed: 1 }))).toBe("library.report_failed");
    expect(t(reportHeadline(report({ failed: 1 })))).toContain("실패");
    expect(reportHeadline(report({ imported: 2, failed: 1 }))).toBe("library.report_partial");
    expect(reportHeadline(report({ imported: 2 }))).toBe("library.report_done");
    expect(reportHeadline(report({ failed: 1 }, true))).toBe("library.report_cancelled");
  });

  it("shows the common OS errors in the interface language", () => {
    expect(failureText("No such file or directory (os error 2)")).toBe("파일이나 폴더가 없습니다.");
    expect(failureText("/x/a.md: Permission denied (os error 13)")).toBe("읽거나 쓸 권한이 없습니다.");
    expect(failureText("Not a directory (os error 20)")).toBe("경로 중간에 폴더가 아닌 파일이 있습니다.");
    expect(failureText("No space left on device (os error 28)")).toBe("디스크 공간이 부족합니다.");
    expect(failureText("지정된 파일을 찾을 수 없습니다. (os error 2)")).toBe("파일이나 폴더가 없습니다.");
    expect(failureText("invalid UTF-8 in front matter")).toBe("invalid UTF-8 in front matter");
    setLocale("en");
    expect(failureText("No such file or directory (os error 2)")).toBe("No such file or folder.");
    setLocale("ko");
  });
});
