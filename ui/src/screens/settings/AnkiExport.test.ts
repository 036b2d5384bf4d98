// Settings → Export to Anki: the options and the path reach the engine as chosen, the save
// dialog fills in the path, and the result or the engine's reason is shown.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { tick } from "svelte";
import type { AnkiExportReport, AppError, ExamGuide } from "../../lib/bindings";

const commands = vi.hoisted(() => ({ exportAnki: vi.fn(), examGuides: vi.fn() }));
vi.mock("../../lib/bindings", () => ({ commands }));
const dialog = vi.hoisted(() => ({ save: vi.fn() }));
vi.mock("@tauri-apps/plugin-dialog", () => dialog);

import AnkiExport from "./AnkiExport.svelte";
import { AnkiExportState } from "./anki-export.svelte";
import { setLocale } from "../../lib/i18n/index.svelte";

const ok = <T>(data: T) => ({ status: "ok" as const, data });
const failed = (error: AppError) => ({ status: "error" as const, error });

async function settle() {
  for (let i = 0; i < 6; i++) await tick();
  await new Promise((r) => setTimeout(r, 0));
  await tick();
}

const report = (path: string, format: AnkiExportReport["format"], deck: string): AnkiExportReport => ({
  path,
  format,
  deck,
  note_count: 120,
  basic_count: 100,
  cloze_count: 20,
  choice_count: 30,
  size_bytes: 40960,
});

function guide(code: string, short: string): ExamGuide {
  return {
    code,
    short,
    name: code,
    domains: [],
    question_count: 65,
    scored_question_count: 50,
    duration_minutes: 130,
    passing_score: 720,
  };
}

const status = () => screen.getByTestId("anki-status").textContent?.trim() ?? "";

