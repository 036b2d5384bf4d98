// State of the Home screen: the library summary and what is due today, from the backend.
import type { LibraryInfo, ReviewCounts } from "../../lib/bindings";
import { api, toApiError, type ApiError } from "../../lib/api";

/** What `review_next` answers. */
type ReviewNext = Awaited<ReturnType<typeof api.reviewNext>>;

/** Home's first library summary and due counts, asked for at start beside the preferences. */
let early: { info: Promise<LibraryInfo>; next: Promise<ReviewNext>; at: number } | null = null;

/** How long answers asked for at start may stand in for fresh ones. */
const EARLY_FOR_MS = 5_000;

/**
 * Asks for the library summary and what is due as the app starts (main.ts), so that they
 * travel beside the saved preferences and are computed while the shell is first drawn,
 * instead of after; Home's first load takes them.
 */
export function prefetchHomeInfo(): void {
  const info = api.libraryInfo();
  const next = api.reviewNext({ kind: "all" });
  // A failure is the first load's to report.
  info.catch(() => {});
  next.catch(() => {});
  early = { info, next, at: performance.now() };
}

/** The answers asked for at start, once, if they are recent (else fresh ones are asked for). */
function takeEarly(): { info: Promise<LibraryInfo>; next: Promise<ReviewNext> } | null {
  const taken = early;
  early = null;
  return taken && performance.now() - taken.at < EARLY_FOR_MS ? taken : null;
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
    const taken = takeEarly();
    try {
      this.info = await (taken?.info ?? api.libraryInfo());
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
      const next = await (taken?.next ?? api.reviewNext({ kind: "all" }));
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
