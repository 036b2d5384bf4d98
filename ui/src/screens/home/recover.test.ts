import { describe, expect, it, vi } from "vitest";

const listBackups = vi.fn();
const recoverLibrary = vi.fn();
vi.mock("../../lib/bindings", () => ({
  commands: {
    listBackups: () => listBackups(),
    recoverLibrary: (name: string) => recoverLibrary(name),
  },
}));

import type { AppError, BackupInfo, DatabaseRestoreReport_Serialize } from "../../lib/bindings";
import { RecoverState } from "./recover.svelte";
import { setLocale } from "../../lib/i18n/index.svelte";

const backup = {
  file_name: "stratus-20261201T090000000Z-daily.sqlite3",
  path: "/d/backups/stratus-20261201T090000000Z-daily.sqlite3",
  created_at: "2026-12-01T09:00:00.000Z",
  reason: "daily",
  size_bytes: 4096,
  schema_version: 9,
} satisfies BackupInfo;

describe("RecoverState", () => {
  it("lists the backups kept for a library that does not open", async () => {
    listBackups.mockResolvedValueOnce({ status: "ok", data: [backup] });
    const recover = new RecoverState();
    await recover.load();
    expect(recover.loaded).toBe(true);
    expect(recover.backups.map((b) => b.file_name)).toEqual([backup.file_name]);
  });

  it("restores the chosen backup and says where the damaged file went", async () => {
    setLocale("en");
    recoverLibrary.mockResolvedValueOnce({
      status: "ok",
      data: {
        restored_from: backup.path,
        previous: null,
        damaged: { error: "file is not a database", kept_as: ["/d/stratus-damaged-x.sqlite3"] },
        restored_schema_version: 9,
        counts: { documents: 1, sections: 3, cards: 5, reviews: 0 },
      } satisfies DatabaseRestoreReport_Serialize,
    });
    const recover = new RecoverState();
    recover.confirming = backup.file_name;
    const message = await recover.recover(backup.file_name);
    expect(recoverLibrary).toHaveBeenCalledWith(backup.file_name);
    expect(message).toContain(backup.file_name);
    expect(message).toContain("/d/stratus-damaged-x.sqlite3");
    expect(recover.confirming).toBeNull();
    expect(recover.error).toBeNull();
    setLocale("ko");
  });

  it("keeps the error when the restore fails", async () => {
    recoverLibrary.mockResolvedValueOnce({
      status: "error",
      error: { kind: "corrupt", message: "backup damaged" } satisfies AppError,
    });
    const recover = new RecoverState();
    expect(await recover.recover(backup.file_name)).toBeNull();
    expect(recover.error?.kind).toBe("corrupt");
    expect(recover.busy).toBe(false);
  });
});
