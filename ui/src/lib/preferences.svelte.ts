// Interface preferences (language, theme): loaded from the library at start-up, applied to
// the document, and saved back through the backend when the learner changes them.
import type { UiSettings, Theme, UiLanguage } from "./bindings";
import { api } from "./api";
import { setLocale } from "./i18n/index.svelte";

export const preferences = $state<{ current: UiSettings; loaded: boolean }>({
  current: { language: "ko", theme: "system", content_language: "ko" },
  loaded: false,
});

/** Applies a theme choice: "system" leaves the OS preference in charge. */
export function applyTheme(theme: Theme): void {
  const root = document.documentElement;
  if (theme === "system") delete root.dataset.theme;
  else root.dataset.theme = theme;
}

/** Where the last applied language and theme are remembered on this machine. */
const HINT_KEY = "stratus.ui";

function apply(settings: UiSettings): void {
  preferences.current = settings;
  setLocale(settings.language);
  applyTheme(settings.theme);
  try {
    localStorage.setItem(HINT_KEY, JSON.stringify({ language: settings.language, theme: settings.theme }));
  } catch {
    // Storage may be unavailable; the library's settings still apply once loaded.
  }
}

/**
 * Applies the language and theme last used on this machine, synchronously, so the first paint
 * is not Korean-then-English or light-then-dark while the library's settings load.
 */
export function applyRememberedPreferences(): void {
  try {
    const hint = JSON.parse(localStorage.getItem(HINT_KEY) ?? "null") as Partial<UiSettings> | null;
    if (hint?.language === "ko" || hint?.language === "en") setLocale(hint.language);
    if (hint?.theme === "light" || hint?.theme === "dark" || hint?.theme === "system") applyTheme(hint.theme);
  } catch {
    // A damaged hint is ignored.
  }
}

/** Loads the saved preferences; keeps the defaults if the library cannot be read. */
export async function loadPreferences(): Promise<void> {
  try {
    apply(await api.uiSettings());
  } catch {
    apply(preferences.current);
  } finally {
    preferences.loaded = true;
  }
}

/** Changes and saves one preference; the UI follows what the backend stored. */
export async function updatePreferences(patch: {
  language?: UiLanguage;
  theme?: Theme;
  content_language?: UiLanguage;
}): Promise<void> {
  const next = { ...preferences.current, ...patch };
  apply(next);
  apply(await api.setUiSettings(next));
}
