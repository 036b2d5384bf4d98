import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type {
  AttemptQuestion_Serialize,
  AttemptSummary_Serialize,
  ExamAttempt_Serialize,
  ExamGuide,
  ExamReport_Serialize,
  SourceSection,
} from "../../lib/bindings";

const commands = vi.hoisted(() => ({
  examGuides: vi.fn(),
  startExam: vi.fn(),
  examAttempt: vi.fn(),
  resumeExam: vi.fn(),
  pauseExam: vi.fn(),
  examGoto: vi.fn(),
  answerExamQuestion: vi.fn(),
  flagExamQuestion: vi.fn(),
  submitExam: vi.fn(),
  examReport: vi.fn(),
  examHistory: vi.fn(),
  examInProgress: vi.fn(),
  listQuestions: vi.fn(),
  questionSource: vi.fn(),
}));
vi.mock("../../lib/bindings", () => ({ commands }));

import { navigation } from "../../lib/navigation.svelte";
import { ExamState, HEARTBEAT_MS, answerCounts, examKey, formatClock, navStatus } from "./exam.svelte";

const ok = <T>(data: T) => ({ status: "ok" as const, data });

const guide = {
  code: "SAA-C03",
  short: "SAA",
  name: "AWS Certified Solutions Architect – Associate",
  domains: [
    { number: 1, name: "Design Secure Architectures", weight_percent: 30 },
    { number: 2, name: "Design Resilient Architectures", weight_percent: 26 },
    { number: 3, name: "Design High-Performing Architectures", weight_percent: 24 },
    { number: 4, name: "Design Cost-Optimized Architectures", weight_percent: 20 },
  ],
  question_count: 65,
  scored_question_count: 50,
  duration_minutes: 130,
  passing_score: 720,
} satisfies ExamGuide;

function question(position: number, extra: Partial<AttemptQuestion_Serialize> = {}) {
  return {
    position,
    question_id: `q${position}`,
    domain: 1 + (position % 4),
    domain_name: guide.domains[position % 4]!.name,
    topic: "s3-security",
    stem: `Question ${position + 1}?`,
    choose: 1,
    options: [
      { index: 2, text: "A" },
      { index: 0, text: "B" },
      { index: 3, text: "C" },
      { index: 1, text: "D" },
    ],
    answer: [],
    is_flagged: false,
    time_spent_ms: 0,
    is_new: false,
    result: null,
    ...extra,
  } satisfies AttemptQuestion_Serialize;
}

function attempt(extra: Partial<ExamAttempt_Serialize> = {}) {
  return {
    id: 7,
    exam: "SAA-C03",
    exam_name: guide.name,
    mode: "exam",
    status: "in_progress",
    seed: 1,
    time_limit_ms: 1_200_000,
    elapsed_ms: 0,
    remaining_ms: 1_200_000,
    started_at: "2026-12-06T05:00:00Z",
    submitted_at: null,
    current_position: 0,
    answered_count: 0,
    flagged_count: 0,
    questions: [question(0), question(1, { choose: 2, options: [
      { index: 0, text: "A" },
      { index: 1, text: "B" },
      { index: 2, text: "C" },
      { index: 3, text: "D" },
      { index: 4, text: "E" },
    ] }), question(2)],
    ...extra,
  } satisfies ExamAttempt_Serialize;
}

function report(a: ExamAttempt_Serialize) {
  return {
    attempt: a,
    total: a.questions.length,
    correct: 1,
    percent: 33.3,
    estimated_score: 400,
    passing_score: 720,
    passed: false,
    domains: guide.domains.map((d) => ({ ...d, total: 1, correct: 0, percent: 0 })),
    cards_added: 2,
  } satisfies ExamReport_Serialize;
}

const key = (k: string, extra: Record<string, unknown> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...extra });

