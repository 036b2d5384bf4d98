// State of the Practice exam screen: the start panel's choices, the attempt on screen with a
// local countdown between engine calls, the report and the history. The engine draws the
// questions, keeps the clock, marks, scores and stores every attempt; this module only
// sequences the calls (one at a time, in order), counts the seconds down between them and
// maps keys to actions.
import type {
  AttemptQuestion_Serialize as AttemptQuestion,
  AttemptSummary_Serialize as AttemptSummary,
  ExamAttempt_Serialize as ExamAttempt,
  ExamGuide,
  ExamMode,
  ExamReport_Serialize as ExamReport,
  ExamStart_Deserialize as ExamStart,
  Question_Serialize as Question,
} from "../../lib/bindings";
import { api, toApiError, type ApiError } from "../../lib/api";
import { openSection } from "../../lib/navigation.svelte";

export type { AttemptQuestion, AttemptSummary, ExamAttempt, ExamReport };

export type ExamView = "loading" | "start" | "attempt" | "report" | "history";
/** The shorter exams offered besides the full length. */
export const SHORT_LENGTHS = [10, 20, 30] as const;
export type ExamLength = "full" | (typeof SHORT_LENGTHS)[number];
/** Question counts offered for a practice session (null: every question in scope). */
export const PRACTICE_COUNTS = [10, 20, null] as const;
export type ReviewFilter = "all" | "wrong" | "flagged";
/** The engine's clock is brought up to date at least this often while an attempt is on screen. */
export const HEARTBEAT_MS = 15_000;
/** The local countdown's step. */
const TICK_MS = 1000;
/** Options the number keys reach (1–8). */
export const OPTION_KEYS = 8;
/** A hint shown under the options: too many picked, or not enough to check. */
export type ChoiceHint = "limit" | "need_more" | null;

// ——— Keys ———

export type ExamKeyAction =
  | { kind: "choose"; index: number }
  | { kind: "next" }
  | { kind: "prev" }
  | { kind: "flag" }
  | { kind: "submit" }
  | { kind: "enter" }
  | { kind: "confirm" }
  | { kind: "cancel" };

export type KeyLike = Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey"> & {
  code?: string;
  target?: EventTarget | null;
  isComposing?: boolean;
};

/** Whether keys typed now go into a field (text input, text area, select, editable text). */
export function isTypingTarget(target: EventTarget | null | undefined): boolean {
  const el = target as HTMLElement | null | undefined;
  if (!el || typeof el.tagName !== "string") return false;
  if (el.isContentEditable) return true;
  if (el.tagName === "TEXTAREA" || el.tagName === "SELECT") return true;
  if (el.tagName === "INPUT") {
    return !["radio", "checkbox", "button", "submit", "reset"].includes((el as HTMLInputElement).type);
  }
  return false;
}

/**
 * The action a key stands for on the question view: 1–8 choose an option, N/P next and
 * previous, F flag, Ctrl+Enter submit; while the submit dialog is open only Enter (confirm)
 * and Escape (cancel). Letters are also read from the physical key, so they work with a
 * Korean input method switched on. Nothing is taken from a text field.
 */
export function examKey(event: KeyLike, confirming: boolean): ExamKeyAction | null {
  if (event.isComposing || isTypingTarget(event.target)) return null;
  if (confirming) {
    if (event.key === "Enter") return { kind: "confirm" };
    if (event.key === "Escape") return { kind: "cancel" };
    return null;
  }
  if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key === "Enter") return { kind: "submit" };
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (event.key === "Enter") return { kind: "enter" };
  const code = event.code ?? "";
  const digit = /^[1-9]$/.test(event.key) ? event.key : /^(?:Digit|Numpad)([1-9])$/.exec(code)?.[1];
  if (digit) {
    const n = Number(digit);
    return n <= OPTION_KEYS ? { kind: "choose", index: n - 1 } : null;
  }
  const letter = /^[a-z]$/i.test(event.key) ? event.key.toLowerCase() : /^Key([A-Z])$/.exec(code)?.[1]?.toLowerCase();
  if (letter === "n") return { kind: "next" };
  if (letter === "p") return { kind: "prev" };
  if (letter === "f") return { kind: "flag" };
  return null;
}

// ——— Navigator ———

export type NavState = "answered" | "incomplete" | "unanswered" | "correct" | "wrong";

/** How a question's cell in the navigator looks. */
export function navStatus(q: AttemptQuestion, current: number): { state: NavState; flagged: boolean; current: boolean } {
  let state: NavState;
  if (q.result) state = q.result.is_correct ? "correct" : "wrong";
  else if (q.answer.length === 0) state = "unanswered";
  else if (q.answer.length < q.choose) state = "incomplete";
  else state = "answered";
  return { state, flagged: q.is_flagged, current: q.position === current };
}

