import { describe, expect, it, vi } from "vitest";

const importPaths = vi.fn();
const documents = vi.fn();
vi.mock("../../lib/bindings", () => ({
  commands: {
    importPaths: (...args: unknown[]) => importPaths(...args),
    documents: () => documents(),
  },
}));
vi.mock("@tauri-apps/api/core", () => ({
  Channel: class {
    onmessage: (m: unknown) => void = () => {};
  },
}));

import { LibraryState } from "./library.svelte";

describe("LibraryState", () => {
  it("imports trimmed paths, streams progress, keeps the report and reloads documents", async () => {
    const seen: unknown[] = [];
    importPaths.mockImplementation(async (_paths: string[], _prune: boolean, channel: { onmessage: (m: unknown) => void }) => {
      channel.onmessage({ files_done: 1, files_total: 2, current_path: "/n/a.md" });
      seen.push(state.progress);
      return {
        status: "ok",
        data: {
          files: [],
          totals: { imported: 2, updated: 0, unchanged: 0, skipped: 0, failed: 0, pruned: 0, sections: 9 },
          is_cancelled: false,
        },
      };
    });
    documents.mockResolvedValue({ status: "ok", data: [{ id: 1, title: "a" }] });
    const state = new LibraryState();
    await state.import(["  /n  ", ""]);
    expect(importPaths.mock.calls[0]![0]).toEqual(["/n"]);
    expect(seen[0]).toMatchObject({ files_done: 1, files_total: 2 });
    expect(state.report?.totals.sections).toBe(9);
    expect(state.importing).toBe(false);
    expect(state.progress).toBeNull();
    expect(state.documents).toHaveLength(1);
  });

  it("does nothing for an empty path list", async () => {
    importPaths.mockClear();
    const state = new LibraryState();
    await state.import(["  "]);
    expect(importPaths).not.toHaveBeenCalled();
  });

  it("keeps the backend's error", async () => {
    importPaths.mockResolvedValueOnce({ status: "error", error: { kind: "io", message: "/x: permission denied" } });
    const state = new LibraryState();
    await state.import(["/x"]);
    expect(state.error?.kind).toBe("io");
    expect(state.importing).toBe(false);
  });
});
