// State of the Cards screen with the backend mocked: the query the filters make, sorting,
// paging, the keyboard cursor and checked rows, bulk suspension and opening a card's section.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type {
  AppError,
  CardListItem_Serialize,
  CardPage_Serialize,
  CardQuery_Deserialize,
  DocumentSummary,
  ExamGuide,
} from "../../lib/bindings";

const commands = vi.hoisted(() => ({
  browseCards: vi.fn(),
  setCardsSuspended: vi.fn(),
  examGuides: vi.fn(),
  documents: vi.fn(),
}));
vi.mock("../../lib/bindings", () => ({ commands }));

import { navigation } from "../../lib/navigation.svelte";
import { CardsState, PAGE_SIZE } from "./cards.svelte";

const ok = <T>(data: T) => ({ status: "ok" as const, data });
const failure = (error: AppError) => ({ status: "error" as const, error });

function row(n: number, overrides: Partial<CardListItem_Serialize> = {}) {
  return {
    id: `card-${n}`,
    kind: "basic",
    prompt: `질문 ${n}`,
    answer: `답 ${n}`,
    document_id: 3,
    document_title: "S3 노트",
    section_id: 100 + n,
    heading_path: ["S3 노트", "스토리지 클래스"],
    state: "new",
    due_at: null,
    interval_days: 0,
    stability_days: null,
    lapses: 0,
    reps: 0,
    is_suspended: false,
    exams: ["SAA"],
    topics: ["s3"],
    created_at: "2026-12-01T00:00:00Z",
    ...overrides,
  } satisfies CardListItem_Serialize;
}

function page(cards: CardListItem_Serialize[], total = cards.length, offset = 0) {
  return { total, offset, cards } satisfies CardPage_Serialize;
}

const guides = [
  {
    code: "SAA-C03",
    short: "SAA",
    name: "Solutions Architect – Associate",
    domains: [],
    question_count: 65,
    scored_question_count: 50,
    duration_minutes: 130,
    passing_score: 720,
  },
] satisfies ExamGuide[];

const documents = [
  {
    id: 3,
    title: "S3 노트",
    path: "notes/s3.md",
    origin: "user",
    is_builtin: false,
    format: "markdown",
    lang: "ko",
    section_count: 4,
    size_bytes: 900,
    card_count: 12,
  },
] satisfies DocumentSummary[];

/** The query of the n-th call to `browseCards` (1-based; default the last). */
function queryOf(n = commands.browseCards.mock.calls.length): CardQuery_Deserialize {
  return commands.browseCards.mock.calls[n - 1]![0];
}

