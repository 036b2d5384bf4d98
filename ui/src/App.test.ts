// The shell's screen shortcuts put focus where typing is expected (issue #21, defect 3): after
// Ctrl+3 the search box has focus, so text typed at once (Korean too) is not lost.
import { describe, expect, it, vi } from "vitest";
import { render } from "@testing-library/svelte";
import { tick } from "svelte";

// jsdom has no matchMedia; the chart library asks for it when loaded.
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

// Every backend call stays pending except the preferences, so screens render their frames.
const commands = vi.hoisted(
  () =>
    new Proxy({} as Record<string, unknown>, {
      get: (_target, name) =>
        name === "uiSettings"
          ? async () => ({ status: "ok", data: { language: "ko", theme: "system", content_language: "ko" } })
          : () => new Promise(() => {}),
    }),
);
vi.mock("./lib/bindings", () => ({ commands, events: new Proxy({}, { get: () => ({ listen: async () => () => {} }) }) }));

import App from "./App.svelte";

async function settle() {
  for (let i = 0; i < 5; i++) {
    await tick();
    await new Promise((r) => setTimeout(r, 0));
  }
}

function press(key: string) {
  window.dispatchEvent(new KeyboardEvent("keydown", { key, ctrlKey: true, bubbles: true }));
}

describe("screen shortcuts", () => {
  it("Ctrl+3 focuses the search box; other screens focus their heading or typing target", async () => {
    render(App);
    await settle();
    press("3");
    await settle();
    const active = document.activeElement as HTMLElement;
    expect(active.dataset.testid).toBe("search-input");

    // The Library screen is a chunk of its own: focus lands once it is loaded and drawn.
    press("2");
    await vi.waitFor(
      () => {
        expect(document.activeElement?.id).toBe("screen-title");
        expect(document.activeElement?.textContent).toMatch(/자료실|라이브러리|Library/);
      },
      { timeout: 10_000 },
    );
  });

  it("? shows every shortcut; keys do not reach the screen behind it; Esc closes it", async () => {
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "?", bubbles: true }));
    await settle();
    const sheet = document.querySelector('[data-testid="shortcuts"]');
    expect(sheet?.textContent).toContain("키보드 단축키");
    expect(sheet?.textContent).toContain("Ctrl+Z");
    expect(sheet?.textContent).toContain("Ctrl+Enter");
    press("3");
    await settle();
    expect(document.querySelector("main")?.dataset.screen).toBe("library");
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    await settle();
    expect(document.querySelector('[data-testid="shortcuts"]')).toBeNull();
  });
});