/** Counts for the submit dialog and the status line. */
export function answerCounts(questions: AttemptQuestion[]) {
  let answered = 0;
  let incomplete = 0;
  let flagged = 0;
  for (const q of questions) {
    if (q.answer.length >= q.choose) answered += 1;
    else if (q.answer.length > 0) incomplete += 1;
    if (q.is_flagged) flagged += 1;
  }
  return { total: questions.length, answered, incomplete, unanswered: questions.length - answered - incomplete, flagged };
}

/** `mm:ss`, or `h:mm:ss` from an hour up. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

/** One point of the history chart: a finished timed attempt, oldest first. */
export type TrendPoint = { id: number; date: string; percent: number; domains: (number | null)[] };

export class ExamState {
  view = $state<ExamView>("loading");
  guides = $state<ExamGuide[]>([]);
  /** Short code of the chosen exam (`SAA`). */
  exam = $state("");
  mode = $state<ExamMode>("exam");
  length = $state<ExamLength>("full");
  practiceDomain = $state<number | null>(null);
  practiceTopic = $state("");
  practiceCount = $state<number | null>(10);
  /** The chosen exam's question bank (for counts and topics on the start panel). */
  bank = $state<Question[]>([]);
  /** An attempt left in progress, offered first. */
  resumable = $state<AttemptSummary | null>(null);
  attempt = $state<ExamAttempt | null>(null);
  /** The question on screen (0-based); changed at once, the engine follows. */
  position = $state(0);
  /** Time left as last counted down; null when untimed. */
  remainingMs = $state<number | null>(null);
  report = $state<ExamReport | null>(null);
  history = $state<AttemptSummary[]>([]);
  confirming = $state(false);
  /** Practice, several answers: the options picked before checking. */
  pending = $state<number[]>([]);
  hint = $state<ChoiceHint>(null);
  filter = $state<ReviewFilter>("all");
  error = $state<ApiError | null>(null);
  busy = $state(false);

  #queue: Promise<unknown> = Promise.resolve();
  #inFlight = 0;
  #syncedAt = 0;
  #syncedRemaining: number | null = null;
  #lastBeat = 0;
  #timer: ReturnType<typeof setInterval> | null = null;
  #expiring = false;

  constructor(private readonly now: () => number = () => Date.now()) {}

  // ——— Derived ———

  get guide(): ExamGuide | null {
    return this.guides.find((g) => g.short === this.exam) ?? null;
  }

  get question(): AttemptQuestion | null {
    return this.attempt?.questions[this.position] ?? null;
  }

  get isPractice(): boolean {
    return this.attempt ? this.attempt.mode === "practice" : this.mode === "practice";
  }

  get counts() {
    return answerCounts(this.attempt?.questions ?? []);
  }

  /** Bank questions of the chosen exam in a domain (all domains when null). */
  bankIn(domain: number | null, topic = ""): Question[] {
    return this.bank.filter((q) => {
      const d = q.exams.find((e) => e.exam === this.exam)?.domain;
      return (domain === null || d === domain) && (topic === "" || q.topic === topic);
    });
  }

  /** Topics of the bank, within the practice domain when one is chosen. */
  get topics(): string[] {
    return [...new Set(this.bankIn(this.practiceDomain).map((q) => q.topic))].sort();
  }

  /** Questions the attempt about to start will hold (the bank may hold fewer than asked). */
  get plannedCount(): number {
    const guide = this.guide;
    if (!guide) return 0;
    if (this.mode === "practice") {
      const scoped = this.bankIn(this.practiceDomain, this.practiceTopic).length;
      return this.practiceCount === null ? scoped : Math.min(this.practiceCount, scoped);
    }
    const asked = this.length === "full" ? guide.question_count : this.length;
    return Math.min(asked, this.bank.length);
  }

  /**
   * Minutes the attempt about to start will allow: the real exam's time in proportion to
   * its length, in whole minutes, as the engine sets it (the running clock always comes
   * from the engine).
   */
  minutesFor(count: number): number {
    const guide = this.guide;
    if (!guide || count === 0) return 0;
    return Math.max(1, Math.ceil((guide.duration_minutes * count) / guide.question_count));
  }

  /** The report's questions under the review filter. */
  get reviewItems(): AttemptQuestion[] {
    const questions = this.report?.attempt.questions ?? [];
    if (this.filter === "wrong") return questions.filter((q) => !q.result?.is_correct);
    if (this.filter === "flagged") return questions.filter((q) => q.is_flagged);
    return questions;
  }