describe("AnkiExport", () => {
  afterEach(() => {
    cleanup();
    setLocale("ko");
  });

  beforeEach(() => {
    setLocale("en");
    commands.exportAnki.mockReset();
    commands.examGuides.mockReset();
    commands.examGuides.mockResolvedValue([guide("SAA-C03", "SAA"), guide("DVA-C02", "DVA")]);
    dialog.save.mockReset();
  });

  it("exports every active card to a typed path and says what was written", async () => {
    commands.exportAnki.mockResolvedValueOnce(ok(report("/home/me/deck.apkg", "apkg", "Stratus")));
    render(AnkiExport);
    const run = screen.getByTestId("anki-run") as HTMLButtonElement;
    expect(run.disabled).toBe(true);
    await fireEvent.input(screen.getByTestId("anki-path"), { target: { value: "/home/me/deck.apkg" } });
    await fireEvent.click(run);
    await settle();
    expect(commands.exportAnki).toHaveBeenCalledExactlyOnceWith(
      { exam: null, topic: null, format: "apkg" },
      "/home/me/deck.apkg",
      false,
    );
    expect(status()).toBe("Saved 120 notes to /home/me/deck.apkg: deck Stratus, 20 cloze, 30 multiple choice.");
  });

  it("takes the exam, topic and format, and the path from the save dialog", async () => {
    dialog.save.mockResolvedValueOnce("/home/me/stratus-saa-c03-s3.csv");
    commands.exportAnki.mockResolvedValueOnce(ok(report("/home/me/stratus-saa-c03-s3.csv", "csv", "Stratus::SAA-C03::s3")));
    render(AnkiExport);
    await settle();
    const choices = [...screen.getByTestId("anki-exam").querySelectorAll("option")].map((o) => o.textContent);
    expect(choices).toEqual(["All exams", "SAA-C03", "DVA-C02"]);
    await fireEvent.change(screen.getByTestId("anki-exam"), { target: { value: "SAA-C03" } });
    await fireEvent.input(screen.getByTestId("anki-topic"), { target: { value: " s3 " } });
    await fireEvent.click(screen.getByRole("radio", { name: "CSV file" }));
    await fireEvent.click(screen.getByRole("button", { name: "Choose…" }));
    await settle();
    expect(dialog.save).toHaveBeenCalledExactlyOnceWith({
      defaultPath: "stratus-saa-c03-s3.csv",
      filters: [{ name: "CSV file", extensions: ["csv"] }],
    });
    expect((screen.getByTestId("anki-path") as HTMLInputElement).value).toBe("/home/me/stratus-saa-c03-s3.csv");
    await fireEvent.click(screen.getByTestId("anki-run"));
    await settle();
    // The save dialog has asked already whether to replace a file of that name.
    expect(commands.exportAnki).toHaveBeenCalledExactlyOnceWith(
      { exam: "SAA-C03", topic: "s3", format: "csv" },
      "/home/me/stratus-saa-c03-s3.csv",
      true,
    );
  });

  it("trusts the save dialog for one export only: the next export to that path asks", async () => {
    dialog.save.mockResolvedValueOnce("/home/me/deck.apkg");
    commands.exportAnki.mockResolvedValueOnce(ok(report("/home/me/deck.apkg", "apkg", "Stratus")));
    commands.exportAnki.mockResolvedValueOnce(failed({ kind: "already_exists", message: "/home/me/deck.apkg already exists" }));
    render(AnkiExport);
    await fireEvent.click(screen.getByRole("button", { name: "Choose…" }));
    await settle();
    await fireEvent.click(screen.getByTestId("anki-run"));
    await settle();
    await fireEvent.click(screen.getByTestId("anki-run"));
    await settle();
    expect(commands.exportAnki.mock.calls.map((call) => call[2])).toEqual([true, false]);
    expect(screen.getByTestId("anki-replace").textContent).toContain("/home/me/deck.apkg");
  });

  it("asks again when the path picked in the save dialog is then edited", async () => {
    dialog.save.mockResolvedValueOnce("/home/me/deck.apkg");
    commands.exportAnki.mockResolvedValueOnce(failed({ kind: "already_exists", message: "/home/me/deck2.apkg already exists" }));
    render(AnkiExport);
    await fireEvent.click(screen.getByRole("button", { name: "Choose…" }));
    await settle();
    await fireEvent.input(screen.getByTestId("anki-path"), { target: { value: "/home/me/deck2.apkg" } });
    await fireEvent.click(screen.getByTestId("anki-run"));
    await settle();
    expect(commands.exportAnki).toHaveBeenCalledExactlyOnceWith(
      { exam: null, topic: null, format: "apkg" },
      "/home/me/deck2.apkg",
      false,
    );
    expect(screen.getByTestId("anki-replace").textContent).toContain("/home/me/deck2.apkg");
  });

  it("keeps the path when the save dialog is closed", async () => {
    dialog.save.mockResolvedValueOnce(null);
    render(AnkiExport);
    await fireEvent.input(screen.getByTestId("anki-path"), { target: { value: "/tmp/a.apkg" } });
    await fireEvent.click(screen.getByRole("button", { name: "Choose…" }));
    await settle();
    expect((screen.getByTestId("anki-path") as HTMLInputElement).value).toBe("/tmp/a.apkg");
  });

  it("shows the engine's reason when nothing matches", async () => {
    commands.exportAnki.mockResolvedValueOnce(
      failed({ kind: "invalid_input", message: "no active card matches for --topic zzz; nothing was written" }),
    );
    render(AnkiExport);
    await fireEvent.input(screen.getByTestId("anki-topic"), { target: { value: "zzz" } });
    await fireEvent.input(screen.getByTestId("anki-path"), { target: { value: "/tmp/zzz.apkg" } });
    await fireEvent.click(screen.getByTestId("anki-run"));
    await settle();
    expect(status()).toBe(
      "The input is not valid. no active card matches for --topic zzz; nothing was written",
    );
  });

  it("asks before replacing an existing file and replaces it only on Replace", async () => {
    const exists = failed({
      kind: "already_exists",
      message: "/home/me/deck.apkg already exists; it was left as it was and nothing was written",
    });
    commands.exportAnki.mockResolvedValueOnce(exists);
    commands.exportAnki.mockResolvedValueOnce(ok(report("/home/me/deck.apkg", "apkg", "Stratus")));
    setLocale("ko");
    render(AnkiExport);
    await fireEvent.input(screen.getByTestId("anki-path"), { target: { value: "/home/me/deck.apkg" } });
    await fireEvent.click(screen.getByTestId("anki-run"));
    await settle();
    expect(commands.exportAnki).toHaveBeenCalledExactlyOnceWith({ exam: null, topic: null, format: "apkg" }, "/home/me/deck.apkg", false);
    const ask = screen.getByTestId("anki-replace");
    expect(ask.querySelector("p")?.textContent).toBe("이미 같은 이름의 파일이 있습니다: /home/me/deck.apkg. 새 파일로 바꿀까요?");
    expect(document.activeElement, "the question takes the keyboard on Cancel").toBe(screen.getByTestId("anki-replace-cancel"));
    expect(status()).toBe("");
    await fireEvent.click(screen.getByRole("button", { name: "바꾸기" }));
    await settle();
    expect(commands.exportAnki).toHaveBeenCalledTimes(2);
    expect(commands.exportAnki).toHaveBeenLastCalledWith({ exam: null, topic: null, format: "apkg" }, "/home/me/deck.apkg", true);
    expect(screen.queryByTestId("anki-replace")).toBeNull();
    expect(status()).toContain("/home/me/deck.apkg");
  });

  it("writes nothing when replacing is cancelled, and asks again on the next export", async () => {
    const exists = failed({ kind: "already_exists", message: "/tmp/a.csv already exists" });
    commands.exportAnki.mockResolvedValue(exists);
    render(AnkiExport);
    await fireEvent.input(screen.getByTestId("anki-path"), { target: { value: "/tmp/a.csv" } });
    await fireEvent.click(screen.getByTestId("anki-run"));
    await settle();
    expect(screen.getByTestId("anki-replace").textContent).toContain(
      "A file with that name already exists: /tmp/a.csv. Replace it with the new one?",
    );
    await fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    await settle();
    expect(screen.queryByTestId("anki-replace")).toBeNull();
    expect(commands.exportAnki).toHaveBeenCalledOnce();
    expect(status()).toBe("");
    await fireEvent.click(screen.getByTestId("anki-run"));
    await settle();
    expect(commands.exportAnki).toHaveBeenCalledTimes(2);
    expect(commands.exportAnki).toHaveBeenLastCalledWith({ exam: null, topic: null, format: "apkg" }, "/tmp/a.csv", false);
    expect(screen.getByTestId("anki-replace")).toBeTruthy();
  });

  it("shows the reason when replacing fails, instead of asking again", async () => {
    const state = new AnkiExportState();
    state.path = "/ro/deck.apkg";
    commands.exportAnki.mockResolvedValueOnce(failed({ kind: "already_exists", message: "/ro/deck.apkg already exists" }));
    await state.run();
    expect(state.confirming).toBe("/ro/deck.apkg");
    expect(state.error).toBeNull();
    commands.exportAnki.mockResolvedValueOnce(failed({ kind: "io", message: "/ro/deck.apkg: permission denied" }));
    await state.replaceExisting();
    expect(commands.exportAnki).toHaveBeenLastCalledWith({ exam: null, topic: null, format: "apkg" }, "/ro/deck.apkg", true);
    expect(state.confirming).toBeNull();
    expect(state.error?.kind).toBe("io");
    expect(state.report).toBeNull();
  });

  it("gives a path typed earlier the extension of a newly chosen format", () => {
    const state = new AnkiExportState();
    state.path = "/home/me/deck.apkg";
    state.setFormat("csv");
    expect(state.path).toBe("/home/me/deck.csv");
    state.exam = "DVA-C02";
    state.topic = "Lambda 요금";
    expect(state.suggestedName()).toBe("stratus-dva-c02-lambda-요금.csv");
  });
});
