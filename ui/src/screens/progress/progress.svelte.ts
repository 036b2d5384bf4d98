// State of the Progress screen: the engine's statistics for all exams or one.
import type { ProgressStats } from "../../lib/bindings";
import { api, toApiError, type ApiError } from "../../lib/api";

export const EXAMS = ["", "CLF", "SAA", "DVA", "SOA"] as const;

export class ProgressState {
  exam = $state<(typeof EXAMS)[number]>("");
  stats = $state<ProgressStats | null>(null);
  error = $state<ApiError | null>(null);

  async load(): Promise<void> {
    try {
      this.stats = await api.progressStats(this.exam === "" ? null : this.exam);
      this.error = null;
    } catch (e) {
      this.error = toApiError(e);
    }
  }
}