  /** Finished timed attempts of the chosen exam, oldest first, for the trend chart. */
  get trend(): TrendPoint[] {
    return this.history
      .filter((a) => a.mode === "exam" && a.status !== "in_progress" && a.percent !== null)
      .slice()
      .reverse()
      .map((a) => ({
        id: a.id,
        date: a.submitted_at ?? a.started_at,
        percent: a.percent ?? 0,
        domains: (this.guide?.domains ?? []).map((d) => {
          const r = a.domains.find((x) => x.number === d.number);
          return r && r.total > 0 ? r.percent : null;
        }),
      }));
  }

  // ——— Start panel ———

  /** Loads the guides and what is in progress; on coming back to the screen, picks up where it was. */
  async init(): Promise<void> {
    try {
      if (this.guides.length === 0) this.guides = await api.examGuides();
      if (!this.guide) this.exam = this.guides[0]?.short ?? "";
      if (this.view === "attempt" && this.attempt?.status === "in_progress") {
        await this.resume(this.attempt.id);
        return;
      }
      if (this.view === "report" && this.report) return;
      if (this.view === "history") {
        await this.loadExamData();
        return;
      }
      await this.refreshStart();
      this.view = "start";
    } catch (e) {
      this.fail(e);
      if (this.view === "loading") this.view = "start";
    }
  }

  /** What the start panel needs: the attempt in progress, the bank and the history. */
  async refreshStart(): Promise<void> {
    const running = await api.examInProgress();
    this.resumable = running === null ? null : ((await api.examHistory(null)).find((a) => a.id === running) ?? null);
    await this.loadExamData();
  }

  async loadExamData(): Promise<void> {
    const exam = this.exam;
    if (!exam) return;
    const [bank, history] = await Promise.all([api.listQuestions({ exam }), api.examHistory(exam)]);
    if (exam !== this.exam) return;
    this.bank = bank;
    this.history = history;
  }

  async selectExam(short: string): Promise<void> {
    if (short === this.exam && this.bank.length > 0) return;
    this.exam = short;
    this.practiceDomain = null;
    this.practiceTopic = "";
    try {
      await this.loadExamData();
      this.error = null;
    } catch (e) {
      this.fail(e);
    }
  }

  selectDomain(domain: number | null): void {
    this.practiceDomain = domain;
    if (this.practiceTopic && !this.topics.includes(this.practiceTopic)) this.practiceTopic = "";
  }

  /** Starts the exam or practice chosen on the start panel. */
  async start(): Promise<void> {
    if (this.busy || !this.exam) return;
    const practice = this.mode === "practice";
    const start: ExamStart = {
      exam: this.exam,
      mode: this.mode,
      count: practice ? this.practiceCount : this.length === "full" ? null : this.length,
      domain: practice ? this.practiceDomain : null,
      topic: practice && this.practiceTopic ? this.practiceTopic : null,
    };
    this.busy = true;
    try {
      this.enter(await api.startExam(start));
      this.error = null;
    } catch (e) {
      this.fail(e);
    } finally {
      this.busy = false;
    }
  }

  /** Opens an attempt in progress again; its clock goes on. */
  async resume(id: number): Promise<void> {
    try {
      const attempt = await this.#serial(() => api.resumeExam(id));
      if (attempt.status === "in_progress") this.enter(attempt);
      else await this.showReport(id);
      this.error = null;
    } catch (e) {
      this.fail(e);
    }
  }

  /** Submits the attempt left in progress without opening it, and shows its report. */
  async submitResumable(): Promise<void> {
    const id = this.resumable?.id;
    if (id === undefined) return;
    try {
      this.report = await this.#serial(() => api.submitExam(id));
      this.resumable = null;
      this.filter = "all";
      this.view = "report";
    } catch (e) {
      this.fail(e);
    }
  }

  // ——— The attempt ———

  private enter(attempt: ExamAttempt): void {
    this.attempt = attempt;
    this.position = attempt.current_position;
    this.report = null;
    this.resumable = null;
    this.confirming = false;
    this.pending = [];
    this.hint = null;
    this.view = "attempt";
    this.#sync(attempt);
    this.startClock();
  }

