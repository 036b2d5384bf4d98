import { beforeEach, describe, expect, it, vi } from "vitest";

const libraryInfo = vi.fn();
const reviewNext = vi.fn();
vi.mock("../../lib/bindings", () => ({
  commands: { libraryInfo: () => libraryInfo(), reviewNext: (scope: unknown) => reviewNext(scope) },
}));

import type { AppError, LibraryInfo, ReviewCard_Serialize, ReviewCounts, ReviewNext_Serialize } from "../../lib/bindings";
import { HomeState, prefetchHomeInfo } from "./home.svelte";

/** A successful `library_info` answer with these counts. */
function infoWith(counts: LibraryInfo["counts"]) {
  return {
    status: "ok",
    data: {
      data_dir: "/d",
      database_path: "/d/stratus.sqlite3",
      schema_version: 10,
      sqlite_version: "3.50.2",
      counts,
    } satisfies LibraryInfo,
  };
}

/** A card the reviewer could show now. */
const card = {
  card_id: "c1",
  queue: "new",
  phase: "new",
  kind: "basic",
  generator: "definition",
  prompt: "What is S3 Glacier Deep Archive?",
  answer: "The cheapest archive class",
  options: [],
  explanation: null,
  heading_path: ["S3"],
  exams: ["SAA"],
  topics: ["s3"],
  section_id: 4,
  document_id: 1,
  source_line: 10,
  source: null,
  review_count: 0,
  lapse_count: 0,
  retrievability: null,
  buttons: [],
} satisfies ReviewCard_Serialize;

/** A successful `review_next` answer with these counts and the card shown now, if any. */
function dueWith(counts: ReviewCounts, shown: ReviewCard_Serialize | null, nextDueAt: string | null = null) {
  return {
    status: "ok",
    data: { card: shown, counts, next_due_at: nextDueAt, study_day: "2026-12-01" } satisfies ReviewNext_Serialize,
  };
}

/** A failed command with this error. */
const failure = (error: AppError) => ({ status: "error", error });

describe("HomeState", () => {
  beforeEach(() => {
    reviewNext.mockReset();
    reviewNext.mockResolvedValue(dueWith({ new: 0, learning: 0, review: 0 }, null));
  });

  it("holds what is due today over the whole library", async () => {
    libraryInfo.mockResolvedValueOnce(infoWith({ documents: 3, sections: 40, cards: 120, reviews: 7 }));
    reviewNext.mockResolvedValueOnce(dueWith({ new: 20, learning: 2, review: 5 }, card));
    const home = new HomeState();
    await home.load();
    expect(reviewNext).toHaveBeenCalledWith({ kind: "all" });
    expect(home.due).toEqual({ new: 20, learning: 2, review: 5 });
    expect(home.hasCards).toBe(true);
    expect(home.hasCardNow).toBe(true);
  });

  it("knows when nothing is due now and when the next learning card comes back", async () => {
    libraryInfo.mockResolvedValueOnce(infoWith({ documents: 3, sections: 40, cards: 120, reviews: 7 }));
    // A learning card later today is counted, but no card is shown now.
    reviewNext.mockResolvedValueOnce(dueWith({ new: 0, learning: 1, review: 0 }, null, "2026-12-02T10:00:00Z"));
    const home = new HomeState();
    await home.load();
    expect(home.due?.learning).toBe(1);
    expect(home.hasCardNow).toBe(false);
    expect(home.nextDueAt).toBe("2026-12-02T10:00:00Z");
  });

  it("has nothing to study in a library without cards", async () => {
    libraryInfo.mockResolvedValueOnce(infoWith({ documents: 0, sections: 0, cards: 0, reviews: 0 }));
    const home = new HomeState();
    await home.load();
    expect(home.hasCards).toBe(false);
    expect(home.hasCardNow).toBe(false);
  });

  it("keeps the library counts when the review queue fails", async () => {
    libraryInfo.mockResolvedValueOnce(infoWith({ documents: 3, sections: 40, cards: 120, reviews: 7 }));
    reviewNext.mockResolvedValueOnce(failure({ kind: "db", message: "database is locked" }));
    const home = new HomeState();
    await home.load();
    expect(home.info?.counts.cards).toBe(120);
    expect(home.error).toBeNull();
    expect(home.due).toBeNull();
    expect(home.hasCardNow).toBe(false);
  });

  it("takes the summary and due counts asked for at start once, then asks again", async () => {
    libraryInfo.mockReset();
    libraryInfo.mockResolvedValueOnce(infoWith({ documents: 1, sections: 2, cards: 3, reviews: 4 }));
    libraryInfo.mockResolvedValueOnce(infoWith({ documents: 5, sections: 6, cards: 7, reviews: 8 }));
    reviewNext.mockReset();
    reviewNext.mockResolvedValueOnce(dueWith({ new: 3, learning: 0, review: 0 }, null));
    reviewNext.mockResolvedValueOnce(dueWith({ new: 7, learning: 1, review: 0 }, null));
    prefetchHomeInfo();
    // Both are asked for at once, before Home loads.
    expect(libraryInfo).toHaveBeenCalledTimes(1);
    expect(reviewNext).toHaveBeenCalledTimes(1);
    expect(reviewNext).toHaveBeenCalledWith({ kind: "all" });
    const first = new HomeState();
    await first.load();
    expect(libraryInfo).toHaveBeenCalledTimes(1);
    expect(reviewNext).toHaveBeenCalledTimes(1);
    expect(first.info?.counts.cards).toBe(3);
    expect(first.due?.new).toBe(3);
    const second = new HomeState();
    await second.load();
    expect(libraryInfo).toHaveBeenCalledTimes(2);
    expect(reviewNext).toHaveBeenCalledTimes(2);
    expect(second.info?.counts.cards).toBe(7);
    expect(second.due?.new).toBe(7);
  });

  it("reports a failure of the summary asked for at start", async () => {
    libraryInfo.mockReset();
    libraryInfo.mockResolvedValueOnce(failure({ kind: "library_unavailable", message: "bad file" }));
    prefetchHomeInfo();
    const home = new HomeState();
    await home.load();
    expect(home.info).toBeNull();
    expect(home.error?.kind).toBe("library_unavailable");
  });

  it("holds the counts the backend returns", async () => {
    libraryInfo.mockResolvedValueOnce(infoWith({ documents: 3, sections: 40, cards: 120, reviews: 7 }));
    const home = new HomeState();
    await home.load();
    expect(home.error).toBeNull();
    expect(home.info?.counts.sections).toBe(40);
  });

  it("keeps the error when the library is unavailable", async () => {
    libraryInfo.mockResolvedValueOnce(failure({ kind: "library_unavailable", message: "bad file" }));
    const home = new HomeState();
    await home.load();
    expect(home.info).toBeNull();
    expect(home.error?.kind).toBe("library_unavailable");
    expect(home.error?.detail).toBe("bad file");
    expect(reviewNext).not.toHaveBeenCalled();
    expect(home.due).toBeNull();
  });

  it("shows the library and a notice once it was restored", async () => {
    libraryInfo.mockResolvedValueOnce(infoWith({ documents: 1, sections: 3, cards: 5, reviews: 0 }));
    const home = new HomeState();
    home.error = null;
    await home.recovered("Restored");
    expect(home.notice).toBe("Restored");
    expect(home.info?.counts.documents).toBe(1);
    expect(home.error).toBeNull();
  });
});
