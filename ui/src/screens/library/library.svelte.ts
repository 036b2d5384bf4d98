// State of the Library screen: the documents, and the import that is running or last ran.
import { Channel } from "@tauri-apps/api/core";
import type { DocumentSummary, ImportProgress, ImportReport } from "../../lib/bindings";
import { api, toApiError, type ApiError } from "../../lib/api";
import { t, type MessageKey } from "../../lib/i18n/index.svelte";

export class LibraryState {
  documents = $state<DocumentSummary[]>([]);
  progress = $state<ImportProgress | null>(null);
  report = $state<ImportReport | null>(null);
  importing = $state(false);
  error = $state<ApiError | null>(null);
  /** The document whose title is being edited, if any. */
  renaming = $state<number | null>(null);

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

  /** Gives an imported document a title of its own; false (with the error kept) when refused. */
  async rename(id: number, title: string): Promise<boolean> {
    const wanted = title.trim();
    if (wanted === "") return false;
    try {
      const renamed = await api.renameDocument(id, wanted);
      this.documents = this.documents.map((d) => (d.id === id ? renamed : d));
      this.renaming = null;
      this.error = null;
      return true;
    } catch (e) {
      this.error = toApiError(e);
      return false;
    }
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

/** The headline of an import report: failed when nothing at all could be imported. */
export function reportHeadline(report: ImportReport): MessageKey {
  if (report.is_cancelled) return "library.report_cancelled";
  const { imported, updated, unchanged, skipped, failed, pruned } = report.totals;
  if (failed > 0 && imported + updated + unchanged + skipped + pruned === 0) return "library.report_failed";
  return failed > 0 ? "library.report_partial" : "library.report_done";
}

// The common failures by the operating system's message (the engine's file outcome carries it,
// ending in "(os error N)") and by code, on Linux/macOS (errno) and Windows (GetLastError).
// Codes that mean different things on the two (5: EIO / access denied) are left to the text.
const osErrors: [MessageKey, number[], RegExp][] = [
  ["io.not_found", [2, 3], /no such file|not found|cannot find/i],
  ["io.permission_denied", [13], /permission denied|access is denied/i],
  ["io.not_a_directory", [20, 267], /not a directory/i],
  ["io.disk_full", [28, 112], /no space left|not enough space|disk full/i],
];

/** A file's failure in the interface language when it is a common OS error, else the engine's text. */
export function failureText(message: string): string {
  const code = Number(/\(os error (\d+)\)/.exec(message)?.[1] ?? NaN);
  for (const [key, codes, pattern] of osErrors) {
    if (pattern.test(message) || codes.includes(code)) return t(key);
  }
  return message;
}

/** The app's one Library state: an import goes on, with its progress and its Cancel button,
 *  while other screens are shown, and is still there when the Library comes back. */
export const libraryState = new LibraryState();
