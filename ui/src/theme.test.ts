// Every text colour pair of the theme meets WCAG AA (4.5:1) in light and dark (issue #21,
// defect 5), and screens take text colours from the theme instead of fixed hex values, which
// is how grey-on-blue and dark-green-on-dark slipped in.
import { describe, expect, it } from "vitest";
import css from "./app.css?raw";

const screens = import.meta.glob("./**/*.svelte", { query: "?raw", import: "default", eager: true }) as Record<string, string>;

function block(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`${selector} not found in app.css`);
  const body = css.slice(css.indexOf("{", start) + 1, css.indexOf("}", start));
  return Object.fromEntries([...body.matchAll(/(--[\w-]+):\s*(#[0-9a-f]{6})\b/gi)].map((m) => [m[1]!, m[2]!]));
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG 2 contrast ratio of two #rrggbb colours. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

// Text colour on background, as the screens use them.
const PAIRS: [string, string][] = [
  ["--text", "--bg"],
  ["--text", "--surface"],
  ["--text", "--surface-2"],
  ["--text", "--hover"],
  ["--text", "--accent-soft"],
  ["--muted", "--bg"],
  ["--muted", "--surface"],
  ["--muted", "--surface-2"],
  ["--accent-strong", "--accent-soft"],
  ["--accent-strong", "--surface"],
  ["--accent-strong", "--surface-2"],
  ["--accent-strong", "--bg"],
  ["--on-accent", "--accent"],
  ["--danger", "--surface"],
  ["--danger", "--bg"],
  ["--danger", "--bad-soft"],
  ["--on-danger", "--danger"],
  ["--ok", "--surface"],
  ["--ok-strong", "--ok-soft"],
  ["--queue-new", "--surface"],
  ["--queue-new", "--bg"],
  ["--queue-learning", "--surface"],
  ["--queue-learning", "--bg"],
  ["--queue-review", "--surface"],
  ["--queue-review", "--bg"],
];

describe("theme contrast", () => {
  const light = block(":root");
  const dark = block(':root[data-theme="dark"]');

  it("the OS dark theme and the chosen dark theme are the same colours", () => {
    expect(block(':root:not([data-theme="light"])')).toEqual(dark);
  });

  for (const [name, theme] of [
    ["light", light],
    ["dark", dark],
  ] as const) {
    it(`every text pair meets 4.5:1 in the ${name} theme`, () => {
      const failing = PAIRS.filter(([fg, bg]) => {
        const [f, b] = [theme[fg], theme[bg]];
        if (!f || !b) throw new Error(`${fg} or ${bg} missing in ${name}`);
        return contrast(f, b) < 4.5;
      }).map(([fg, bg]) => `${fg} on ${bg}: ${contrast(theme[fg]!, theme[bg]!).toFixed(2)}`);
      expect(failing).toEqual([]);
    });
  }

  it("screens set text colours from the theme, not fixed values", () => {
    const fixed = Object.entries(screens).flatMap(([path, source]) =>
      [...source.matchAll(/(?<![-\w])color:\s*(#[0-9a-f]{3,8}|rgb[^;]*|white|black)\s*;/gi)].map((m) => `${path}: ${m[0]}`),
    );
    expect(fixed).toEqual([]);
  });

  it("a key hint inside a primary (blue) button takes the button's text colour", () => {
    const review = screens["./screens/review/ReviewScreen.svelte"]!;
    expect(review).toMatch(/\.primary kbd\s*\{[^}]*color:\s*inherit/);
  });
});
