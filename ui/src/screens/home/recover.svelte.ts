// Restoring a library that does not open: the backups the engine kept, and the restore of
// one of them in place of the damaged file.
import type { BackupInfo } from "../../lib/bindings";
import { api, toApiError, type ApiError } from "../../lib/api";
import { t } from "../../lib/i18n/index.svelte";

export class RecoverState {
  backups = $state<BackupInfo[]>([]);
  loaded = $state(false);
  confirming = $state<string | null>(null);
  busy = $state(false);
  error = $state<ApiError | null>(null);

  async load(): Promise<void> {
    try {
      this.backups = await api.listBackups();
      this.error = null;
    } catch (e) {
      this.error = toApiError(e);
    } finally {
      this.loaded = true;
    }
  }

  /** Restores `name`; returns the message to show once the library is back, or null. */
  async recover(name: string): Promise<string | null> {
    this.busy = true;
    try {
      const report = await api.recoverLibrary(name);
      this.error = null;
      this.confirming = null;
      const kept = report.damaged?.kept_as[0] ?? "—";
      return t("recover.done", { name, kept });
    } catch (e) {
      this.error = toApiError(e);
      return null;
    } finally {
      this.busy = false;
    }
  }
}
