import { describe, expect, it, vi, beforeEach } from "vitest";
import type {
  AnswerResult,
  AppError,
  CardKind,
  ChoiceGrade,
  ReviewCard_Serialize,
  ReviewNext_Serialize,
  UndoResult,
} from "../../lib/bindings";

const commands = vi.hoisted(() => ({
  reviewNext: vi.fn(),
  answerCard: vi.fn(),
  gradeChoice: vi.fn(),
  undoReview: vi.fn(),
  buryCard: vi.fn(),
  suspendInReview: vi.fn(),
}));
vi.mock("../../lib/bindings", () => ({ commands }));

import { ReviewState } from "./review.svelte";
import { navigation } from "../../lib/navigation.svelte";

function card(kind: CardKind, id = "c1") {
  return {
    card_id: id,
    queue: "new",
    phase: "new",
    kind,
    generator: kind === "mcq" ? "explicit" : "table",
    prompt: kind === "cloze" ? "Spot notice is [...] ahead" : "Q?",
    answer: "2 minutes",
    options:
      kind === "mcq"
        ? [
            { text: "a", is_correct: false, explanation: null },
            { text: "b", is_correct: true, explanation: null },
          ]
        : [],
    explanation: null,
    heading_path: ["EC2", "Spot"],
    exams: ["SAA"],
    topics: [],
    section_id: 4,
    document_id: 1,
    source_line: 10,
    source: { section_id: 4, heading_path: ["EC2", "Spot"], line: 10, text: "Spot notice is 2 minutes ahead.", cells: [] },
    review_count: 0,
    lapse_count: 0,
    retrievability: null,
    buttons: [],
  } satisfies ReviewCard_Serialize;
}
const ok = <T>(data: T) => ({ status: "ok" as const, data });
const failure = (error: AppError) => ({ status: "error" as const, error });
const next = (c: ReviewCard_Serialize | null) =>
  ok({ card: c, counts: { new: 3, learning: 0, review: 0 }, next_due_at: null, study_day: "2026-12-01" } satisfies ReviewNext_Serialize);
const answered = (card_id: string) =>
  ({
    review_id: 1,
    card_id,
    rating: "good",
    phase: "learning",
    due_at: "2026-12-01T00:10:00Z",
    interval_secs: 600,
    label: "10m",
    stability_days: null,
    difficulty: null,
  }) satisfies AnswerResult;

describe("ReviewState", () => {
  beforeEach(() => Object.values(commands).forEach((f) => f.mockReset()));

  it("reveals a basic card, records the rating with the time shown, and loads the next", async () => {
    let t = 1000;
    const state = new ReviewState(() => t);
    commands.reviewNext.mockResolvedValueOnce(next(card("basic"))).mockResolvedValueOnce(next(null));
    commands.answerCard.mockResolvedValue(ok(answered("c1")));
    await state.load();
    expect(state.phase).toBe("question");
    await state.answer("good");
    expect(commands.answerCard).not.toHaveBeenCalled();
    state.reveal();
    expect(state.phase).toBe("answer");
    t = 4500;
    await state.answer("good");
    expect(commands.answerCard).toHaveBeenCalledWith("c1", "good", 3500);
    expect(state.tally.good).toBe(1);
    expect(state.phase).toBe("done");
  });

  it("grades a multiple-choice pick through the engine and suggests its rating", async () => {
    const state = new ReviewState();
    commands.reviewNext.mockResolvedValueOnce(next(card("mcq")));
    commands.gradeChoice.mockResolvedValue(ok({ is_correct: false, suggested_rating: "again", correct_indices: [1] } satisfies ChoiceGrade));
    await state.load();
    state.reveal();
    expect(state.phase).toBe("question");
    await state.choose(0);
    expect(commands.gradeChoice).toHaveBeenCalledWith("c1", [0]);
    expect(state.phase).toBe("answer");
    expect(state.suggested).toBe("again");
    expect(state.selected).toEqual([0]);
  });

  it("shows where a card came from only once it is answered, and opens that section", async () => {
    const state = new ReviewState();
    const row: ReviewCard_Serialize = {
      ...card("mcq"),
      source: {
        section_id: 9,
        heading_path: ["S3", "Storage classes"],
        line: 14,
        text: "",
        cells: [
          { header: "Class", value: "Standard-IA" },
          { header: "Minimum days", value: "30" },
        ],
      },
    };
    commands.reviewNext.mockResolvedValueOnce(next(row));
    commands.gradeChoice.mockResolvedValue(ok({ is_correct: true, suggested_rating: "good", correct_indices: [1] } satisfies ChoiceGrade));
    await state.load();
    expect(state.source).toBeNull();
    state.openSource();
    expect(navigation.sectionId).toBeNull();
    await state.choose(1);
    expect(state.source?.cells.map((c) => `${c.header}: ${c.value}`)).toEqual(["Class: Standard-IA", "Minimum days: 30"]);
    navigation.screen = "review";
    state.openSource();
    expect(navigation).toMatchObject({ screen: "search", sectionId: 9, returnTo: "review" });
  });

  it("a practice-exam question with two answers takes two picks, graded together", async () => {
    const state = new ReviewState();
    const question: ReviewCard_Serialize = {
      ...card("mcq", "q1"),
      generator: "question",
      explanation: "why",
      options: [
        { text: "a", is_correct: true, explanation: "right" },
        { text: "b", is_correct: false, explanation: "wrong" },
        { text: "c", is_correct: true, explanation: "right" },
      ],
    };
    commands.reviewNext.mockResolvedValueOnce(next(question));
    commands.gradeChoice.mockResolvedValue(ok({ is_correct: true, suggested_rating: "good", correct_indices: [0, 2] } satisfies ChoiceGrade));
    await state.load();
    expect(state.chooseCount).toBe(2);
    await state.choose(2);
    await state.check();
    expect(commands.gradeChoice).not.toHaveBeenCalled();
    await state.choose(1);
    await state.choose(1);
    await state.choose(0);
    await state.choose(1);
    expect(state.selected).toEqual([2, 0]);
    await state.check();
    expect(commands.gradeChoice).toHaveBeenCalledWith("q1", [0, 2]);
    expect(state.phase).toBe("answer");
    expect(state.suggested).toBe("good");
  });

  it("undo brings the previous card back", async () => {
    const state = new ReviewState();
    commands.reviewNext.mockResolvedValueOnce(next(card("basic", "c2"))).mockResolvedValueOnce(next(card("basic", "c1")));
    commands.undoReview.mockResolvedValue(ok({ action: "answer", card_id: "c1", remaining: 0 } satisfies UndoResult));
    await state.load();
    await state.undo();
    expect(state.card?.card_id).toBe("c1");
    expect(state.tally.undone).toBe(1);
  });

  it("keeps the backend's error", async () => {
    const state = new ReviewState();
    commands.reviewNext.mockResolvedValueOnce(failure({ kind: "invalid_input", message: "unknown exam code: XYZ" }));
    await state.setScope({ kind: "exam", exam: "XYZ" });
    expect(state.error?.kind).toBe("invalid_input");
  });
});
