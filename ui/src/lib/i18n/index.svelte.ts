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

const intervalUnits: Record<Locale, Record<"s" | "m" | "h" | "d" | "mo" | "y", string>> = {
  ko: { s: "초", m: "분", h: "시간", d: "일", mo: "개월", y: "년" },
  en: { s: "s", m: "m", h: "h", d: "d", mo: "mo", y: "y" },
};

/**
 * An answer button's interval (the engine's `interval_secs`) shortened in the current
 * language: `1분 / 6분 / 10일` or `1m / 6m / 10d`. Same rounding as the engine's label.
 */
export function formatInterval(secs: number): string {
  const units = intervalUnits[i18n.locale];
  const [value, unit] = intervalParts(Math.max(0, secs));
  const text = new Intl.NumberFormat(i18n.locale === "ko" ? "ko-KR" : "en-US", { maximumFractionDigits: 1 }).format(value);
  return `${text}${units[unit]}`;
}

function intervalParts(secs: number): [number, "s" | "m" | "h" | "d" | "mo" | "y"] {
  const MINUTE = 60;
  const HOUR = 3600;
  const DAY = 86_400;
  const MONTH = 30 * DAY;
  const YEAR = 365 * DAY;
  const tenth = (v: number) => Math.round(v * 10) / 10;
  if (secs < MINUTE) return [Math.round(secs), "s"];
  if (secs < HOUR) return [Math.round(secs / MINUTE), "m"];
  if (secs < DAY) return [tenth(secs / HOUR), "h"];
  if (secs < MONTH) return [Math.round(secs / DAY), "d"];
  if (secs < YEAR) return [tenth(secs / MONTH), "mo"];
  return [tenth(secs / YEAR), "y"];
}
