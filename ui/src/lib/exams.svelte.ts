// The exams Stratus knows (codes, short tags, names), from the engine's exam guides — the one
// source of truth for exam lists in the UI. Loaded once and shared by every screen's filter.
import type { ExamGuide } from "./bindings";
import { api } from "./api";

class ExamList {
  /** Every exam guide, in the engine's order; empty until loaded (or if loading failed). */
  guides = $state<ExamGuide[]>([]);
  #pending: Promise<void> | null = null;

  /** The short codes notes use in tags (`SAA`), in the engine's order. */
  get shortCodes(): string[] {
    return this.guides.map((g) => g.short);
  }

  /** Loads the guides once; later calls share the first load. A failed load is retried next time. */
  load(): Promise<void> {
    this.#pending ??= Promise.resolve()
      .then(() => api.examGuides())
      .then((guides) => {
        this.guides = guides;
      })
      .catch(() => {
        this.#pending = null;
      });
    return this.#pending;
  }
}

export const exams = new ExamList();
