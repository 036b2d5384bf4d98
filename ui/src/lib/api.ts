// Typed access to the backend. Screens call these functions, never `invoke` directly; the
// command signatures and payload types come from the generated `bindings.ts`.
import { commands, type AppError } from "./bindings";
import { t, type MessageKey } from "./i18n/index.svelte";

/** A backend failure with a translated message and the engine's detail. */
export class ApiError extends Error {
  constructor(
    readonly kind: string,
    readonly detail: string,
  ) {
    super(detail);
  }

  /** The message to show, in the current language. */
  get localized(): string {
    const key = `error.${this.kind}` as MessageKey;
    const text = t(key);
    return text === key ? t("error.unknown") : text;
  }
}

/** Any thrown value as an `ApiError` (unknown failures keep their text as the detail). */
export function toApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError("unknown", String(e));
}

/** The shape every generated command returns. */
export type Result<T, E> = { status: "ok"; data: T } | { status: "error"; error: E };

/** Returns the data of an `ok` result or throws an `ApiError` for an `error` result. */
export function unwrap<T>(result: Result<T, AppError>): T {
  if (result.status === "ok") return result.data;
  throw new ApiError(String(result.error.kind), result.error.message);
}

export const api = {
  importPaths: async (paths: string[], prune: boolean, onProgress: Parameters<typeof commands.importPaths>[2]) =>
    unwrap(await commands.importPaths(paths, prune, onProgress)),
  cancelImport: () => commands.cancelImport(),
  documents: async () => unwrap(await commands.documents()),
  removeDocument: async (id: number) => unwrap(await commands.removeDocument(id)),
  renameDocument: async (id: number, title: string) => unwrap(await commands.renameDocument(id, title)),
  search: async (query: Parameters<typeof commands.search>[0]) => unwrap(await commands.search(query)),
  palette: async (query: string, limit: number) => unwrap(await commands.palette(query, limit)),
  openSection: async (id: number) => unwrap(await commands.openSection(id)),
  reviewNext: async (scope: Parameters<typeof commands.reviewNext>[0]) => unwrap(await commands.reviewNext(scope)),
  answerCard: async (cardId: string, rating: Parameters<typeof commands.answerCard>[1], durationMs: number) =>
    unwrap(await commands.answerCard(cardId, rating, durationMs)),
  gradeChoice: async (cardId: string, selected: number[]) => unwrap(await commands.gradeChoice(cardId, selected)),
  buryCard: async (cardId: string) => unwrap(await commands.buryCard(cardId)),
  suspendInReview: async (cardId: string) => unwrap(await commands.suspendInReview(cardId)),
  undoReview: async () => unwrap(await commands.undoReview()),
  reviewSettings: async () => unwrap(await commands.reviewSettings()),
  setReviewSettings: async (settings: Parameters<typeof commands.setReviewSettings>[0]) =>
    unwrap(await commands.setReviewSettings(settings)),
  schedulerParameters: async () => unwrap(await commands.schedulerParameters()),
  optimize: async () => unwrap(await commands.optimize()),
  progressStats: async (exam: string | null) => unwrap(await commands.progressStats(exam)),
  exportAnki: async (options: Parameters<typeof commands.exportAnki>[0], path: string) =>
    unwrap(await commands.exportAnki(options, path)),
  listBackups: async () => unwrap(await commands.listBackups()),
  exportProgress: async (path: string) => unwrap(await commands.exportProgress(path)),
  importProgress: async (path: string) => unwrap(await commands.importProgress(path)),
  backupNow: async () => unwrap(await commands.backupNow()),
  restoreBackup: async (fileName: string) => unwrap(await commands.restoreBackup(fileName)),
  recoverLibrary: async (fileName: string) => unwrap(await commands.recoverLibrary(fileName)),
  backupSettings: async () => unwrap(await commands.backupSettings()),
  setBackupSettings: async (settings: { keep: number }) => unwrap(await commands.setBackupSettings(settings)),
  cardsForSection: async (sectionId: number) => unwrap(await commands.cardsForSection(sectionId)),
  suspendCard: async (id: string) => unwrap(await commands.suspendCard(id)),
  unsuspendCard: async (id: string) => unwrap(await commands.unsuspendCard(id)),
  editCard: async (id: string, edit: { prompt: string | null; answer: string | null }) =>
    unwrap(await commands.editCard(id, edit)),
  libraryInfo: async () => unwrap(await commands.libraryInfo()),
  uiSettings: async () => unwrap(await commands.uiSettings()),
  setUiSettings: async (settings: Parameters<typeof commands.setUiSettings>[0]) =>
    unwrap(await commands.setUiSettings(settings)),
  examGuides: () => commands.examGuides(),
  startExam: async (start: Parameters<typeof commands.startExam>[0]) => unwrap(await commands.startExam(start)),
  examAttempt: async (id: number) => unwrap(await commands.examAttempt(id)),
  resumeExam: async (id: number) => unwrap(await commands.resumeExam(id)),
  pauseExam: async (id: number) => unwrap(await commands.pauseExam(id)),
  examGoto: async (id: number, position: number) => unwrap(await commands.examGoto(id, position)),
  answerExamQuestion: async (id: number, position: number, choices: number[]) =>
    unwrap(await commands.answerExamQuestion(id, position, choices)),
  flagExamQuestion: async (id: number, position: number, flagged: boolean) =>
    unwrap(await commands.flagExamQuestion(id, position, flagged)),
  submitExam: async (id: number) => unwrap(await commands.submitExam(id)),
  examReport: async (id: number) => unwrap(await commands.examReport(id)),
  examHistory: async (exam: string | null) => unwrap(await commands.examHistory(exam)),
  examInProgress: async () => unwrap(await commands.examInProgress()),
  listQuestions: async (filter: Parameters<typeof commands.listQuestions>[0]) => unwrap(await commands.listQuestions(filter)),
  questionSource: async (id: string) => unwrap(await commands.questionSource(id)),
};
