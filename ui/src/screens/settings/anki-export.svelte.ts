// State of Settings → Export to Anki: which cards (exam, topic), which file and format,
// and what the last export wrote or why it failed. A file already at the path is kept until
// the learner confirms replacing it.
import type { AnkiExportReport, ExportFormat } from "../../lib/bindings";
import { api, toApiError, type ApiError } from "../../lib/api";

export class AnkiExportState {
  /** An exam's full code (`SAA-C03`), or "" for every exam. */
  exam = $state("");
  topic = $state("");
  format = $state<ExportFormat>("apkg");
  path = $state("");
  running = $state(false);
  report = $state<AnkiExportReport | null>(null);
  error = $state<ApiError | null>(null);
  /** The path of an existing file the export would replace, waiting for a yes or no. */
  confirming = $state<string | null>(null);
  /** The path last picked in the system's save dialog, which has asked about replacing an
   *  existing file already: exporting to it does not ask again. */
  chosen = $state<string | null>(null);

  /** Takes the path picked in the save dialog. */
  choose(path: string): void {
    this.path = path;
    this.chosen = path;
  }

  /** The file name to offer: `stratus`, the exam and topic, and the format's extension. */
  suggestedName(): string {
    const parts = ["stratus", this.exam.toLowerCase(), this.topic.trim().toLowerCase()]
      .filter((p) => p !== "")
      .map((p) => p.replace(/[^\p{L}\p{N}-]+/gu, "-"));
    return `${parts.join("-")}.${this.format}`;
  }

  /** Chooses the format; a path typed or picked earlier gets the new extension. */
  setFormat(format: ExportFormat): void {
    this.format = format;
    if (this.path.trim() !== "") this.path = this.path.replace(/\.(apkg|csv)$/i, "") + `.${format}`;
  }

  /** Writes the export to `path`; the report or the error is kept for the screen. A file
   *  already there is replaced only with `replace`; otherwise its path waits in `confirming`. */
  async run(replace = false): Promise<void> {
    const path = this.path.trim();
    if (path === "" || this.running) return;
    this.running = true;
    this.error = null;
    this.report = null;
    this.confirming = null;
    // The dialog's answer holds for one export: the next one to that path asks again.
    replace ||= path === this.chosen;
    this.chosen = null;
    try {
      this.report = await api.exportAnki(
        { exam: this.exam === "" ? null : this.exam, topic: this.topic.trim() === "" ? null : this.topic.trim(), format: this.format },
        path,
        replace,
      );
    } catch (e) {
      const error = toApiError(e);
      if (error.kind === "already_exists" && !replace) this.confirming = path;
      else this.error = error;
    } finally {
      this.running = false;
    }
  }

  /** Replaces the existing file the learner was asked about. */
  async replaceExisting(): Promise<void> {
    if (this.confirming === null) return;
    this.path = this.confirming;
    await this.run(true);
  }

  /** Keeps the existing file; nothing is written. */
  cancelReplace(): void {
    this.confirming = null;
  }
}
