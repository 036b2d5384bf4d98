// Which screen is shown, and which section is open in the reader. Screens and the Ctrl+K
// palette change it; App.svelte renders from it.
export type ScreenId = "home" | "library" | "search" | "review" | "progress" | "settings";

export const navigation = $state<{ screen: ScreenId; sectionId: number | null }>({
  screen: "home",
  sectionId: null,
});

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
