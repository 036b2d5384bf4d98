// Every keyboard shortcut of the app, in one list: the `?` overlay shows it and a unit test holds
// README's "Keyboard shortcuts" table to it, so the two cannot drift apart.
import type { MessageKey } from "./i18n/index.svelte";

export type Shortcut = { keys: string; action: MessageKey };
export type ShortcutGroup = { title: MessageKey; shortcuts: Shortcut[] };

export const SHORTCUTS: ShortcutGroup[] = [
  {
    title: "shortcuts.group.everywhere",
    shortcuts: [
      { keys: "Ctrl+1…8", action: "shortcuts.screens" },
      { keys: "Ctrl+K", action: "shortcuts.palette" },
      { keys: "?", action: "shortcuts.help" },
      { keys: "Esc", action: "shortcuts.close" },
    ],
  },
  {
    title: "shortcuts.group.review",
    shortcuts: [
      { keys: "Space / Enter", action: "shortcuts.reveal" },
      { keys: "1–4", action: "shortcuts.rate" },
      { keys: "B", action: "shortcuts.bury" },
      { keys: "S", action: "shortcuts.suspend" },
      { keys: "O", action: "shortcuts.open_notes" },
      { keys: "Ctrl+Z", action: "shortcuts.undo" },
    ],
  },
  {
    title: "shortcuts.group.exam",
    shortcuts: [
      { keys: "1–8", action: "shortcuts.exam_choose" },
      { keys: "N / P", action: "shortcuts.exam_next_prev" },
      { keys: "F", action: "shortcuts.exam_flag" },
      { keys: "Ctrl+Enter", action: "shortcuts.exam_submit" },
    ],
  },
  {
    title: "shortcuts.group.cards",
    shortcuts: [
      { keys: "/", action: "shortcuts.cards_search" },
      { keys: "↑ / ↓, J / K", action: "shortcuts.cards_move" },
      { keys: "Space", action: "shortcuts.cards_select" },
      { keys: "S", action: "shortcuts.cards_suspend" },
      { keys: "Enter", action: "shortcuts.cards_open" },
    ],
  },
];

/** Whether a key press asks for the shortcuts overlay: `?` outside a text field. */
export function isHelpKey(event: KeyboardEvent): boolean {
  if (event.key !== "?" || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return false;
  const el = event.target as HTMLElement | null;
  if (!el || typeof el.tagName !== "string") return true;
  if (el.isContentEditable || el.tagName === "TEXTAREA" || el.tagName === "SELECT") return false;
  return el.tagName !== "INPUT" || ["radio", "checkbox", "button", "submit", "reset"].includes((el as HTMLInputElement).type);
}
