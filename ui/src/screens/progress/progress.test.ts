// State of the Progress screen: the engine's statistics for all exams or one, the latest
// timed practice exam of each exam, the pass marks, and what a failure leaves behind.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type {
  AppError,
  AttemptStatus,
  AttemptSummary_Serialize,
  ExamGuide,
  ExamMode,
  ProgressStats_Serialize,
} from "../../lib/bindings";

const commands = vi.hoisted(() => ({
  progressStats: vi.fn(),
  examHistory: vi.fn(),
  examGuides: vi.fn(),
}));
vi.mock("../../lib/bindings", () => ({ commands }));

import { ProgressState } from "./progress.svelte";

const ok = <T>(data: T) => ({ status: "ok" as const, data });
const failure = (error: AppError) => ({ status: "error" as const, error });

function stats(exam: string | null) {
  return {
    today: "2026-12-01",
    exam,
    exams: [],
    topics: [],
    weakest_topics: [],
    activity: { days: [], current_streak_days: 2, longest_streak_days: 5, reviews_365d: 40, active_days_365d: 6, duration_ms_365d: 3_600_000, forecast: [] },
    weights_source: "AWS exam guides",
    weights_checked: "2026-11-01",
  } satisfies ProgressStats_Serialize;
}

function attempt(id: number, exam: string, mode: ExamMode, status: AttemptStatus, percent: number) {
  return {
    id,
    exam,
    mode,
    status,
    started_at: `2026-11-${String(id).padStart(2, "0")}T09:00:00Z`,
    submitted_at: status === "in_progress" ? null : `2026-11-${String(id).padStart(2, "0")}T10:00:00Z`,
    total: 10,
    answered: 10,
    correct: status === "in_progress" ? null : percent / 10,
    percent: status === "in_progress" ? null : percent,
    estimated_score: status === "in_progress" ? null : 100 + 9 * percent,
    passed: status === "in_progress" ? null : percent >= 72,
    elapsed_ms: 600_000,
    domains: [],
  } satisfies AttemptSummary_Serialize;
}

function guide(code: string, short: string, passing: number) {
  return {
    code,
    short,
    name: code,
    domains: [{ number: 1, name: "Domain one", weight_percent: 100 }],
    question_count: 65,
    scored_question_count: 50,
    duration_minutes: 130,
    passing_score: passing,
  } satisfies ExamGuide;
}

describe("ProgressState", () => {
  beforeEach(() => {
    commands.progressStats.mockReset();
    commands.examHistory.mockReset();
    commands.examGuides.mockReset();
    commands.examGuides.mockResolvedValue([guide("SAA-C03", "SAA", 720), guide("CLF-C02", "CLF", 700)]);
    commands.examHistory.mockResolvedValue(ok([] satisfies AttemptSummary_Serialize[]));
  });

  it("asks for the whole library, then for one exam", async () => {
    commands.progressStats.mockResolvedValueOnce(ok(stats(null)));
    const state = new ProgressState();
    await state.load();
    expect(commands.progressStats).toHaveBeenLastCalledWith(null);
    expect(state.stats?.exam).toBeNull();

    commands.progressStats.mockResolvedValueOnce(ok(stats("SAA-C03")));
    state.exam = "SAA";
    await state.load();
    expect(commands.progressStats).toHaveBeenLastCalledWith("SAA");
    expect(state.stats?.exam).toBe("SAA-C03");
    expect(state.error).toBeNull();
  });

  it("keeps the newest finished timed exam of each exam and the pass marks", async () => {
    commands.progressStats.mockResolvedValueOnce(ok(stats(null)));
    // Newest first, as the engine lists them.
    commands.examHistory.mockResolvedValueOnce(
      ok([
        attempt(9, "SAA-C03", "exam", "in_progress", 0),
        attempt(8, "SAA-C03", "practice", "submitted", 90),
        attempt(7, "SAA-C03", "exam", "submitted", 80),
        attempt(6, "SAA-C03", "exam", "submitted", 50),
        attempt(5, "CLF-C02", "exam", "submitted", 65),
      ]),
    );
    const state = new ProgressState();
    await state.load();
    expect(commands.examHistory).toHaveBeenCalledWith(null);
    expect(Object.keys(state.latestExams).sort()).toEqual(["CLF-C02", "SAA-C03"]);
    expect(state.latestExams["SAA-C03"]?.id).toBe(7);
    expect(state.latestExams["CLF-C02"]?.id).toBe(5);
    expect(state.passMarks).toEqual({ "SAA-C03": 720, "CLF-C02": 700 });
  });

  it("keeps the engine's error kind and detail when the statistics fail", async () => {
    commands.progressStats.mockResolvedValueOnce(failure({ kind: "invalid_input", message: "unknown exam code: XYZ" }));
    const state = new ProgressState();
    await state.load();
    expect(state.stats).toBeNull();
    expect(state.error?.kind).toBe("invalid_input");
    expect(state.error?.detail).toBe("unknown exam code: XYZ");
  });

  it("clears an old error once the statistics load again", async () => {
    commands.progressStats.mockResolvedValueOnce(failure({ kind: "db", message: "database is locked" }));
    const state = new ProgressState();
    await state.load();
    expect(state.error?.kind).toBe("db");
    commands.progressStats.mockResolvedValueOnce(ok(stats(null)));
    await state.load();
    expect(state.error).toBeNull();
    expect(state.stats?.activity.longest_streak_days).toBe(5);
  });

  it("shows the statistics without exam results when the history fails", async () => {
    commands.progressStats.mockResolvedValueOnce(ok(stats(null)));
    commands.examHistory.mockResolvedValueOnce(failure({ kind: "db", message: "database is locked" }));
    const state = new ProgressState();
    state.latestExams = { "SAA-C03": attempt(7, "SAA-C03", "exam", "submitted", 80) };
    await state.load();
    expect(state.stats?.today).toBe("2026-12-01");
    expect(state.error).toBeNull();
    expect(state.latestExams).toEqual({});
  });
});
