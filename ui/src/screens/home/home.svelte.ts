// State of the Home screen: the library summary and what is due today, from the backend.
import type { LibraryInfo, ReviewCounts } from "../../lib/bindings";
import { api, toApiError, type ApiError } from "../../lib/api";

/** Home's first library summary, asked for at start beside the saved preferences. */
let early: { info: Promise<LibraryInfo>; at: number } | null = null;

/** How long a summary asked for at start may stand in for a fresh one. */
const EARLY_FOR_MS = 5_000;

/**
 * Asks for the library summary as the app starts (main.ts), so that it travels beside the
 * saved preferences instead of after the shell is drawn; Home's first load takes it.
 */
export function prefetchHomeInfo(): void {
  const info = api.libraryInfo();
  // A failure is the first load's to report.
  info.catch(() => {});
  early = { info, at: performance.now() };
}

/** The summary asked for at start, once, if it is recent (else a fresh one is asked for). */
function takeEarlyInfo(): Promise<LibraryInfo> | null {
  const taken = early;
  early = null;
  return taken && performance.now() - taken.at < EARLY_FOR_MS ? taken.info : null;
}

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
      this.info = await (takeEarlyInfo() ?? api.libraryInfo());
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
