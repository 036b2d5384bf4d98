// README's "Keyboard shortcuts" table is the `?` overlay's list, in English (issue #21, defect 11).
import { describe, expect, it } from "vitest";
import readme from "../../../README.md?raw";
import en from "./i18n/en.json";
import { SHORTCUTS, isHelpKey } from "./shortcuts";

describe("keyboard shortcuts", () => {
  it("README lists exactly the shortcuts the overlay shows", () => {
    const section = readme.split("## Keyboard shortcuts")[1]?.split("\n## ")[0] ?? "";
    const rows = section
      .split("\n")
      .filter((line) => /^\| (?!Where|---)/.test(line))
      .map((line) => line.split("|").slice(1, -1).map((cell) => cell.trim()));
    const expected = SHORTCUTS.flatMap((group) =>
      group.shortcuts.map((s) => [en[group.title], `\`${s.keys}\``, en[s.action]]),
    );
    expect(rows).toEqual(expected);
  });

  it("? opens the list outside text fields only", () => {
    const key = (target: Element) => {
      const event = new KeyboardEvent("keydown", { key: "?" });
      Object.defineProperty(event, "target", { value: target });
      return isHelpKey(event);
    };
    expect(key(document.body)).toBe(true);
    expect(key(document.createElement("button"))).toBe(true);
    expect(key(document.createElement("input"))).toBe(false);
    expect(key(document.createElement("textarea"))).toBe(false);
  });
});
