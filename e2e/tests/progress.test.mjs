// Progress between computers: answers given on a second data folder (the CLI standing in for
// another computer) are exported to a file and imported in the app's Settings; the library
// then holds them, and importing the same file again adds nothing. An export to a path where
// a file already is asks first: Cancel keeps the file as it was, Replace writes the export.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cliJson, freshDataDir, launchApp, screenshot, startDriver, stopDriver, waitForText, ko, say } from "./harness.mjs";

before(startDriver);
after(stopDriver);

const $ = (browser, id) => browser.$(`[data-testid="${id}"]`);

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

test("an export onto an existing file asks first: Cancel keeps it, Replace writes the export", async () => {
  // This library has one answer to export; a file of someone else's is already at the path.
  const dataDir = freshDataDir("progress-replace");
  const next = cliJson(dataDir, "review", "next");
  cliJson(dataDir, "review", "answer", next.card.card_id, "--rating", "good");
  const target = join(dataDir, "기록 내보내기 progress.json");
  const before = Buffer.from("지난주에 적어 둔 메모: 이 파일은 지우지 마세요.\n", "utf8");
  writeFileSync(target, before);

  const browser = await launchApp(dataDir);
  try {
    await (await $(browser, "nav-settings")).click();
    const path = await $(browser, "progress-path");
    await path.waitForExist({ timeout: 15_000 });
    await path.setValue(target);
    await (await $(browser, "progress-export")).click();

    // The question names the file, in the learner's language, with Replace and Cancel.
    const prompt = await $(browser, "progress-replace");
    await prompt.waitForDisplayed({ timeout: 15_000 });
    assert.equal(await (await browser.$("#progress-replace-question")).getText(), say("overwrite.ask", { path: target }));
    assert.equal(await (await $(browser, "progress-replace-replace")).getText(), ko["overwrite.replace"]);
    assert.equal(await (await $(browser, "progress-replace-cancel")).getText(), ko["overwrite.cancel"]);
    assert.equal(await (await $(browser, "progress-status")).getText(), "", "nothing is reported as saved yet");
    await (await $(browser, "progress-transfer")).scrollIntoView();
    await screenshot(browser, "settings-progress-replace-ko.png");

    // Cancel: the prompt goes and the file keeps its bytes.
    await (await $(browser, "progress-replace-cancel")).click();
    await prompt.waitForExist({ reverse: true, timeout: 15_000 });
    assert.deepEqual(readFileSync(target), before, "Cancel leaves the existing file as it was");
    assert.equal(await (await $(browser, "progress-status")).getText(), "");

    // Again, and Replace: the export is written over the file and reported.
    await (await $(browser, "progress-export")).click();
    await (await $(browser, "progress-replace")).waitForDisplayed({ timeout: 15_000 });
    await (await $(browser, "progress-replace-replace")).click();
    const saved = say("progress_io.exported", { reviews: 1, attempts: 0, path: target });
    await waitForText(browser, '[data-testid="progress-status"]', (t) => t === saved);
    assert.equal(await (await $(browser, "progress-replace")).isExisting(), false);
  } finally {
    await browser.deleteSession();
  }

  // The file is now a progress export: another library takes its one answer from it.
  assert.notDeepEqual(readFileSync(target), before);
  const elsewhere = freshDataDir("progress-replace-other");
  const merged = cliJson(elsewhere, "progress", "import", target);
  assert.equal(merged.reviews_added, 1);
  assert.equal(merged.is_unchanged, false);
});
