// Settings → Progress on another computer: the path reaches the engine as typed or chosen in a
// dialog, the reports are told in words, an unchanged import says so, and a refused file shows
// the engine's reason.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { tick } from "svelte";
import type { AppError, ProgressExportReport, ProgressImportReport } from "../../lib/bindings";

const commands = vi.hoisted(() => ({ exportProgress: vi.fn(), importProgress: vi.fn() }));
vi.mock("../../lib/bindings", () => ({ commands }));
const dialog = vi.hoisted(() => ({ save: vi.fn(), open: vi.fn() }));
vi.mock("@tauri-apps/plugin-dialog", () => dialog);

import ProgressTransfer from "./ProgressTransfer.svelte";
import { ProgressTransferState } from "./progress-transfer.svelte";
import { setLocale } from "../../lib/i18n/index.svelte";

const ok = <T>(data: T) => ({ status: "ok" as const, data });
const failed = (error: AppError) => ({ status: "error" as const, error });

async function settle() {
  for (let i = 0; i < 6; i++) await tick();
  await new Promise((r) => setTimeout(r, 0));
  await tick();
}

const exported = (path: string): ProgressExportReport => ({
  path,
  bytes: 2048,
  reviews: 42,
  suspended_cards: 1,
  buried_cards: 0,
  card_edits: 2,
  exam_attempts: 3,
});

const imported = (over: Partial<ProgressImportReport>): ProgressImportReport => ({
  reviews_added: 0,
  reviews_known: 0,
  reviews_unknown_card: 0,
  cards_replayed: 0,
  suspended_added: 0,
  buried_added: 0,
  card_edits_applied: 0,
  exam_attempts_added: 0,
  exam_attempts_known: 0,
  exam_attempts_unknown_question: 0,
  is_unchanged: false,
  ...over,
});

const status = () => screen.getByTestId("progress-status").textContent?.replace(/\s+/g, " ").trim() ?? "";