describe("CardsState", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    commands.examGuides.mockResolvedValue(guides);
    commands.documents.mockResolvedValue(ok(documents));
    commands.browseCards.mockResolvedValue(ok(page([row(1), row(2), row(3)])));
    navigation.screen = "cards";
    navigation.sectionId = null;
  });

  it("loads the exam and document lists from the engine, then the first page", async () => {
    const s = new CardsState();
    await s.init();
    expect(s.exams.map((g) => g.short)).toEqual(["SAA"]);
    expect(s.documents.map((d) => d.id)).toEqual([3]);
    expect(s.rows).toHaveLength(3);
    expect(queryOf()).toEqual({
      exam: null,
      topic: null,
      document_id: null,
      states: [],
      due_before: null,
      min_lapses: null,
      text: null,
      sort: "document",
      is_descending: false,
      offset: 0,
      limit: PAGE_SIZE,
    });
  });

  it("sends the filters as they are set and starts again on the first page", async () => {
    const s = new CardsState();
    s.offset = 100;
    s.selected = ["card-9"];
    s.text = "버킷";
    s.exam = "SAA";
    s.documentId = 3;
    s.state = "suspended";
    await s.refilter();
    const q = queryOf();
    expect(q).toMatchObject({ text: "버킷", exam: "SAA", document_id: 3, states: ["suspended"], offset: 0 });
    expect(s.selected).toEqual([]);
    s.text = "   ";
    await s.refilter();
    expect(queryOf().text).toBeNull();
  });

  it("sorts by a column, and the same column again reverses it", async () => {
    const s = new CardsState();
    await s.sortBy("lapses");
    expect(queryOf()).toMatchObject({ sort: "lapses", is_descending: false });
    await s.sortBy("lapses");
    expect(queryOf()).toMatchObject({ sort: "lapses", is_descending: true });
    await s.sortBy("due");
    expect(queryOf()).toMatchObject({ sort: "due", is_descending: false });
  });

  it("pages by the page size within the total", async () => {
    const rows = Array.from({ length: PAGE_SIZE }, (_, i) => row(i));
    commands.browseCards.mockResolvedValue(ok(page(rows, PAGE_SIZE + 5)));
    const s = new CardsState();
    await s.load();
    expect(s.hasPrevious).toBe(false);
    expect(s.hasNext).toBe(true);
    commands.browseCards.mockResolvedValue(ok(page([900, 901, 902, 903, 904].map((n) => row(n)), PAGE_SIZE + 5, PAGE_SIZE)));
    await s.nextPage();
    expect(queryOf().offset).toBe(PAGE_SIZE);
    expect(s.hasNext).toBe(false);
    const calls = commands.browseCards.mock.calls.length;
    await s.nextPage();
    expect(commands.browseCards.mock.calls.length).toBe(calls);
    await s.previousPage();
    expect(queryOf().offset).toBe(0);
  });

  it("moves the cursor within the page and checks rows one by one or all at once", async () => {
    const s = new CardsState();
    await s.load();
    s.move(-1);
    expect(s.cursor).toBe(0);
    s.move(1);
    s.move(1);
    s.move(1);
    expect(s.cursor).toBe(2);
    expect(s.current?.id).toBe("card-3");
    s.toggle("card-3");
    expect(s.isSelected("card-3")).toBe(true);
    s.togglePage();
    expect([...s.selected].sort()).toEqual(["card-1", "card-2", "card-3"]);
    expect(s.isPageSelected).toBe(true);
    s.togglePage();
    expect(s.selected).toEqual([]);
  });

  it("suspends the checked cards in one call, reports the count and reloads", async () => {
    const s = new CardsState();
    await s.load();
    s.toggle("card-1");
    s.toggle("card-3");
    commands.setCardsSuspended.mockResolvedValue(ok(2));
    const loads = commands.browseCards.mock.calls.length;
    await s.setSuspended(true);
    expect(commands.setCardsSuspended).toHaveBeenCalledTimes(1);
    expect(commands.setCardsSuspended).toHaveBeenCalledWith(["card-1", "card-3"], true);
    expect(s.outcome).toEqual({ isSuspended: true, changed: 2, asked: 2 });
    expect(commands.browseCards.mock.calls.length).toBe(loads + 1);
  });

  it("S acts on the row under the cursor when nothing is checked, and unsuspends a suspended one", async () => {
    commands.browseCards.mockResolvedValue(ok(page([row(1), row(2, { is_suspended: true, state: "suspended" })])));
    commands.setCardsSuspended.mockResolvedValue(ok(1));
    const s = new CardsState();
    await s.load();
    await s.toggleSuspended();
    expect(commands.setCardsSuspended).toHaveBeenLastCalledWith(["card-1"], true);
    s.move(1);
    await s.toggleSuspended();
    expect(commands.setCardsSuspended).toHaveBeenLastCalledWith(["card-2"], false);
    // A mix of suspended and not: all get suspended.
    s.toggle("card-1");
    s.toggle("card-2");
    await s.toggleSuspended();
    expect(commands.setCardsSuspended).toHaveBeenLastCalledWith(["card-1", "card-2"], true);
  });

  it("keeps the page and shows the error when suspension fails", async () => {
    const s = new CardsState();
    await s.load();
    s.toggle("card-1");
    commands.setCardsSuspended.mockResolvedValue(failure({ kind: "not_found", message: "no card card-1" }));
    const loads = commands.browseCards.mock.calls.length;
    await s.setSuspended(true);
    expect(s.error?.kind).toBe("not_found");
    expect(s.outcome).toBeNull();
    expect(s.rows).toHaveLength(3);
    expect(commands.browseCards.mock.calls.length).toBe(loads);
  });

  it("a failed load keeps the last page and says why", async () => {
    const s = new CardsState();
    await s.load();
    commands.browseCards.mockResolvedValue(failure({ kind: "invalid_input", message: "unknown exam code: XYZ" }));
    s.exam = "XYZ";
    await s.refilter();
    expect(s.error?.kind).toBe("invalid_input");
    expect(s.rows).toHaveLength(3);
  });

  it("an older answer never replaces a newer one", async () => {
    let resolveSlow: (v: unknown) => void = () => {};
    commands.browseCards.mockImplementationOnce(() => new Promise((r) => (resolveSlow = r)));
    commands.browseCards.mockResolvedValueOnce(ok(page([row(7)])));
    const s = new CardsState();
    const slow = s.load();
    await s.load();
    resolveSlow(ok(page([row(1), row(2)])));
    await slow;
    expect(s.rows.map((r) => r.id)).toEqual(["card-7"]);
  });

  it("opens the card's source section and comes back to the Cards screen", async () => {
    const s = new CardsState();
    await s.load();
    s.move(1);
    s.openSource();
    expect(navigation.screen).toBe("search");
    expect(navigation.sectionId).toBe(102);
    expect(navigation.returnTo).toBe("cards");
    navigation.screen = "cards";
    navigation.sectionId = null;
    s.openSource(row(5, { section_id: null }));
    expect(navigation.screen).toBe("cards");
  });
});
