// The saved language and theme apply before the first paint (issue #21, defect 4): while the
// library's settings load nothing Korean is drawn for an English user, and the theme and
// language last used on this machine are applied synchronously.
import { describe, expect, it, vi } from "vitest";
import { render } from "@testing-library/svelte";
import { tick } from "svelte";

vi.hoisted(() => {
  window.matchMedia ??= ((query: string) => ({
    matches: false,
    media: query,
    addEventListener() {},
    removeEventListener() {},
    addListener() {},
    removeListener() {},
  })) as unknown as typeof window.matchMedia;
});

const settings = vi.hoisted(() => {
  let resolve: (value: unknown) => void = () => {};
  const pending = new Promise((r) => (resolve = r));
  return { pending, resolve: (v: unknown) => resolve(v) };
});
const commands = vi.hoisted(
  () =>
    new Proxy({} as Record<string, unknown>, {
      get: (_target, name) => (name === "uiSettings" ? () => settings.pending : () => new Promise(() => {})),
    }),
);
vi.mock("./lib/bindings", () => ({ commands }));

import App from "./App.svelte";
import { applyRememberedPreferences } from "./lib/preferences.svelte";
import { i18n } from "./lib/i18n/index.svelte";

async function settle() {
  for (let i = 0; i < 5; i++) {
    await tick();
    await new Promise((r) => setTimeout(r, 0));
  }
}

describe("start-up", () => {
  it("applies the remembered language and theme synchronously", () => {
    localStorage.setItem("stratus.ui", JSON.stringify({ language: "en", theme: "dark" }));
    applyRememberedPreferences();
    expect(i18n.locale).toBe("en");
    expect(document.documentElement.dataset.theme).toBe("dark");
    localStorage.setItem("stratus.ui", "not json");
    expect(() => applyRememberedPreferences()).not.toThrow();
  });

  it("draws nothing until the saved language is known, then draws it", async () => {
    localStorage.clear();
    const { container } = render(App);
    await settle();
    expect(container.textContent).not.toMatch(/설정|홈/);
    // A screen shortcut pressed while the settings load still counts, focus included.
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "3", ctrlKey: true, bubbles: true }));
    settings.resolve({ status: "ok", data: { language: "en", theme: "light", content_language: "ko" } });
    await settle();
    expect(container.textContent).toContain("Settings");
    expect(container.textContent).not.toMatch(/설정/);
    expect((document.activeElement as HTMLElement).dataset.testid).toBe("search-input");
    expect(JSON.parse(localStorage.getItem("stratus.ui")!)).toEqual({ language: "en", theme: "light" });
  });
});
