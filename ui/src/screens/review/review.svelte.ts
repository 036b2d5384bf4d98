// State of the Review screen: the card shown, whether its answer is revealed, the choice
// made on a multiple-choice card, and a tally of this sitting for the summary. Scheduling,
// intervals and grading all come from the engine; this only sequences the calls.
import type { CardSource, ChoiceGrade, Rating, ReviewNext, ReviewScope } from "../../lib/bindings";
import { api, toApiError, type ApiError } from "../../lib/api";
import { openSection } from "../../lib/navigation.svelte";

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

  /**
   * How many options the card asks for: a practice-exam question may take several (its
   * options come with the key, as on every multiple-choice card); other cards take one.
   */
  get chooseCount(): number {
    const card = this.card;
    if (!card || card.kind !== "mcq" || card.generator !== "question") return 1;
    return Math.max(1, card.options.filter((o) => o.is_correct).length);
  }

  /**
   * Picks option `index` of a multiple-choice card. With one answer to give the engine grades
   * it at once; with several the pick toggles, up to the count, until `check`.
   */
  async choose(index: number): Promise<void> {
    const card = this.card;
    if (this.phase !== "question" || !card || card.kind !== "mcq" || index >= card.options.length) return;
    if (this.chooseCount > 1) {
      if (this.selected.includes(index)) this.selected = this.selected.filter((i) => i !== index);
      else if (this.selected.length < this.chooseCount) this.selected = [...this.selected, index];
      return;
    }
    this.selected = [index];
    await this.grade();
  }

  /** Grades the options picked on a card that takes several (once all are picked). */
  async check(): Promise<void> {
    if (this.phase !== "question" || this.chooseCount < 2 || this.selected.length !== this.chooseCount) return;
    await this.grade();
  }

  private async grade(): Promise<void> {
    const card = this.card;
    if (!card) return;
    try {
      this.choice = await api.gradeChoice(card.card_id, [...this.selected].sort((a, b) => a - b));
      this.phase = "answer";
    } catch (e) {
      this.fail(e);
    }
  }

  /**
   * Where the card came from (the note's sentence or table row, as the engine sends it), shown
   * once the answer is: before that it could give the answer away.
   */
  get source(): CardSource | null {
    return this.phase === "answer" ? (this.card?.source ?? null) : null;
  }

  /** Opens the section the shown source is in; the reader's back button returns here. */
  openSource(): void {
    const source = this.source;
    if (source) openSection(source.section_id, "review");
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
