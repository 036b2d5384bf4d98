// The reviewer's keys work right after the scope dropdown is used (issue #21, defect 2): focus
// goes back to the card instead of staying on the dropdown, where Space reopens it.
import { describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { tick } from "svelte";
import type { ExamGuide, ReviewCard_Serialize, ReviewNext_Serialize } from "../../lib/bindings";

const commands = vi.hoisted(() => ({
  reviewNext: vi.fn(),
  // The scope list comes from the engine's exam guides.
  examGuides: vi.fn(
    async () =>
      [
        { code: "CLF-C02", short: "CLF", name: "Cloud Practitioner", domains: [], question_count: 65, scored_question_count: 50, duration_minutes: 90, passing_score: 700 },
        { code: "SAA-C03", short: "SAA", name: "Solutions Architect – Associate", domains: [], question_count: 65, scored_question_count: 50, duration_minutes: 130, passing_score: 720 },
      ] satisfies ExamGuide[],
  ),
}));
vi.mock("../../lib/bindings", () => ({ commands }));

import ReviewScreen from "./ReviewScreen.svelte";
import { navigation } from "../../lib/navigation.svelte";

const card = {
  card_id: "c1",
  queue: "new",
  phase: "new",
  kind: "basic",
  generator: "explicit",
  prompt: "Q?",
  answer: "A",
  options: [],
  explanation: null,
  heading_path: ["EC2"],
  exams: ["SAA"],
  topics: [],
  section_id: 4,
  document_id: 1,
  source_line: 10,
  source: { section_id: 4, heading_path: ["EC2", "Spot"], line: 10, text: "Spot notice is 2 minutes ahead.", cells: [] },
  review_count: 0,
  lapse_count: 0,
  retrievability: null,
  buttons: [
    { rating: "again", interval_secs: 60, label: "1m", due_at: "2026-12-01T00:01:00Z" },
    { rating: "hard", interval_secs: 360, label: "6m", due_at: "2026-12-01T00:06:00Z" },
    { rating: "good", interval_secs: 600, label: "10m", due_at: "2026-12-01T00:10:00Z" },
    { rating: "easy", interval_secs: 864000, label: "10d", due_at: "2026-12-11T00:00:00Z" },
  ],
} satisfies ReviewCard_Serialize;
const next = {
  status: "ok" as const,
  data: { card, counts: { new: 3, learning: 0, review: 0 }, next_due_at: null, study_day: "2026-12-01" } satisfies ReviewNext_Serialize,
};

async function settle() {
  for (let i = 0; i < 5; i++) {
    await tick();
    await new Promise((r) => setTimeout(r, 0));
  }
}

describe("ReviewScreen", () => {
  it("returns focus to the card after a scope change, so Space reveals the answer at once", async () => {
    commands.reviewNext.mockResolvedValue(next);
    render(ReviewScreen);
    await settle();
    const scope = screen.getByTestId("review-scope") as HTMLSelectElement;
    scope.focus();
    scope.value = "SAA";
    await fireEvent.change(scope);
    await settle();
    expect(commands.reviewNext).toHaveBeenLastCalledWith({ kind: "exam", exam: "SAA" });
    expect(document.activeElement).toBe(screen.getByTestId("review-card"));

    await fireEvent.keyDown(document.activeElement!, { key: " " });
    await settle();
    expect(screen.getByTestId("review-card").dataset.phase).toBe("answer");

    // The rating buttons give their intervals in the interface language (defect 10).
    const intervals = ["again", "hard", "good", "easy"].map((r) => screen.getByTestId(`grade-${r}`).querySelector(".interval")?.textContent);
    expect(intervals).toEqual(["1분", "6분", "10분", "10일"]);
  });

  it("shows the note's line with the answer (issue #21, defect 9) and links to its section", async () => {
    cleanup();
    commands.reviewNext.mockResolvedValue(next);
    render(ReviewScreen);
    await settle();
    expect(screen.queryByTestId("review-source")).toBeNull();
    await fireEvent.keyDown(screen.getByTestId("review-card"), { key: " " });
    await settle();
    expect(screen.getByTestId("review-source-text").textContent).toBe("Spot notice is 2 minutes ahead.");
    expect(screen.getByTestId("review-source").textContent).toContain("EC2 › Spot");
    await fireEvent.click(screen.getByTestId("review-source-link"));
    expect(navigation).toMatchObject({ screen: "search", sectionId: 4, returnTo: "review" });
  });
});
