// Progress between computers: answers given on a second data folder (the CLI standing in for
// another computer) are exported to a file and imported in the app's Settings; the library
// then holds them, and importing the same file again adds nothing.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { cliJson, freshDataDir, launchApp, screenshot, startDriver, stopDriver, waitForText } from "./harness.mjs";

before(startDriver);
after(stopDriver);

test("a progress file from another computer is imported in Settings, once", async () => {
  // The other computer: the built-in course, one card answered, its progress exported.
  const other = freshDataDir("progress-other");
  const next = cliJson(other, "review", "next");
  const card = next.card.card_id;
  cliJson(other, "review", "answer", card, "--rating", "good");
  const file = join(other, "progress.json");
  const sent = cliJson(other, "progress", "export", "-o", file);
  assert.equal(sent.reviews, 1);

  const dataDir = freshDataDir("progress");
  const browser = await launchApp(dataDir);
  try {
    // The shell draws once the saved preferences are read (the library opens meanwhile).
    const settings = await browser.$('[data-testid="nav-settings"]');
    await settings.waitForExist({ timeout: 30_000 });
    await settings.click();
    const path = await browser.$('[data-testid="progress-path"]');
    await path.waitForExist({ timeout: 15_000 });
    await path.setValue(file);
    await (await browser.$('[data-testid="progress-import"]')).click();
    const merged = await waitForText(browser, '[data-testid="progress-status"]', (t) => t.includes("1"));
    assert.match(merged, /새 복습 기록 1건을 합치고/);
    assert.doesNotMatch(merged, /0건|0장|0회/, "counts that are zero are left out");
    await (await browser.$('[data-testid="progress-transfer"]')).scrollIntoView();
    await screenshot(browser, "settings-progress-import.png");

    // The app's library now has the other computer's answer.
    const mine = cliJson(dataDir, "progress", "export", "-o", join(dataDir, "mine.json"));
    assert.equal(mine.reviews, 1);

    // The same file again: nothing new.
    await (await browser.$('[data-testid="progress-import"]')).click();
    await waitForText(browser, '[data-testid="progress-status"]', (t) => t.includes("새로 합칠 기록이 없습니다"));
  } finally {
    await browser.deleteSession();
  }
});
