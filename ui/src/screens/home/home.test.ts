import { describe, expect, it, vi } from "vitest";

const libraryInfo = vi.fn();
vi.mock("../../lib/bindings", () => ({ commands: { libraryInfo: () => libraryInfo() } }));

import { HomeState } from "./home.svelte";

/** A successful `library_info` answer with these counts. */
function infoWith(counts: { documents: number; sections: number; cards: number; reviews: number }) {
  return {
    status: "ok",
    data: { data_dir: "/d", database_path: "/d/stratus.sqlite3", schema_version: 9, sqlite_version: "3.50.2", counts },
  };
}

describe("HomeState", () => {
  it("holds the counts the backend returns", async () => {
    libraryInfo.mockResolvedValueOnce(infoWith({ documents: 3, sections: 40, cards: 120, reviews: 7 }));
    const home = new HomeState();
    await home.load();
    expect(home.error).toBeNull();
    expect(home.info?.counts.sections).toBe(40);
  });

  it("keeps the error when the library is unavailable", async () => {
    libraryInfo.mockResolvedValueOnce({ status: "error", error: { kind: "library_unavailable", message: "bad file" } });
    const home = new HomeState();
    await home.load();
    expect(home.info).toBeNull();
    expect(home.error?.kind).toBe("library_unavailable");
    expect(home.error?.detail).toBe("bad file");
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
