// State of the Progress screen: the engine's statistics for all exams or one, and the latest
// practice-exam result of each exam beside them.
import type { AttemptSummary_Serialize as AttemptSummary, ProgressStats } from "../../lib/bindings";
import { api, toApiError, type ApiError } from "../../lib/api";

export class ProgressState {
  /** An exam's short code (`SAA`), or "" for every exam. */
  exam = $state("");
  stats = $state<ProgressStats | null>(null);
  error = $state<ApiError | null>(null);
  /** The newest finished timed exam per exam code (`SAA-C03`). */
  latestExams = $state<Record<string, AttemptSummary>>({});
  /** Pass marks per exam code, from the exam guides. */
  passMarks = $state<Record<string, number>>({});

  async load(): Promise<void> {
    try {
      this.stats = await api.progressStats(this.exam === "" ? null : this.exam);
      this.error = null;
    } catch (e) {
      this.error = toApiError(e);
    }
    try {
      const [history, guides] = await Promise.all([api.examHistory(null), api.examGuides()]);
      const latest: Record<string, AttemptSummary> = {};
      // Newest first: the first finished timed attempt of each exam is its latest.
      for (const a of history) {
        if (a.mode === "exam" && a.status !== "in_progress" && !(a.exam in latest)) latest[a.exam] = a;
      }
      this.latestExams = latest;
      this.passMarks = Object.fromEntries(guides.map((g) => [g.code, g.passing_score]));
    } catch {
      // The figures above stand on their own; without the history the exam results stay empty.
      this.latestExams = {};
    }
  }
}
