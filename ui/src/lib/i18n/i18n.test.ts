import { describe, expect, it, vi } from "vitest";
import ko from "./ko.json";
import en from "./en.json";
import { formatDateTime, formatInterval, i18n, setLocale, t } from "./index.svelte";

describe("i18n", () => {
  it("has the same keys in Korean and English, none empty", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ko).sort());
    for (const [key, value] of [...Object.entries(ko), ...Object.entries(en)]) {
      expect(value.trim(), key).not.toBe("");
    }
  });

  it("defaults to Korean and switches to English", () => {
    expect(i18n.locale).toBe("ko");
    expect(t("nav.settings")).toBe("설정");
    setLocale("en");
    expect(t("nav.settings")).toBe("Settings");
    expect(document.documentElement.lang).toBe("en");
    setLocale("ko");
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    setLocale("en");
    expect(t("home.schema", { version: 3, sqlite: "3.50.2" })).toBe("Schema version 3 · SQLite 3.50.2");
    expect(t("home.schema", { version: 3 })).toContain("{sqlite}");
    setLocale("ko");
  });

  it("formats dates in the current language and the local time zone", () => {
    vi.stubEnv("TZ", "Asia/Seoul");
    try {
      const when = "2026-12-01T09:05:00.000Z";
      // Korean order (year. month. day.) and the Seoul time, 18:05, on a 12-hour clock; the
      // word for "PM" depends on the ICU data of the Node build, so it is not compared.
      const ko = formatDateTime(when);
      expect(ko.startsWith("2026. 12. 1. ")).toBe(true);
      expect(ko.endsWith(" 6:05:00")).toBe(true);
      setLocale("en");
      expect(formatDateTime(when)).toBe("12/1/2026, 6:05:00 PM");
    } finally {
      setLocale("ko");
      vi.unstubAllEnvs();
    }
  });

  it("shortens answer-button intervals in the current language", () => {
    const secs = [45, 60, 360, 5400, 864_000, 3_110_400, 66_225_600];
    expect(secs.map(formatInterval)).toEqual(["45초", "1분", "6분", "1.5시간", "10일", "1.2개월", "2.1년"]);
    setLocale("en");
    expect(secs.map(formatInterval)).toEqual(["45s", "1m", "6m", "1.5h", "10d", "1.2mo", "2.1y"]);
    setLocale("ko");
  });
});