describe("examKey", () => {
  it("maps number keys, N/P/F and Ctrl+Enter", () => {
    expect(examKey(key("1"), false)).toEqual({ kind: "choose", index: 0 });
    expect(examKey(key("8"), false)).toEqual({ kind: "choose", index: 7 });
    expect(examKey(key("9"), false)).toBeNull();
    expect(examKey(key("n"), false)).toEqual({ kind: "next" });
    expect(examKey(key("N"), false)).toEqual({ kind: "next" });
    expect(examKey(key("p"), false)).toEqual({ kind: "prev" });
    expect(examKey(key("f"), false)).toEqual({ kind: "flag" });
    expect(examKey(key("Enter", { ctrlKey: true }), false)).toEqual({ kind: "submit" });
    expect(examKey(key("Enter", { metaKey: true }), false)).toEqual({ kind: "submit" });
    expect(examKey(key("n", { ctrlKey: true }), false)).toBeNull();
    expect(examKey(key("x"), false)).toBeNull();
  });

  it("reads letters from the physical key when a Korean input method is on", () => {
    expect(examKey(key("ㅜ", { code: "KeyN" }), false)).toEqual({ kind: "next" });
    expect(examKey(key("ㄹ", { code: "KeyF" }), false)).toEqual({ kind: "flag" });
    expect(examKey(key("Process", { code: "KeyP", isComposing: true }), false)).toBeNull();
  });

  it("only confirms or cancels while the submit dialog is open", () => {
    expect(examKey(key("Enter"), true)).toEqual({ kind: "confirm" });
    expect(examKey(key("Escape"), true)).toEqual({ kind: "cancel" });
    expect(examKey(key("1"), true)).toBeNull();
    expect(examKey(key("n"), true)).toBeNull();
  });

  it("leaves text fields alone but not option inputs", () => {
    const text = document.createElement("input");
    const area = document.createElement("textarea");
    const select = document.createElement("select");
    const radio = document.createElement("input");
    radio.type = "radio";
    expect(examKey(key("1", { target: text }), false)).toBeNull();
    expect(examKey(key("n", { target: area }), false)).toBeNull();
    expect(examKey(key("Enter", { target: select }), true)).toBeNull();
    expect(examKey(key("2", { target: radio }), false)).toEqual({ kind: "choose", index: 1 });
  });
});

describe("navigator and counts", () => {
  it("gives each question its state, flag and current mark", () => {
    expect(navStatus(question(0), 0)).toEqual({ state: "unanswered", flagged: false, current: true });
    expect(navStatus(question(1, { answer: [2], is_flagged: true }), 0)).toEqual({ state: "answered", flagged: true, current: false });
    expect(navStatus(question(2, { choose: 2, answer: [1] }), 0).state).toBe("incomplete");
    const marked = { is_correct: false, correct: [0], explanations: [], explanation: "", source: null, heading_path: [] };
    expect(navStatus(question(3, { answer: [1], result: marked }), 0).state).toBe("wrong");
    expect(navStatus(question(3, { answer: [0], result: { ...marked, is_correct: true } }), 0).state).toBe("correct");
  });

  it("counts answered, partly answered, unanswered and flagged questions", () => {
    const qs = [
      question(0, { answer: [1] }),
      question(1, { choose: 2, answer: [0], is_flagged: true }),
      question(2, { is_flagged: true }),
      question(3),
    ];
    expect(answerCounts(qs)).toEqual({ total: 4, answered: 1, incomplete: 1, unanswered: 2, flagged: 2 });
  });

  it("formats the clock", () => {
    expect(formatClock(0)).toBe("00:00");
    expect(formatClock(61_000)).toBe("01:01");
    expect(formatClock(59_001)).toBe("01:00");
    expect(formatClock(7_800_000)).toBe("2:10:00");
  });
});

