// Typed access to the backend. Screens call these functions, never `invoke` directly; the
// command signatures and payload types come from the generated `bindings.ts`.
import { commands, type AppError, type AppErrorKind } from "./bindings";
import { t, type MessageKey } from "./i18n/index.svelte";

/** A backend failure with a translated message and the engine's detail. */
export class ApiError extends Error {
  constructor(
    /** The engine's stable error kind, or "unknown" for a failure outside the backend. */
    readonly kind: AppErrorKind | "unknown",
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
  throw new ApiError(result.error.kind, result.error.message);
}

/** A command's promise, unwrapped: the data of a fallible command's `ok` result, else its value. */
type Unwrapped<T> = T extends { status: "ok"; data: infer D } ? D : T extends { status: "error" } ? never : T;

/** Every generated command, same name and arguments, resolving to its data and throwing `ApiError`. */
export type Api = {
  [K in keyof typeof commands]: (
    ...args: Parameters<(typeof commands)[K]>
  ) => Promise<Unwrapped<Awaited<ReturnType<(typeof commands)[K]>>>>;
};

/** Whether a command's value is a `Result` (fallible commands) rather than plain data. */
function isResult(value: unknown): value is Result<unknown, AppError> {
  if (typeof value !== "object" || value === null || !("status" in value)) return false;
  const { status } = value as { status: unknown };
  return (status === "ok" && "data" in value) || (status === "error" && "error" in value);
}

/**
 * The backend for the screens: a typed mapping over the generated `commands` (no wrapper is
 * written by hand, so a new command is available here as soon as the bindings have it).
 * The command is looked up when called, which lets tests mock `bindings.commands`.
 */
export const api: Api = new Proxy({} as Api, {
  get(_target, name) {
    if (typeof name !== "string") return undefined;
    return async (...args: unknown[]) => {
      const command = (commands as unknown as Record<string, ((...a: unknown[]) => Promise<unknown>) | undefined>)[name];
      if (typeof command !== "function") throw new ApiError("unknown", `the backend has no command ${name}`);
      const value = await command(...args);
      return isResult(value) ? unwrap(value) : value;
    };
  },
});
