// The UI's exam lists come from the engine's guides, loaded once (issue #20: no hard-coded
// exam lists in the screens).
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ExamGuide } from "./bindings";

const examGuides = vi.fn();
vi.mock("./bindings", () => ({ commands: { examGuides: () => examGuides() } }));

function guide(code: string, short: string): ExamGuide {
  return {
    code,
    short,
    name: `${short} exam`,
    domains: [],
    question_count: 65,
    scored_question_count: 50,
    duration_minutes: 130,
    passing_score: 720,
  } satisfies ExamGuide;
}

describe("exams", () => {
  beforeEach(() => {
    vi.resetModules();
    examGuides.mockReset();
  });

  it("lists the engine's exams in its order, whatever they are, and asks once", async () => {
    examGuides.mockResolvedValue([guide("XYZ-C01", "XYZ"), guide("SAA-C03", "SAA")]);
    const { exams } = await import("./exams.svelte");
    expect(exams.shortCodes).toEqual([]);
    await Promise.all([exams.load(), exams.load()]);
    await exams.load();
    expect(exams.shortCodes).toEqual(["XYZ", "SAA"]);
    expect(examGuides).toHaveBeenCalledTimes(1);
  });

  it("asks again after a failed load", async () => {
    examGuides.mockRejectedValueOnce(new Error("closed")).mockResolvedValueOnce([guide("DVA-C02", "DVA")]);
    const { exams } = await import("./exams.svelte");
    await exams.load();
    expect(exams.shortCodes).toEqual([]);
    await exams.load();
    expect(exams.shortCodes).toEqual(["DVA"]);
    expect(examGuides).toHaveBeenCalledTimes(2);
  });
});