  #sync(attempt: ExamAttempt): void {
    const now = this.now();
    this.#syncedAt = now;
    this.#lastBeat = now;
    this.#syncedRemaining = attempt.remaining_ms;
    this.remainingMs = attempt.remaining_ms;
  }

  /** Runs engine calls one after another, in the order they were asked for. */
  #serial<T>(call: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(call, call);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /**
   * An engine call about the attempt on screen. The clock follows every answer; the
   * attempt itself is taken over only from the last call in flight, so answers and flags
   * made in the meantime are not undone on screen by an older reply.
   */
  async #call(call: () => Promise<ExamAttempt>): Promise<ExamAttempt | null> {
    const id = this.attempt?.id;
    this.#inFlight += 1;
    try {
      const fresh = await this.#serial(call);
      this.#inFlight -= 1;
      if (id !== this.attempt?.id || this.view !== "attempt") return fresh;
      this.#sync(fresh);
      if (this.#inFlight === 0) this.attempt = fresh;
      if (fresh.status !== "in_progress") await this.showReport(fresh.id);
      return fresh;
    } catch (e) {
      this.#inFlight -= 1;
      this.fail(e);
      // The time may have run out in the meantime: the engine then submitted the attempt.
      if (id !== undefined && this.view === "attempt") {
        try {
          const fresh = await this.#serial(() => api.examAttempt(id));
          if (fresh.status !== "in_progress") await this.showReport(id);
          else if (this.#inFlight === 0) {
            this.attempt = fresh;
            this.#sync(fresh);
          }
        } catch {
          // the first error is the one shown
        }
      }
      return null;
    }
  }

  startClock(): void {
    if (this.#timer === null) this.#timer = setInterval(() => void this.tick(), TICK_MS);
  }

  stopClock(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** Every second: counts down, keeps the engine's clock current, and ends the exam at zero. */
  async tick(): Promise<void> {
    const attempt = this.attempt;
    if (!attempt || attempt.status !== "in_progress" || this.view !== "attempt") return;
    const now = this.now();
    if (this.#syncedRemaining !== null) {
      this.remainingMs = Math.max(0, this.#syncedRemaining - (now - this.#syncedAt));
      if (this.remainingMs === 0) {
        await this.expire();
        return;
      }
    }
    // On the last tick before the interval would be over, so timer jitter never stretches it.
    if (now - this.#lastBeat > HEARTBEAT_MS - TICK_MS) {
      this.#lastBeat = now;
      await this.#call(() => api.examAttempt(attempt.id));
    }
  }

  /** Time is up here: the engine submits on its own clock when asked; then the report. */
  async expire(): Promise<void> {
    const attempt = this.attempt;
    if (!attempt || this.#expiring) return;
    this.#expiring = true;
    try {
      await this.#call(() => api.examAttempt(attempt.id));
    } finally {
      this.#expiring = false;
    }
  }

  /** Leaving the screen: the clock stops here and in the engine. */
  leave(): void {
    this.stopClock();
    const attempt = this.attempt;
    this.confirming = false;
    if (this.view === "attempt" && attempt?.status === "in_progress") {
      this.#serial(() => api.pauseExam(attempt.id)).catch((e) => this.fail(e));
    }
  }

  async goto(position: number): Promise<void> {
    const attempt = this.attempt;
    if (!attempt || attempt.status !== "in_progress") return;
    const target = Math.max(0, Math.min(position, attempt.questions.length - 1));
    if (target === this.position) return;
    this.position = target;
    this.pending = [];
    this.hint = null;
    await this.#call(() => api.examGoto(attempt.id, target));
  }

  next(): Promise<void> {
    return this.goto(this.position + 1);
  }

  prev(): Promise<void> {
    return this.goto(this.position - 1);
  }

  /**
   * Picks the option shown at `shown` (0-based). An exam changes the answer at once (a
   * multi-answer question toggles, up to its count); a practice marks a single answer at
   * once and collects several before they are checked.
   */
  async choose(shown: number): Promise<void> {
    const attempt = this.attempt;
    const q = this.question;
    if (!attempt || !q || attempt.status !== "in_progress") return;
    const option = q.options[shown];
    if (!option) return;
    this.hint = null;
    if (attempt.mode === "practice") {
      if (q.result || q.answer.length > 0) return;
      if (q.choose === 1) {
        await this.#answer(q, [option.index]);
        return;
      }
      if (this.pending.includes(option.index)) this.pending = this.pending.filter((i) => i !== option.index);
      else if (this.pending.length >= q.choose) this.hint = "limit";
      else this.pending = [...this.pending, option.index];
      return;
    }
    let answer: number[];
    if (q.choose === 1) {
      if (q.answer.length === 1 && q.answer[0] === option.index) return;
      answer = [option.index];
    } else if (q.answer.includes(option.index)) {
      answer = q.answer.filter((i) => i !== option.index);
    } else if (q.answer.length >= q.choose) {
      this.hint = "limit";
      return;
    } else {
      answer = [...q.answer, option.index];
    }
    await this.#answer(q, answer);
  }

  /** Practice, several answers: checks the options picked. */
  async check(): Promise<void> {
    const q = this.question;
    if (!q || q.result || this.attempt?.mode !== "practice") return;
    if (this.pending.length < q.choose) {
      this.hint = "need_more";
      return;
    }
    await this.#answer(q, this.pending);
    this.pending = [];
  }

  async #answer(q: AttemptQuestion, answer: number[]): Promise<void> {
    const id = this.attempt!.id;
    q.answer = answer;
    await this.#call(() => api.answerExamQuestion(id, q.position, answer));
  }

  async toggleFlag(): Promise<void> {
    const attempt = this.attempt;
    const q = this.question;
    if (!attempt || !q || attempt.status !== "in_progress") return;
    q.is_flagged = !q.is_flagged;
    const flagged = q.is_flagged;
    await this.#call(() => api.flagExamQuestion(attempt.id, q.position, flagged));
  }

  /** Ctrl+Enter or the Submit button: asks first. */
  requestSubmit(): void {
    if (this.attempt?.status === "in_progress" && this.view === "attempt") this.confirming = true;
  }

  cancelSubmit(): void {
    this.confirming = false;
  }

  async confirmSubmit(): Promise<void> {
    const attempt = this.attempt;
    if (!this.confirming || !attempt || this.busy) return;
    this.confirming = false;
    this.busy = true;
    this.stopClock();
    try {
      this.report = await this.#serial(() => api.submitExam(attempt.id));
      this.attempt = this.report.attempt;
      this.filter = "all";
      this.view = "report";
      this.error = null;
    } catch (e) {
      this.fail(e);
      this.startClock();
    } finally {
      this.busy = false;
    }
  }

  /** Enter on the question view: in a practice, check the picks or go on once marked. */
  async enterKey(): Promise<void> {
    const q = this.question;
    if (!q || this.attempt?.mode !== "practice") return;
    if (!q.result) {
      if (q.choose > 1) await this.check();
      return;
    }
    if (this.position < (this.attempt?.questions.length ?? 0) - 1) await this.next();
    else this.requestSubmit();
  }

  /** Applies a key on the question view; returns whether it was used. */
  handleKey(event: KeyLike): boolean {
    if (this.view !== "attempt" || !this.attempt) return false;
    const action = examKey(event, this.confirming);
    if (!action) return false;
    switch (action.kind) {
      case "choose":
        if (!this.question || action.index >= this.question.options.length) return false;
        void this.choose(action.index);
        return true;
      case "next":
        void this.next();
        return true;
      case "prev":
        void this.prev();
        return true;
      case "flag":
        void this.toggleFlag();
        return true;
      case "submit":
        this.requestSubmit();
        return true;
      case "confirm":
        void this.confirmSubmit();
        return true;
      case "cancel":
        this.cancelSubmit();
        return true;
      case "enter":
        if (this.attempt.mode !== "practice") return false;
        void this.enterKey();
        return true;
    }
  }

  // ——— Report and history ———

  async showReport(id: number): Promise<void> {
    this.stopClock();
    this.confirming = false;
    this.report = await this.#serial(() => api.examReport(id));
    this.attempt = this.report.attempt;
    this.filter = "all";
    this.view = "report";
  }

  /** Opens the report of a past attempt (from the history). */
  async openReport(id: number): Promise<void> {
    try {
      await this.showReport(id);
      this.error = null;
    } catch (e) {
      this.fail(e);
    }
  }

  /** Opens the section that teaches a question, in the reader; its back button returns here. */
  async openSource(q: AttemptQuestion): Promise<boolean> {
    try {
      const source = await api.questionSource(q.question_id);
      if (!source) return false;
      openSection(source.section_id, "exam");
      return true;
    } catch (e) {
      this.fail(e);
      return false;
    }
  }

  /** Back to the start panel (after a report). */
  async newExam(): Promise<void> {
    this.stopClock();
    this.attempt = null;
    this.report = null;
    this.view = "start";
    try {
      await this.refreshStart();
      this.error = null;
    } catch (e) {
      this.fail(e);
    }
  }

  async showHistory(): Promise<void> {
    this.view = "history";
    try {
      await this.loadExamData();
      this.error = null;
    } catch (e) {
      this.fail(e);
    }
  }

  private fail(e: unknown): void {
    this.error = toApiError(e);
  }
}
