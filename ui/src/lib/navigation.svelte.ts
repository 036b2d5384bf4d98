// Which screen is shown, and which section is open in the reader. Screens and the Ctrl+K
// palette change it; App.svelte renders from it.
import type { ReviewScope } from "./bindings";

export type ScreenId = "home" | "library" | "search" | "review" | "progress" | "settings";

export const navigation = $state<{ screen: ScreenId; sectionId: number | null; reviewScope: ReviewScope | null }>({
  screen: "home",
  sectionId: null,
  reviewScope: null,
});

/** Opens the reviewer on a scope (e.g. "study these" on a weak topic). */
export function startReview(scope: ReviewScope): void {
  navigation.reviewScope = scope;
  navigation.sectionId = null;
  navigation.screen = "review";
}

/** Shows a screen (closing any open section). */
export function goTo(screen: ScreenId): void {
  navigation.screen = screen;
  navigation.sectionId = null;
}

/** Opens a section in the reader, on the Search screen. */
export function openSection(id: number): void {
  navigation.screen = "search";
  navigation.sectionId = id;
}

/** Closes the reader and returns to the results. */
export function closeSection(): void {
  navigation.sectionId = null;
}
