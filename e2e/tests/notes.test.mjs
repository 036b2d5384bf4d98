// Notes: import a folder through the Library screen, search a Korean word, open the result.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { cliJson, freshDataDir, launchApp, root, screenshot, startDriver, stopDriver, waitForText } from "./harness.mjs";

before(startDriver);
after(stopDriver);

const samples = join(root, "..", "shared", "samples");

test("import a folder in the Library, search a Korean word, open the highlighted result", async () => {
  const dataDir = freshDataDir("notes");
  const notes = join(dataDir, "instructor-notes");
  mkdirSync(notes);
  for (const name of readdirSync(samples)) cpSync(join(samples, name), join(notes, name));

  const browser = await launchApp(dataDir);
  try {
    await (await browser.$('[data-testid="nav-library"]')).click();
    const input = await browser.$('[data-testid="import-path"]');
    await input.waitForExist({ timeout: 10_000 });
    await input.setValue(notes);
    await (await browser.$('[data-testid="import-submit"]')).click();
    const report = await waitForText(browser, '[data-testid="import-report"]', (t) => t.length > 0, 60_000);
    const files = readdirSync(notes).length;
    assert.match(report, new RegExp(`${files}`), `the report counts the ${files} files: ${report}`);

    // The engine agrees: the imported documents are in the library.
    const info = cliJson(dataDir, "info");
    assert.ok(info.counts.documents >= files, `documents ${info.counts.documents} >= ${files}`);
    const table = await waitForText(browser, '[data-testid="documents"]', (t) => t.includes("instructor-notes") || t.length > 0);
    assert.ok(table.length > 0);
    await screenshot(browser, "library-ko.png");

    // Search a Korean word that appears with particles in the notes.
    await (await browser.$('[data-testid="nav-search"]')).click();
    const box = await browser.$('[data-testid="search-input"]');
    await box.setValue("요금");
    await waitForText(browser, '[data-testid="search-results"]', (t) => t.length > 0, 15_000);
    const marks = await browser.$$('[data-testid="search-snippet"] mark');
    assert.ok(marks.length > 0, "the snippet highlights the match");
    const firstMark = await marks[0].getText();
    assert.match(firstMark, /요금/);
    await screenshot(browser, "search-ko.png");

    // Open the first result: the reader shows the section with its breadcrumbs.
    const hits = await browser.$$('[data-testid="search-hit"]');
    await hits[0].click();
    const body = await waitForText(browser, '[data-testid="section-html"]', (t) => t.length > 0);
    assert.match(body, /요금/);
    await screenshot(browser, "reader-ko.png");

    // The section's quiz cards are listed; suspending one is stored by the engine.
    const cards = await browser.$$('[data-testid="section-card"]');
    assert.ok(cards.length > 0, "the opened section lists its cards");
    assert.equal(await cards[0].getAttribute("data-status"), "active");
    await (await cards[0].$('[data-testid="card-suspend"]')).click();
    await browser.waitUntil(async () => (await cards[0].getAttribute("data-status")) === "suspended", {
      timeout: 10_000,
      timeoutMsg: "the card never showed as suspended",
    });
    await cards[0].scrollIntoView();
    await screenshot(browser, "cards-ko.png");
    await (await browser.$('[data-testid="reader-back"]')).click();
    await waitForText(browser, '[data-testid="search-results"]', (t) => t.length > 0);
  } finally {
    await browser.deleteSession();
  }
});