describe("ProgressTransfer", () => {
  afterEach(() => {
    cleanup();
    setLocale("ko");
  });

  beforeEach(() => {
    setLocale("en");
    commands.exportProgress.mockReset();
    commands.importProgress.mockReset();
    dialog.save.mockReset();
    dialog.open.mockReset();
  });

  it("exports to a typed path without a dialog and says what was saved", async () => {
    commands.exportProgress.mockResolvedValueOnce(ok(exported("/home/me/progress.json")));
    render(ProgressTransfer);
    await fireEvent.input(screen.getByTestId("progress-path"), { target: { value: " /home/me/progress.json " } });
    await fireEvent.click(screen.getByTestId("progress-export"));
    await settle();
    expect(dialog.save).not.toHaveBeenCalled();
    expect(commands.exportProgress).toHaveBeenCalledExactlyOnceWith("/home/me/progress.json", false);
    expect(status()).toBe("Saved 42 answers and 3 practice exams to /home/me/progress.json.");
  });

  it("asks for the file to write with the save dialog when no path is typed", async () => {
    dialog.save.mockResolvedValueOnce("/media/usb/stratus.json");
    commands.exportProgress.mockResolvedValueOnce(ok(exported("/media/usb/stratus.json")));
    render(ProgressTransfer);
    await fireEvent.click(screen.getByTestId("progress-export"));
    await settle();
    expect(dialog.save).toHaveBeenCalledOnce();
    const options = dialog.save.mock.calls[0]?.[0];
    expect(options?.defaultPath).toMatch(/^stratus-progress-\d{4}-\d{2}-\d{2}\.json$/);
    expect(options?.filters).toEqual([{ name: "Stratus progress", extensions: ["json"] }]);
    // The save dialog has asked already whether to replace a file of that name.
    expect(commands.exportProgress).toHaveBeenCalledExactlyOnceWith("/media/usb/stratus.json", true);
  });

  it("does nothing when a dialog is closed", async () => {
    dialog.save.mockResolvedValueOnce(null);
    dialog.open.mockResolvedValueOnce(null);
    render(ProgressTransfer);
    await fireEvent.click(screen.getByTestId("progress-export"));
    await fireEvent.click(screen.getByTestId("progress-import"));
    await settle();
    expect(commands.exportProgress).not.toHaveBeenCalled();
    expect(commands.importProgress).not.toHaveBeenCalled();
    expect(status()).toBe("");
  });

  it("imports the file chosen in the open dialog and tells what was merged and left out", async () => {
    dialog.open.mockResolvedValueOnce("/media/usb/stratus.json");
    commands.importProgress.mockResolvedValueOnce(
      ok(
        imported({
          reviews_added: 7,
          reviews_known: 35,
          cards_replayed: 4,
          suspended_added: 1,
          card_edits_applied: 2,
          exam_attempts_added: 1,
          reviews_unknown_card: 3,
        }),
      ),
    );
    render(ProgressTransfer);
    await fireEvent.click(screen.getByTestId("progress-import"));
    await settle();
    expect(dialog.open).toHaveBeenCalledExactlyOnceWith({
      multiple: false,
      directory: false,
      filters: [{ name: "Stratus progress", extensions: ["json"] }],
    });
    expect(commands.importProgress).toHaveBeenCalledExactlyOnceWith("/media/usb/stratus.json");
    expect(status()).toBe(
      "Merged 7 new answers and recomputed the schedule of 4 cards. 35 answers were already here. " +
        "Also added 1 suspended cards, 2 card edits and 1 practice exams. " +
        "Skipped 3 entries about cards or questions this library does not have. Import the same notes first, then this file again.",
    );
  });

  it("leaves out the counts that are zero", async () => {
    commands.importProgress.mockResolvedValueOnce(ok(imported({ reviews_added: 1, cards_replayed: 1 })));
    render(ProgressTransfer);
    await fireEvent.input(screen.getByTestId("progress-path"), { target: { value: "/tmp/p.json" } });
    await fireEvent.click(screen.getByTestId("progress-import"));
    await settle();
    expect(status()).toBe("Merged 1 new answers and recomputed the schedule of 1 cards.");
  });

  it("says so when the file was already merged", async () => {
    commands.importProgress.mockResolvedValueOnce(ok(imported({ reviews_known: 42, is_unchanged: true })));
    render(ProgressTransfer);
    await fireEvent.input(screen.getByTestId("progress-path"), { target: { value: "/tmp/p.json" } });
    await fireEvent.click(screen.getByTestId("progress-import"));
    await settle();
    expect(status()).toBe("Nothing new to merge: everything in this file is already here.");
  });

  it("shows the engine's reason for a refused file, in Korean by default", async () => {
    setLocale("ko");
    commands.importProgress.mockResolvedValueOnce(
      failed({ kind: "invalid_input", message: "not a usable progress file: it was written by a newer Stratus" }),
    );
    render(ProgressTransfer);
    expect(screen.getByTestId("progress-import").textContent?.trim()).toBe("학습 기록 가져오기…");
    await fireEvent.input(screen.getByTestId("progress-path"), { target: { value: "/tmp/new.json" } });
    await fireEvent.click(screen.getByTestId("progress-import"));
    await settle();
    expect(status()).toContain("not a usable progress file: it was written by a newer Stratus");
  });

  it("asks before replacing an existing file, in Korean, and replaces it only on 바꾸기", async () => {
    setLocale("ko");
    commands.exportProgress.mockResolvedValueOnce(
      failed({ kind: "already_exists", message: "/media/usb/stratus.json already exists; it was left as it was" }),
    );
    commands.exportProgress.mockResolvedValueOnce(ok(exported("/media/usb/stratus.json")));
    render(ProgressTransfer);
    await fireEvent.input(screen.getByTestId("progress-path"), { target: { value: "/media/usb/stratus.json" } });
    await fireEvent.click(screen.getByTestId("progress-export"));
    await settle();
    expect(commands.exportProgress).toHaveBeenCalledExactlyOnceWith("/media/usb/stratus.json", false);
    expect(screen.getByTestId("progress-replace").querySelector("p")?.textContent).toBe(
      "이미 같은 이름의 파일이 있습니다: /media/usb/stratus.json. 새 파일로 바꿀까요?",
    );
    expect(status()).toBe("");
    await fireEvent.click(screen.getByRole("button", { name: "바꾸기" }));
    await settle();
    expect(dialog.save).not.toHaveBeenCalled();
    expect(commands.exportProgress).toHaveBeenCalledTimes(2);
    expect(commands.exportProgress).toHaveBeenLastCalledWith("/media/usb/stratus.json", true);
    expect(screen.queryByTestId("progress-replace")).toBeNull();
    expect(status()).toBe("복습 기록 42건과 모의고사 3회를 /media/usb/stratus.json에 저장했습니다.");
  });

  it("writes nothing when replacing is cancelled", async () => {
    commands.exportProgress.mockResolvedValueOnce(failed({ kind: "already_exists", message: "/tmp/p.json already exists" }));
    render(ProgressTransfer);
    await fireEvent.input(screen.getByTestId("progress-path"), { target: { value: "/tmp/p.json" } });
    await fireEvent.click(screen.getByTestId("progress-export"));
    await settle();
    expect(screen.getByTestId("progress-replace").textContent).toContain(
      "A file with that name already exists: /tmp/p.json. Replace it with the new one?",
    );
    await fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    await settle();
    expect(screen.queryByTestId("progress-replace")).toBeNull();
    expect(commands.exportProgress).toHaveBeenCalledOnce();
    expect(status()).toBe("");
  });

  it("shows the reason when replacing fails, and an import clears the question", async () => {
    const state = new ProgressTransferState();
    commands.exportProgress.mockResolvedValueOnce(failed({ kind: "already_exists", message: "/ro/p.json already exists" }));
    await state.exportTo("/ro/p.json");
    expect(state.confirming).toBe("/ro/p.json");
    expect(state.error).toBeNull();
    commands.exportProgress.mockResolvedValueOnce(failed({ kind: "io", message: "/ro/p.json: permission denied" }));
    await state.replaceExisting();
    expect(commands.exportProgress).toHaveBeenLastCalledWith("/ro/p.json", true);
    expect(state.confirming).toBeNull();
    expect(state.error?.kind).toBe("io");

    commands.exportProgress.mockResolvedValueOnce(failed({ kind: "already_exists", message: "/ro/p.json already exists" }));
    await state.exportTo("/ro/p.json");
    expect(state.confirming).toBe("/ro/p.json");
    commands.importProgress.mockResolvedValueOnce(ok(imported({ reviews_added: 1 })));
    await state.importFrom("/ro/other.json");
    expect(state.confirming).toBeNull();
    expect(commands.exportProgress).toHaveBeenCalledTimes(3);
  });

  it("runs one thing at a time and keeps only the last result", async () => {
    const state = new ProgressTransferState();
    let finish: (v: unknown) => void = () => {};
    commands.exportProgress.mockReturnValueOnce(new Promise((r) => (finish = r)));
    const first = state.exportTo("/tmp/a.json");
    expect(state.running).toBe("export");
    await state.importFrom("/tmp/b.json");
    expect(commands.importProgress).not.toHaveBeenCalled();
    finish(ok(exported("/tmp/a.json")));
    await first;
    expect(state.running).toBeNull();
    expect(state.exported?.path).toBe("/tmp/a.json");
    commands.importProgress.mockResolvedValueOnce(ok(imported({ reviews_added: 1 })));
    await state.importFrom("/tmp/b.json");
    expect(state.exported).toBeNull();
    expect(state.imported?.reviews_added).toBe(1);
    expect(ProgressTransferState.suggestedName(new Date(2026, 0, 5))).toBe("stratus-progress-2026-01-05.json");
  });
});
