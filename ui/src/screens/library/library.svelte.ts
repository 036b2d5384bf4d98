// State of the Library screen: the documents, and the import that is running or last ran.
import { Channel } from "@tauri-apps/api/core";
import type { DocumentSummary, ImportProgress, ImportReport } from "../../lib/bindings";
import { api, toApiError, type ApiError } from "../../lib/api";

export class LibraryState {
  documents = $state<DocumentSummary[]>([]);
  progress = $state<ImportProgress | null>(null);
  report = $state<ImportReport | null>(null);
  importing = $state(false);
  error = $state<ApiError | null>(null);

  async load(): Promise<void> {
    try {
      this.documents = await api.documents();
    } catch (e) {
      this.error = toApiError(e);
    }
  }

  /** Imports files or folders, showing progress as the backend reports it. */
  async import(paths: string[], prune = false): Promise<void> {
    const wanted = paths.map((p) => p.trim()).filter((p) => p !== "");
    if (wanted.length === 0 || this.importing) return;
    this.importing = true;
    this.error = null;
    this.report = null;
    this.progress = { files_done: 0, files_total: 0, current_path: "" };
    const channel = new Channel<ImportProgress>();
    channel.onmessage = (p) => (this.progress = p);
    try {
      this.report = await api.importPaths(wanted, prune, channel);
      await this.load();
    } catch (e) {
      this.error = toApiError(e);
    } finally {
      this.importing = false;
      this.progress = null;
    }
  }

  async cancel(): Promise<void> {
    await api.cancelImport();
  }

  async remove(id: number): Promise<void> {
    try {
      await api.removeDocument(id);
      await this.load();
    } catch (e) {
      this.error = toApiError(e);
    }
  }
}
