// The i18n layer: every UI string goes through `t(key)`. Korean is the default; the chosen
// language is saved in the library's settings by the Settings screen.
import ko from "./ko.json";
import en from "./en.json";

export type Locale = "ko" | "en";
export type MessageKey = keyof typeof ko;

const catalogs: Record<Locale, Record<MessageKey, string>> = { ko, en };

export const i18n = $state({ locale: "ko" as Locale });

/** Switches the interface language and the document's `lang`. */
export function setLocale(locale: Locale): void {
  i18n.locale = locale;
  if (typeof document !== "undefined") document.documentElement.lang = locale;
}

/** The message for `key` in the current language, with `{name}` placeholders filled. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const message = catalogs[i18n.locale][key] ?? catalogs.ko[key] ?? key;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Formats a count with the current language's digit grouping. */
export function formatCount(n: number): string {
  return new Intl.NumberFormat(i18n.locale === "ko" ? "ko-KR" : "en-US").format(n);
}

/** Formats a date and time (an ISO string or epoch milliseconds) in the current language. */
export function formatDateTime(when: string | number): string {
  return new Date(when).toLocaleString(i18n.locale === "ko" ? "ko-KR" : "en-US");
}
