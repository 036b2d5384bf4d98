import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SearchQuery_Deserialize, SearchResults } from "../../lib/bindings";

const search = vi.fn();
vi.mock("../../lib/bindings", () => ({ commands: { search: (q: unknown) => search(q) } }));

import { SearchState } from "./search.svelte";

function results(query: string) {
  return {
    status: "ok" as const,
    data: {
      query,
      hits: [],
      corrections: [],
      is_relaxed: false,
      expansions: [],
      ignored_words: [],
      suggestions: [],
      is_truncated: false,
    } satisfies SearchResults,
  };
}

describe("SearchState", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    search.mockReset();
  });
  afterEach(() => vi.useRealTimers());

  it("waits for a pause in typing and sends one search with the filters", async () => {
    search.mockImplementation(async (q: SearchQuery_Deserialize) => results(q.text ?? ""));
    const state = new SearchState(150);
    state.text = "스";
    state.schedule();
    state.text = "스팟";
    state.exam = "SAA";
    state.schedule();
    expect(search).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(150);
    expect(search).toHaveBeenCalledTimes(1);
    expect(search.mock.calls[0]![0]).toMatchObject({ text: "스팟", exam: "SAA", scope: "all" } satisfies SearchQuery_Deserialize);
    expect(state.results?.query).toBe("스팟");
  });

  it("ignores a slow response that arrives after a newer one", async () => {
    let releaseFirst: (v: unknown) => void = () => {};
    search
      .mockImplementationOnce(() => new Promise((resolve) => (releaseFirst = resolve)))
      .mockImplementationOnce(async () => results("new"));
    const state = new SearchState(0);
    state.text = "old";
    const first = state.run();
    state.text = "new";
    await state.run();
    releaseFirst(results("old"));
    await first;
    expect(state.results?.query).toBe("new");
  });

  it("clears results for an empty query without calling the backend", async () => {
    const state = new SearchState(0);
    state.text = "   ";
    await state.run();
    expect(search).not.toHaveBeenCalled();
    expect(state.results).toBeNull();
  });

  it("searches a picked suggestion at once", async () => {
    search.mockImplementation(async (q: SearchQuery_Deserialize) => results(q.text ?? ""));
    const state = new SearchState(150);
    await state.searchFor("스팟");
    expect(search).toHaveBeenCalledTimes(1);
    expect(state.text).toBe("스팟");
    expect(state.results?.query).toBe("스팟");
  });
});