describe("ExamState", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-12-06T05:00:00Z"));
    Object.values(commands).forEach((f) => f.mockReset());
    commands.examGuides.mockResolvedValue([guide]);
    commands.examInProgress.mockResolvedValue(ok(null));
    commands.examHistory.mockResolvedValue(ok([]));
    commands.listQuestions.mockResolvedValue(ok([]));
  });
  afterEach(() => vi.useRealTimers());

  async function started(a = attempt()) {
    const state = new ExamState();
    await state.init();
    commands.startExam.mockResolvedValue(ok(a));
    state.length = 10;
    await state.start();
    return state;
  }

  it("starts a short exam with the guide's exam and the count, and shows its time in proportion", async () => {
    const state = new ExamState();
    await state.init();
    expect(state.view).toBe("start");
    expect(state.exam).toBe("SAA");
    state.length = 10;
    commands.listQuestions.mockResolvedValue(ok(new Array(63).fill(null)));
    await state.loadExamData();
    expect(state.plannedCount).toBe(10);
    expect(state.minutesFor(state.plannedCount)).toBe(20);
    state.length = "full";
    expect(state.plannedCount).toBe(63);
    expect(state.minutesFor(state.plannedCount)).toBe(126);
    commands.startExam.mockResolvedValue(ok(attempt()));
    state.length = 20;
    await state.start();
    expect(commands.startExam).toHaveBeenCalledWith({ exam: "SAA", mode: "exam", count: 20, domain: null, topic: null });
    expect(state.view).toBe("attempt");
    expect(state.remainingMs).toBe(1_200_000);
    state.stopClock();
  });

  it("offers an attempt left in progress, and resumes it", async () => {
    const summary = {
      id: 7,
      exam: "SAA-C03",
      mode: "exam",
      status: "in_progress",
      started_at: "2026-12-06T04:00:00Z",
      submitted_at: null,
      total: 3,
      answered: 1,
      correct: null,
      percent: null,
      estimated_score: null,
      passed: null,
      elapsed_ms: 1000,
      domains: [],
    } satisfies AttemptSummary_Serialize;
    commands.examInProgress.mockResolvedValue(ok(7));
    commands.examHistory.mockResolvedValue(ok([summary]));
    const state = new ExamState();
    await state.init();
    expect(state.resumable?.id).toBe(7);
    commands.resumeExam.mockResolvedValue(ok(attempt({ current_position: 2 })));
    await state.resume(7);
    expect(commands.resumeExam).toHaveBeenCalledWith(7);
    expect(state.position).toBe(2);
    expect(state.view).toBe("attempt");
    state.stopClock();
  });

  it("counts down every second, beats the engine's clock every 15 s, and shows the report at zero", async () => {
    const state = await started(attempt({ remaining_ms: 40_000 }));
    commands.examAttempt.mockImplementation(async () => ok(attempt({ remaining_ms: 40_000 - (Date.now() - Date.parse("2026-12-06T05:00:00Z")) })));
    await vi.advanceTimersByTimeAsync(1000);
    expect(state.remainingMs).toBe(39_000);
    expect(commands.examAttempt).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS - 1000);
    expect(commands.examAttempt).toHaveBeenCalledTimes(1);
    expect(state.remainingMs).toBe(25_000);
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    expect(commands.examAttempt).toHaveBeenCalledTimes(2);

    // At zero the engine is asked; it submits on its own clock and the report follows.
    const timedOut = attempt({ status: "timed_out", remaining_ms: 0 });
    commands.examAttempt.mockResolvedValue(ok(timedOut));
    commands.examReport.mockResolvedValue(ok(report(timedOut)));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(commands.examAttempt).toHaveBeenCalledTimes(3);
    expect(commands.examReport).toHaveBeenCalledWith(7);
    expect(state.view).toBe("report");
    expect(state.report?.attempt.status).toBe("timed_out");
    // The clock stopped: no more calls.
    await vi.advanceTimersByTimeAsync(30_000);
    expect(commands.examAttempt).toHaveBeenCalledTimes(3);
  });

  it("answers by key, toggles multi-answer options up to the count, moves and flags", async () => {
    const state = await started();
    commands.answerExamQuestion.mockImplementation(async (_id: number, position: number, choices: number[]) => {
      const a = attempt();
      a.questions[position]!.answer = choices;
      return ok(a);
    });
    commands.examGoto.mockImplementation(async (_id: number, position: number) => ok(attempt({ current_position: position })));
    commands.flagExamQuestion.mockImplementation(async () => ok(attempt()));

    expect(state.handleKey(key("2"))).toBe(true);
    expect(state.question?.answer).toEqual([0]);
    await vi.waitFor(() => expect(commands.answerExamQuestion).toHaveBeenCalledWith(7, 0, [0]));

    expect(state.handleKey(key("n"))).toBe(true);
    expect(state.position).toBe(1);
    // Choose 2: the third pick is refused until one is cleared.
    state.handleKey(key("1"));
    state.handleKey(key("3"));
    state.handleKey(key("5"));
    expect(state.hint).toBe("limit");
    expect(state.question?.answer).toEqual([0, 2]);
    state.handleKey(key("1"));
    expect(state.question?.answer).toEqual([2]);
    state.handleKey(key("f"));
    expect(state.question?.is_flagged).toBe(true);
    state.handleKey(key("p"));
    expect(state.position).toBe(0);
    state.handleKey(key("p"));
    expect(state.position).toBe(0);
    await vi.waitFor(() => expect(commands.examGoto).toHaveBeenLastCalledWith(7, 0));
    // Calls went out one at a time, in order.
    expect(commands.answerExamQuestion.mock.calls.map((c) => c[2])).toEqual([[0], [0], [0, 2], [2]]);
    expect(commands.flagExamQuestion).toHaveBeenCalledWith(7, 1, true);
    expect(state.handleKey(key("9"))).toBe(false);
    state.stopClock();
  });

  it("asks before submitting with the open counts; Escape cancels and Enter submits", async () => {
    const state = await started();
    state.attempt!.questions[0]!.answer = [1];
    state.attempt!.questions[1]!.answer = [0];
    state.attempt!.questions[2]!.is_flagged = true;
    expect(state.handleKey(key("Enter", { ctrlKey: true }))).toBe(true);
    expect(state.confirming).toBe(true);
    expect(state.counts).toMatchObject({ answered: 1, incomplete: 1, unanswered: 1, flagged: 1 });
    // Keys other than Enter and Escape do nothing while asking.
    expect(state.handleKey(key("n"))).toBe(false);
    state.handleKey(key("Escape"));
    expect(state.confirming).toBe(false);
    expect(commands.submitExam).not.toHaveBeenCalled();

    const submitted = attempt({ status: "submitted" });
    commands.submitExam.mockResolvedValue(ok(report(submitted)));
    state.handleKey(key("Enter", { ctrlKey: true }));
    state.handleKey(key("Enter"));
    await vi.waitFor(() => expect(state.view).toBe("report"));
    expect(commands.submitExam).toHaveBeenCalledTimes(1);
    expect(state.report?.cards_added).toBe(2);
  });

  it("practice marks a single answer at once and checks several together", async () => {
    const practice = attempt({ mode: "practice", time_limit_ms: null, remaining_ms: null });
    const state = await started(practice);
    expect(state.remainingMs).toBeNull();
    const marked = (position: number, choices: number[]) => {
      const a = attempt({ mode: "practice", time_limit_ms: null, remaining_ms: null });
      a.questions[position]!.answer = choices;
      a.questions[position]!.result = { is_correct: true, correct: choices, explanations: ["a", "b", "c", "d", "e"], explanation: "why", source: null, heading_path: [] };
      return ok(a);
    };
    commands.answerExamQuestion.mockImplementation(async (_id: number, position: number, choices: number[]) => marked(position, choices));
    commands.examGoto.mockImplementation(async () => ok(state.attempt));
    state.handleKey(key("3"));
    await vi.waitFor(() => expect(state.question?.result?.is_correct).toBe(true));
    expect(commands.answerExamQuestion).toHaveBeenCalledWith(7, 0, [3]);
    // Answered: Enter goes on.
    state.handleKey(key("Enter"));
    expect(state.position).toBe(1);
    state.handleKey(key("1"));
    state.handleKey(key("Enter"));
    expect(state.hint).toBe("need_more");
    state.handleKey(key("2"));
    expect(commands.answerExamQuestion).toHaveBeenCalledTimes(1);
    state.handleKey(key("Enter"));
    await vi.waitFor(() => expect(commands.answerExamQuestion).toHaveBeenLastCalledWith(7, 1, [0, 1]));
    state.stopClock();
  });

  it("pauses when the screen is left and resumes on coming back", async () => {
    const state = await started();
    commands.pauseExam.mockResolvedValue(ok(attempt()));
    commands.resumeExam.mockResolvedValue(ok(attempt({ remaining_ms: 900_000 })));
    state.leave();
    await vi.waitFor(() => expect(commands.pauseExam).toHaveBeenCalledWith(7));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(commands.examAttempt).not.toHaveBeenCalled();
    await state.init();
    expect(commands.resumeExam).toHaveBeenCalledWith(7);
    expect(state.remainingMs).toBe(900_000);
    state.stopClock();
  });

  it("filters the report's questions and opens a question's source section, coming back here", async () => {
    const state = await started();
    const a = attempt({ status: "submitted" });
    const result = { is_correct: false, correct: [0], explanations: [], explanation: "", source: { path: "ko/s3.md", anchor: "x" }, heading_path: [] };
    a.questions[0]!.result = { ...result, is_correct: true };
    a.questions[1]!.result = result;
    a.questions[2]!.result = result;
    a.questions[2]!.is_flagged = true;
    commands.examReport.mockResolvedValue(ok(report(a)));
    await state.openReport(7);
    expect(state.reviewItems).toHaveLength(3);
    state.filter = "wrong";
    expect(state.reviewItems.map((q) => q.position)).toEqual([1, 2]);
    state.filter = "flagged";
    expect(state.reviewItems.map((q) => q.position)).toEqual([2]);

    commands.questionSource.mockResolvedValue(ok({ section_id: 42, heading_path: ["S3"] } satisfies SourceSection));
    expect(await state.openSource(a.questions[2]!)).toBe(true);
    expect(commands.questionSource).toHaveBeenCalledWith("q2");
    expect(navigation).toMatchObject({ screen: "search", sectionId: 42, returnTo: "exam" });
    // Coming back keeps the report.
    await state.init();
    expect(state.view).toBe("report");
  });

  it("builds the trend from finished timed attempts, oldest first", () => {
    const state = new ExamState();
    state.guides = [guide];
    state.exam = "SAA";
    const summary = (id: number, percent: number | null, mode: "exam" | "practice" = "exam") =>
      ({
        id,
        exam: "SAA-C03",
        mode,
        status: percent === null ? "in_progress" : "submitted",
        started_at: `2026-12-0${id}T05:00:00Z`,
        submitted_at: null,
        total: 10,
        answered: 10,
        correct: null,
        percent,
        estimated_score: null,
        passed: null,
        elapsed_ms: null,
        domains: [{ number: 2, name: "x", weight_percent: 26, total: 4, correct: 3, percent: 75 }],
      }) satisfies AttemptSummary_Serialize;
    state.history = [summary(4, null), summary(3, 80, "practice"), summary(2, 70), summary(1, 50)];
    expect(state.trend.map((p) => [p.id, p.percent])).toEqual([
      [1, 50],
      [2, 70],
    ]);
    expect(state.trend[0]!.domains).toEqual([null, 75, null, null]);
  });
});
