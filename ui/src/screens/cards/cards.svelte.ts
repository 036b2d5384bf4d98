// State of the Cards screen: one page of the engine's card browser, the filters and sort
// that produced it, the keyboard cursor and the checked rows, and bulk suspension. The
// engine filters, sorts, pages and cuts the text; this only holds what to ask for.
import {
  commands,
  type CardListItem_Serialize as CardListItem,
  type CardPage_Serialize as CardPage,
  type CardQuery_Deserialize as CardQuery,
  type CardSort,
  type CardState,
  type DocumentSummary,
  type ExamGuide,
} from "../../lib/bindings";
import { toApiError, unwrap, type ApiError } from "../../lib/api";
import { openSection } from "../../lib/navigation.svelte";

/** Rows per page. */
export const PAGE_SIZE = 50;

/** The states offered by the state filter, in the order shown. */
export const STATES: CardState[] = ["new", "learning", "review", "relearning", "suspended", "buried"];

/** What the last bulk action did, for the status line. */
export type BulkOutcome = { isSuspended: boolean; changed: number; asked: number };

export class CardsState {
  text = $state("");
  exam = $state("");
  documentId = $state<number | null>(null);
  state = $state<CardState | "">("");
  sort = $state<CardSort>("document");
  isDescending = $state(false);
  offset = $state(0);

  page = $state<CardPage | null>(null);
  error = $state<ApiError | null>(null);
  loading = $state(false);
  /** Exam guides for the exam filter (from the engine). */
  exams = $state<ExamGuide[]>([]);
  documents = $state<DocumentSummary[]>([]);

  /** Index of the row the keyboard is on, in the current page. */
  cursor = $state(0);
  /** Ids of the checked rows; kept across pages until the filters change. */
  selected = $state<string[]>([]);
  outcome = $state<BulkOutcome | null>(null);

  /** Ids of the request in flight, so an older answer never replaces a newer one. */
  private requestId = 0;

  get rows(): CardListItem[] {
    return this.page?.cards ?? [];
  }

  get total(): number {
    return this.page?.total ?? 0;
  }

  get current(): CardListItem | null {
    return this.rows[this.cursor] ?? null;
  }

  get hasPrevious(): boolean {
    return this.offset > 0;
  }

  get hasNext(): boolean {
    return this.offset + this.rows.length < this.total;
  }

  /** Whether every row of this page is checked. */
  get isPageSelected(): boolean {
    return this.rows.length > 0 && this.rows.every((r) => this.selected.includes(r.id));
  }

  /** The query the current filters make. */
  query(): CardQuery {
    return {
      exam: this.exam === "" ? null : this.exam,
      topic: null,
      document_id: this.documentId,
      states: this.state === "" ? [] : [this.state],
      due_before: null,
      min_lapses: null,
      text: this.text.trim() === "" ? null : this.text,
      sort: this.sort,
      is_descending: this.isDescending,
      offset: this.offset,
      limit: PAGE_SIZE,
    };
  }

  /** Loads the exam and document lists for the filters, then the first page. */
  async init(): Promise<void> {
    try {
      const [guides, documents] = await Promise.all([commands.examGuides(), commands.documents()]);
      this.exams = guides;
      this.documents = unwrap(documents);
    } catch (e) {
      this.error = toApiError(e);
    }
    await this.load();
  }

  /** Asks the engine for the page the filters describe. */
  async load(): Promise<void> {
    const id = ++this.requestId;
    this.loading = true;
    try {
      const page = unwrap(await commands.browseCards(this.query()));
      if (id !== this.requestId) return;
      this.page = page;
      this.error = null;
      this.cursor = Math.min(this.cursor, Math.max(0, page.cards.length - 1));
    } catch (e) {
      if (id !== this.requestId) return;
      this.error = toApiError(e);
    } finally {
      if (id === this.requestId) this.loading = false;
    }
  }

  /** A filter changed: back to the first page with nothing checked. */
  async refilter(): Promise<void> {
    this.offset = 0;
    this.cursor = 0;
    this.selected = [];
    this.outcome = null;
    await this.load();
  }

  /** Sorts by `sort`; the same column again flips the direction. */
  async sortBy(sort: CardSort): Promise<void> {
    if (this.sort === sort) {
      this.isDescending = !this.isDescending;
    } else {
      this.sort = sort;
      this.isDescending = false;
    }
    this.offset = 0;
    this.cursor = 0;
    await this.load();
  }

  async nextPage(): Promise<void> {
    if (!this.hasNext) return;
    this.offset += PAGE_SIZE;
    this.cursor = 0;
    await this.load();
  }

  async previousPage(): Promise<void> {
    if (!this.hasPrevious) return;
    this.offset = Math.max(0, this.offset - PAGE_SIZE);
    this.cursor = 0;
    await this.load();
  }

  /** Moves the keyboard cursor by `delta` rows, staying on the page. */
  move(delta: number): void {
    if (this.rows.length === 0) return;
    this.cursor = Math.min(this.rows.length - 1, Math.max(0, this.cursor + delta));
  }

  isSelected(id: string): boolean {
    return this.selected.includes(id);
  }

  toggle(id: string): void {
    this.selected = this.isSelected(id) ? this.selected.filter((s) => s !== id) : [...this.selected, id];
  }

  /** Checks every row of the page, or unchecks them when all are checked. */
  togglePage(): void {
    const ids = this.rows.map((r) => r.id);
    if (this.isPageSelected) {
      this.selected = this.selected.filter((s) => !ids.includes(s));
    } else {
      this.selected = [...this.selected, ...ids.filter((id) => !this.selected.includes(id))];
    }
  }

  /** The cards an action applies to: the checked ones, else the row under the cursor. */
  targets(): string[] {
    if (this.selected.length > 0) return [...this.selected];
    return this.current ? [this.current.id] : [];
  }

  /** Suspends (or unsuspends) the target cards in one step, then reloads the page. */
  async setSuspended(isSuspended: boolean): Promise<void> {
    const ids = this.targets();
    if (ids.length === 0) return;
    try {
      const changed = unwrap(await commands.setCardsSuspended(ids, isSuspended));
      this.outcome = { isSuspended, changed, asked: ids.length };
      this.error = null;
    } catch (e) {
      this.error = toApiError(e);
      return;
    }
    await this.load();
  }

  /**
   * The S key: suspends the targets, or unsuspends them when every one shown is suspended
   * already.
   */
  async toggleSuspended(): Promise<void> {
    const ids = this.targets();
    const shown = this.rows.filter((r) => ids.includes(r.id));
    const allSuspended = shown.length > 0 && shown.every((r) => r.is_suspended);
    await this.setSuspended(!allSuspended);
  }

  /** Opens the section a card was made from; its back button returns here. */
  openSource(row: CardListItem | null = this.current): void {
    if (row?.section_id == null) return;
    openSection(row.section_id, "cards");
  }
}

/** The one Cards screen state: it outlives the screen, so coming back from a card's section
 * finds the same filters, page and checked rows. */
export const cards = new CardsState();
