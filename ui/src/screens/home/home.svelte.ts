// State of the Home screen: the library summary and what is due today, from the backend.
import type { LibraryInfo, ReviewCounts } from "../../lib/bindings";
import { api, toApiError, type ApiError } from "../../lib/api";

export class HomeState {
  info = $state<LibraryInfo | null>(null);
  error = $state<ApiError | null>(null);
  loading = $state(false);
  /** Cards due today over the whole library; null until known (or if the queue failed). */
  due = $state<ReviewCounts | null>(null);
  /** Whether the reviewer has a card to show right now. */
  hasCardNow = $state(false);
  /** When nothing is due now: the time the next learning card comes back today. */
  nextDueAt = $state<string | null>(null);
  /** A message about what just happened, such as a restore. */
  notice = $state<string | null>(null);

  /** Whether the library has any card to study at all. */
  get hasCards(): boolean {
    return (this.info?.counts.cards ?? 0) > 0;
  }

  async load(): Promise<void> {
    this.loading = true;
    try {
      this.info = await api.libraryInfo();
      this.error = null;
    } catch (e) {
      this.error = toApiError(e);
    } finally {
      this.loading = false;
    }
    if (this.error) {
      this.due = null;
      return;
    }
    try {
      const next = await api.reviewNext({ kind: "all" });
      this.due = next.counts;
      this.hasCardNow = next.card !== null;
      this.nextDueAt = next.next_due_at;
    } catch {
      // The counts above still help; the reviewer shows its own error.
      this.due = null;
      this.hasCardNow = false;
      this.nextDueAt = null;
    }
  }

  /** The library was restored from a backup: say so and show it. */
  async recovered(message: string): Promise<void> {
    this.notice = message;
    await this.load();
  }
}
