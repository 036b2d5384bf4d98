// State of the Review screen: the card shown, whether its answer is revealed, the choice
// made on a multiple-choice card, and a tally of this sitting for the summary. Scheduling,
// intervals and grading all come from the engine; this only sequences the calls.
import type { ChoiceGrade, Rating, ReviewNext, ReviewScope } from "../../lib/bindings";
import { api, toApiError, type ApiError } from "../../lib/api";

export type ReviewPhase = "loading" | "question" | "answer" | "done";

export const RATINGS: Rating[] = ["again", "hard", "good", "easy"];

export class ReviewState {
  scope = $state<ReviewScope>({ kind: "all" });
  next = $state<ReviewNext | null>(null);
  phase = $state<ReviewPhase>("loading");
  choice = $state<ChoiceGrade | null>(null);
  selected = $state<number[]>([]);
  error = $state<ApiError | null>(null);
  tally = $state({ again: 0, hard: 0, good: 0, easy: 0, answered: 0, undone: 0, ms: 0 });
  busy = $state(false);

  #shownAt = 0;

  constructor(private readonly now: () => number = () => Date.now()) {}

  get card() {
    return this.next?.card ?? null;
  }

  /** Fetches the next card of the scope. */
  async load(): Promise<void> {
    try {
      this.next = await api.reviewNext(this.scope);
      this.choice = null;
      this.selected = [];
      this.error = null;
      this.phase = this.next.card ? "question" : "done";
      this.#shownAt = this.now();
    } catch (e) {
      this.fail(e);
    }
  }

  /** Changes the scope and starts over in it. */
  async setScope(scope: ReviewScope): Promise<void> {
    this.scope = scope;
    this.phase = "loading";
    await this.load();
  }

  /** Shows the answer of a basic, reverse or cloze card. */
  reveal(): void {
    if (this.phase === "question" && this.card && this.card.kind !== "mcq") this.phase = "answer";
  }

  /** Picks option `index` of a multiple-choice card; the engine grades it. */
  async choose(index: number): Promise<void> {
    const card = this.card;
    if (this.phase !== "question" || !card || card.kind !== "mcq" || index >= card.options.length) return;
    try {
      this.selected = [index];
      this.choice = await api.gradeChoice(card.card_id, [index]);
      this.phase = "answer";
    } catch (e) {
      this.fail(e);
    }
  }

  /** The rating to record when the learner just confirms (the engine's suggestion). */
  get suggested(): Rating {
    return this.choice?.suggested_rating ?? "good";
  }

  /** Records a rating for the card shown and moves on. */
  async answer(rating: Rating): Promise<void> {
    const card = this.card;
    if (this.phase !== "answer" || !card || this.busy) return;
    this.busy = true;
    try {
      const duration = Math.max(0, Math.round(this.now() - this.#shownAt));
      await api.answerCard(card.card_id, rating, duration);
      this.tally[rating] += 1;
      this.tally.answered += 1;
      this.tally.ms += duration;
      await this.load();
    } catch (e) {
      this.fail(e);
    } finally {
      this.busy = false;
    }
  }

  /** Takes back the last step; the card comes back. */
  async undo(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      await api.undoReview();
      this.tally.undone += 1;
      await this.load();
    } catch (e) {
      this.fail(e);
    } finally {
      this.busy = false;
    }
  }

  async bury(): Promise<void> {
    const card = this.card;
    if (!card) return;
    try {
      await api.buryCard(card.card_id);
      await this.load();
    } catch (e) {
      this.fail(e);
    }
  }

  async suspend(): Promise<void> {
    const card = this.card;
    if (!card) return;
    try {
      await api.suspendInReview(card.card_id);
      await this.load();
    } catch (e) {
      this.fail(e);
    }
  }

  private fail(e: unknown) {
    this.error = toApiError(e);
  }
}
