// The Cards screen: opened by Ctrl+7, filtered to one document, two cards checked and
// suspended from the keyboard (the CLI then lists exactly those as suspended), unsuspended
// again, and a card's source section opened and left back to the list.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cliJson, freshDataDir, launchApp, screenshot, startDriver, stopDriver, waitForText } from "./harness.mjs";

before(startDriver);
after(stopDriver);

const $ = (browser, id) => browser.$(`[data-testid="${id}"]`);

/** How many px the Cards screen and its table are wider than their frames (a scrollbar). */
function sideways(browser) {
  return browser.execute(() => {
    const wide = (el) => el.scrollWidth - el.clientWidth;
    return { screen: wide(document.getElementById("main")), table: wide(document.querySelector(".table-wrap")) };
  });
}

/** The ids of the rows shown, in order. */
const rowIds = (browser) =>
  browser.execute(() => [...document.querySelectorAll('[data-testid="card-row"]')].map((r) => r.getAttribute("data-card-id")));

test("cards: filter to a document, suspend two from the keyboard, unsuspend, open a source section", async () => {
  const dataDir = freshDataDir("cards");
  const browser = await launchApp(dataDir);
  try {
    await waitForText(browser, '[data-testid="nav-cards"]', (t) => t.includes("카드"));
    // A document of the built-in course with a few cards, chosen through the CLI.
    // The course is imported on first launch: wait until the card count stops moving.
    let cardCount = -1;
    await browser.waitUntil(
      async () => {
        const now = cliJson(dataDir, "info").counts.cards;
        const settled = now > 0 && now === cardCount;
        cardCount = now;
        return settled;
      },
      { timeout: 60_000, interval: 1500, timeoutMsg: "the built-in course was not imported" },
    );
    // The document of the built-in course with the fewest cards (at least 3).
    let doc = null;
    for (const d of cliJson(dataDir, "documents")) {
      // `cards list` exits with 1 when the document has no card.
      let total = 0;
      try {
        total = cliJson(dataDir, "cards", "list", "--document", String(d.id), "--limit", "1").total;
      } catch {
        continue;
      }
      if (total >= 3 && (doc === null || total < doc.total)) doc = { d, total };
    }
    assert.ok(doc, "the built-in course has a document with 3 cards or more");
    const shown = Math.min(doc.total, 50);

    await browser.keys(["Control", "7"]);
    await browser.keys(["Control"]);
    await (await $(browser, "cards-screen")).waitForExist({ timeout: 10_000 });
    assert.equal(await (await $(browser, "nav-cards")).getAttribute("aria-current"), "page");
    await waitForText(browser, '[data-testid="cards-count"]', (t) => /\d/.test(t));

    await (await $(browser, "cards-document")).selectByVisibleText(doc.d.title);
    await waitForText(browser, '[data-testid="cards-count"]', (t) => t.startsWith(`${doc.total}장 중`));
    const titles = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="card-row"] .doc > div:first-child')].map((e) => e.textContent),
    );
    assert.equal(titles.length, shown);
    assert.ok(titles.every((t) => t === doc.d.title), `rows of ${doc.d.title} only: ${titles}`);
    await screenshot(browser, "cards-ko.png");
    assert.deepEqual(await sideways(browser), { screen: 0, table: 0 }, "px that stick out sideways (ko)");

    // Keyboard: the table has focus; Space checks the first row, j moves, Space checks the
    // second, S suspends both.
    await browser.execute(() => document.querySelector('[data-testid="cards-table"]').focus());
    const ids = await rowIds(browser);
    await browser.keys([" "]);
    await browser.keys(["j"]);
    await browser.keys([" "]);
    await waitForText(browser, '[data-testid="cards-count"]', (t) => t.includes("2장 선택됨"));
    await browser.keys(["s"]);
    await waitForText(browser, '[data-testid="cards-outcome"]', (t) => t.includes("2장 중 2장을 보류했습니다"));
    const suspended = cliJson(dataDir, "cards", "list", "--document", String(doc.d.id), "--state", "suspended");
    assert.deepEqual(suspended.cards.map((c) => c.id).sort(), [ids[0], ids[1]].sort());
    assert.equal(suspended.total, 2);
    const states = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="card-state"]')].slice(0, 3).map((e) => e.textContent),
    );
    assert.deepEqual(states.slice(0, 2), ["보류됨", "보류됨"]);
    await screenshot(browser, "cards-suspended-ko.png");

    // The Unsuspend button acts on the same checked cards.
    await (await $(browser, "cards-unsuspend")).click();
    await waitForText(browser, '[data-testid="cards-outcome"]', (t) => t.includes("보류를 해제했습니다"));
    const all = cliJson(dataDir, "cards", "list", "--document", String(doc.d.id), "--all");
    assert.equal(all.cards.filter((c) => c.is_suspended).length, 0, "nothing of the document stays suspended");

    // Enter on the row under the cursor (the second) opens its source section.
    const second = all.cards.find((c) => c.id === ids[1]);
    const section = cliJson(dataDir, "show", String(second.section_id));
    await browser.execute(() => document.querySelector('[data-testid="cards-table"]').focus());
    await browser.keys(["Enter"]);
    await (await $(browser, "section-reader")).waitForExist({ timeout: 10_000 });
    await waitForText(browser, "#screen-title", (t) => t === section.heading);
    await waitForText(browser, '[data-testid="reader-back"]', (t) => t.includes("카드 목록으로"));
    await (await $(browser, "reader-back")).click();
    await (await $(browser, "cards-screen")).waitForExist({ timeout: 10_000 });
    // The list comes back as it was left: the same document, the same rows.
    await waitForText(browser, '[data-testid="cards-count"]', (t) => t.startsWith(`${doc.total}장 중`));
    assert.deepEqual(await rowIds(browser), ids);

    // "/" goes to the search box; the text narrows the list (the engine matches it).
    await browser.execute(() => document.querySelector('[data-testid="cards-table"]').focus());
    await browser.keys(["/"]);
    const active = await browser.execute(() => document.activeElement?.getAttribute("data-testid"));
    assert.equal(active, "cards-search");

    // Settings is Ctrl+8 now; English and dark, then the Cards screen again.
    await browser.keys(["Escape"]);
    await browser.keys(["Control", "8"]);
    await browser.keys(["Control"]);
    await (await $(browser, "language-en")).click();
    await (await $(browser, "theme-dark")).click();
    await browser.keys(["Control", "7"]);
    await browser.keys(["Control"]);
    await waitForText(browser, '[data-testid="cards-count"]', (t) => t.startsWith(`1–${shown} of ${doc.total}`));
    await (await $(browser, "sort-lapses")).click();
    await browser.waitUntil(
      async () => (await browser.execute(() => document.querySelector('th[aria-sort="ascending"]')?.textContent ?? "")).includes("Lapses"),
      { timeout: 5000, timeoutMsg: "the Lapses column is not marked as sorted" },
    );
    await screenshot(browser, "cards-en-dark.png");
    assert.deepEqual(await sideways(browser), { screen: 0, table: 0 }, "px that stick out sideways (en, dark)");
  } finally {
    await browser.deleteSession();
  }
});
