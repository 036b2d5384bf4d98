import { describe, expect, it } from "vitest";
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

  it("formats dates in the current language", () => {
    const when = "2026-12-01T09:05:00.000Z";
    expect(formatDateTime(when)).toBe(new Date(when).toLocaleString("ko-KR"));
    setLocale("en");
    expect(formatDateTime(when)).toBe(new Date(when).toLocaleString("en-US"));
    setLocale("ko");
  });

  it("shortens answer-button intervals in the current language", () => {
    const secs = [45, 60, 360, 5400, 864_000, 3_110_400, 66_225_600];
    expect(secs.map(formatInterval)).toEqual(["45초", "1분", "6분", "1.5시간", "10일", "1.2개월", "2.1년"]);
    setLocale("en");
    expect(secs.map(formatInterval)).toEqual(["45s", "1m", "6m", "1.5h", "10d", "1.2mo", "2.1y"]);
    setLocale("ko");
  });
});
