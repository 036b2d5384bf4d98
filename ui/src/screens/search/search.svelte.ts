// State of the Search screen: the query, its filters and the results, searched as the
// learner types (debounced), with stale responses dropped.
import type { SearchResults, SearchScope } from "../../lib/bindings";
import { api, toApiError, type ApiError } from "../../lib/api";

export class SearchState {
  text = $state("");
  /** An exam's short code (`SAA`), or "" for every exam. */
  exam = $state("");
  scope = $state<SearchScope>("all");
  results = $state<SearchResults | null>(null);
  error = $state<ApiError | null>(null);
  busy = $state(false);

  #timer: ReturnType<typeof setTimeout> | undefined;
  #generation = 0;

  constructor(private readonly delayMs = 150) {}

  /** Schedules a search after a short pause in typing. */
  schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.run(), this.delayMs);
  }

  /** Searches for `text` now (a suggestion the learner picked). */
  searchFor(text: string): Promise<void> {
    this.text = text;
    return this.run();
  }

  /** Searches now; a response that arrives after a newer request is ignored. */
  async run(): Promise<void> {
    clearTimeout(this.#timer);
    const generation = ++this.#generation;
    if (this.text.trim() === "") {
      this.results = null;
      this.error = null;
      return;
    }
    this.busy = true;
    try {
      const results = await api.search({
        text: this.text,
        exam: this.exam === "" ? null : this.exam,
        document_id: null,
        scope: this.scope,
        limit: 30,
      });
      if (generation !== this.#generation) return;
      this.results = results;
      this.error = null;
    } catch (e) {
      if (generation !== this.#generation) return;
      this.error = toApiError(e);
    } finally {
      if (generation === this.#generation) this.busy = false;
    }
  }
}
