// State of Settings → Progress between computers: one progress file path, exporting to it or
// importing from it, and what the last run did or why it failed. The engine checks and
// merges; this only carries the path and the reports. An export keeps a file already at the
// path until the learner confirms replacing it.
import type { ProgressExportReport, ProgressImportReport } from "../../lib/bindings";
import { api, toApiError, type ApiError } from "../../lib/api";

export class ProgressTransferState {
  path = $state("");
  running = $state<"export" | "import" | null>(null);
  exported = $state<ProgressExportReport | null>(null);
  imported = $state<ProgressImportReport | null>(null);
  error = $state<ApiError | null>(null);
  /** The path of an existing file an export would replace, waiting for a yes or no. */
  confirming = $state<string | null>(null);

  /** The file name offered by the save dialog: `stratus-progress-YYYY-MM-DD.json`. */
  static suggestedName(today: Date): string {
    const pad = (n: number) => String(n).padStart(2, "0");
    return `stratus-progress-${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}.json`;
  }

  /** Writes this library's progress to `path`; the report or the error is kept. A file
   *  already there is replaced only with `replace` (a path picked in the system's save
   *  dialog, which asks about that itself, comes with it); otherwise its path waits in
   *  `confirming`. */
  async exportTo(path: string, replace = false): Promise<void> {
    await this.run("export", path, async (p) => {
      try {
        this.exported = await api.exportProgress(p, replace);
      } catch (e) {
        if (replace || toApiError(e).kind !== "already_exists") throw e;
        this.confirming = p;
      }
    });
  }

  /** Replaces the existing file the learner was asked about. */
  async replaceExisting(): Promise<void> {
    if (this.confirming === null) return;
    await this.exportTo(this.confirming, true);
  }

  /** Keeps the existing file; nothing is written. */
  cancelReplace(): void {
    this.confirming = null;
  }

  /** Merges the progress file at `path` into this library; the report or the error is kept. */
  async importFrom(path: string): Promise<void> {
    await this.run("import", path, async (p) => {
      this.imported = await api.importProgress(p);
    });
  }

  private async run(kind: "export" | "import", path: string, call: (path: string) => Promise<void>) {
    const trimmed = path.trim();
    if (trimmed === "" || this.running !== null) return;
    this.path = trimmed;
    this.running = kind;
    this.error = null;
    this.exported = null;
    this.imported = null;
    this.confirming = null;
    try {
      await call(trimmed);
    } catch (e) {
      this.error = toApiError(e);
    } finally {
      this.running = null;
    }
  }
}
