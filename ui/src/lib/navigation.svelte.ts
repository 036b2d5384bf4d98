// Which screen is shown, and which section is open in the reader. Screens and the Ctrl+K
// palette change it; App.svelte renders from it.
import type { ReviewScope } from "./bindings";

export type ScreenId = "home" | "library" | "search" | "review" | "exam" | "progress" | "cards" | "settings";

export const navigation = $state<{
  screen: ScreenId;
  sectionId: number | null;
  reviewScope: ReviewScope | null;
  /** The screen the reader's back button returns to (e.g. an exam report); null: the results. */
  returnTo: ScreenId | null;
}>({
  screen: "home",
  sectionId: null,
  reviewScope: null,
  returnTo: null,
});

/** Opens the reviewer on a scope (e.g. "study these" on a weak topic). */
export function startReview(scope: ReviewScope): void {
  navigation.reviewScope = scope;
  navigation.sectionId = null;
  navigation.returnTo = null;
  navigation.screen = "review";
}

/** Shows a screen (closing any open section). */
export function goTo(screen: ScreenId): void {
  navigation.screen = screen;
  navigation.sectionId = null;
  navigation.returnTo = null;
}

/**
 * Opens a section in the reader, on the Search screen. `returnTo` names the screen its back
 * button goes to; moving between sections inside the reader keeps the one already set.
 */
export function openSection(id: number, returnTo?: ScreenId): void {
  const inReader = navigation.screen === "search" && navigation.sectionId !== null;
  navigation.returnTo = returnTo ?? (inReader ? navigation.returnTo : null);
  navigation.screen = "search";
  navigation.sectionId = id;
}

/** Closes the reader: back to the screen that opened it, or to the results. */
export function closeSection(): void {
  navigation.sectionId = null;
  if (navigation.returnTo) {
    navigation.screen = navigation.returnTo;
    navigation.returnTo = null;
  }
}
