import { beforeEach, describe, expect, it, vi } from "vitest";
import type { UiSettings } from "./bindings";

const stored: UiSettings = { language: "ko", theme: "system", content_language: "ko" };
vi.mock("./bindings", () => ({
  commands: {
    uiSettings: vi.fn(async () => ({ status: "ok" as const, data: { ...stored } satisfies UiSettings })),
    setUiSettings: vi.fn(async (s: UiSettings) => {
      Object.assign(stored, s);
      return { status: "ok" as const, data: { ...stored } satisfies UiSettings };
    }),
  },
}));

import { applyTheme, loadPreferences, preferences, updatePreferences } from "./preferences.svelte";
import { i18n } from "./i18n/index.svelte";

describe("preferences", () => {
  beforeEach(() => {
    stored.language = "ko";
    stored.theme = "system";
  });

  it("loads saved preferences and applies the language", async () => {
    stored.language = "en";
    await loadPreferences();
    expect(preferences.loaded).toBe(true);
    expect(i18n.locale).toBe("en");
  });

  it("saves a change through the backend and applies the theme", async () => {
    await loadPreferences();
    await updatePreferences({ theme: "dark" });
    expect(stored.theme).toBe("dark");
    expect(document.documentElement.dataset.theme).toBe("dark");
    applyTheme("system");
    expect(document.documentElement.dataset.theme).toBeUndefined();
  });
});
