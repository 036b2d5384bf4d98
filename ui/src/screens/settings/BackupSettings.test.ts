// Settings → Backups: the list the engine keeps, a manual backup, restoring one after a
// confirmation step, how many to keep, and what a failure shows.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { tick } from "svelte";
import type {
  AppError,
  BackupInfo,
  BackupReport,
  BackupSettings_Serialize,
  RestoreReport,
} from "../../lib/bindings";

const commands = vi.hoisted(() => ({
  listBackups: vi.fn(),
  backupSettings: vi.fn(),
  backupNow: vi.fn(),
  restoreBackup: vi.fn(),
  setBackupSettings: vi.fn(),
}));
vi.mock("../../lib/bindings", () => ({ commands }));

import BackupSettings from "./BackupSettings.svelte";
import { setLocale } from "../../lib/i18n/index.svelte";

const ok = <T>(data: T) => ({ status: "ok" as const, data });
const failure = (error: AppError) => ({ status: "error" as const, error });

function backup(stamp: string, reason: BackupInfo["reason"]): BackupInfo {
  const file_name = `stratus-${stamp}-${reason}.sqlite3`;
  return {
    path: `/d/backups/${file_name}`,
    file_name,
    created_at: "2026-12-01T09:00:00.000Z",
    reason,
    size_bytes: 3 * 1024 * 1024,
    schema_version: 10,
  };
}

const daily = backup("20261201T090000000Z", "daily");
const manual = backup("20261202T090000000Z", "manual");
const beforeRestore = backup("20261203T090000000Z", "restore");

async function settle() {
  for (let i = 0; i < 6; i++) await tick();
  await new Promise((r) => setTimeout(r, 0));
  await tick();
}

const status = () => screen.getByRole("status").textContent ?? "";

describe("BackupSettings", () => {
  afterEach(() => {
    cleanup();
    setLocale("ko");
  });

  beforeEach(() => {
    setLocale("en");
    for (const f of Object.values(commands)) f.mockReset();
    commands.listBackups.mockResolvedValue(ok([manual, daily]));
    commands.backupSettings.mockResolvedValue(ok({ keep: 7 } satisfies BackupSettings_Serialize));
  });

  it("lists the backups with their reason and size, and the number kept", async () => {
    render(BackupSettings);
    await settle();
    const rows = screen.getByTestId("backup-list").querySelectorAll("tbody tr");
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain("Manual");
    expect(rows[0]!.textContent).toContain("3.0 MB");
    expect(rows[1]!.textContent).toContain("Daily");
    expect((screen.getByRole("spinbutton") as HTMLInputElement).value).toBe("7");
  });

  it("restores a backup only after the confirmation, then says what was saved first", async () => {
    commands.restoreBackup.mockResolvedValueOnce(
      ok({
        restored_from: daily.path,
        previous: beforeRestore,
        restored_schema_version: 10,
        counts: { documents: 48, sections: 574, cards: 9183, reviews: 12 },
      } satisfies RestoreReport),
    );
    render(BackupSettings);
    await settle();
    const restoreButtons = screen.getAllByRole("button", { name: "Restore…" });
    await fireEvent.click(restoreButtons[1]!);
    expect(commands.restoreBackup).not.toHaveBeenCalled();
    commands.listBackups.mockResolvedValue(ok([beforeRestore, manual, daily]));
    await fireEvent.click(screen.getByRole("button", { name: "Restore this backup" }));
    await settle();
    expect(commands.restoreBackup).toHaveBeenCalledExactlyOnceWith(daily.file_name);
    expect(status()).toBe(
      `Restored from ${daily.file_name}; the previous library was saved as ${beforeRestore.file_name}.`,
    );
    expect(screen.queryByRole("button", { name: "Restore this backup" })).toBeNull();
    expect(screen.getByTestId("backup-list").querySelectorAll("tbody tr")).toHaveLength(3);
  });

  it("cancels a restore without calling the engine", async () => {
    render(BackupSettings);
    await settle();
    await fireEvent.click(screen.getAllByRole("button", { name: "Restore…" })[0]!);
    await fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(commands.restoreBackup).not.toHaveBeenCalled();
    expect(screen.getAllByRole("button", { name: "Restore…" })).toHaveLength(2);
  });

  it("shows the engine's reason when a restore is refused", async () => {
    commands.restoreBackup.mockResolvedValueOnce(
      failure({ kind: "corrupt", message: "/d/backups/x.sqlite3: the backup is damaged" }),
    );
    render(BackupSettings);
    await settle();
    await fireEvent.click(screen.getAllByRole("button", { name: "Restore…" })[0]!);
    await fireEvent.click(screen.getByRole("button", { name: "Restore this backup" }));
    await settle();
    expect(status()).toBe("The database is damaged. Restore a backup. /d/backups/x.sqlite3: the backup is damaged");
  });

  it("backs up now and lists the new backup", async () => {
    commands.backupNow.mockResolvedValueOnce(
      ok({ backup: beforeRestore, pruned: [], removed_partials: [] } satisfies BackupReport),
    );
    render(BackupSettings);
    await settle();
    commands.listBackups.mockResolvedValue(ok([beforeRestore, manual, daily]));
    await fireEvent.click(screen.getByTestId("backup-now"));
    await settle();
    expect(status()).toBe(`Backed up: ${beforeRestore.file_name}`);
    expect(screen.getByTestId("backup-list").querySelectorAll("tbody tr")).toHaveLength(3);
  });

  it("saves how many backups to keep", async () => {
    commands.setBackupSettings.mockResolvedValueOnce(ok({ keep: 3 } satisfies BackupSettings_Serialize));
    render(BackupSettings);
    await settle();
    const input = screen.getByRole("spinbutton") as HTMLInputElement;
    await fireEvent.input(input, { target: { value: "3" } });
    await fireEvent.submit(input.closest("form")!);
    await settle();
    expect(commands.setBackupSettings).toHaveBeenCalledWith({ keep: 3 });
    expect(status()).toBe("Saved.");
  });
});
