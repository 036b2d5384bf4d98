// A long import does not freeze the app: while a large folder is importing, the heading
// palette (Ctrl+K) opens and answers, and the screens still switch; the import is then
// cancelled.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cliJson, freshDataDir, launchApp, screenshot, startDriver, stopDriver, waitForText } from "./harness.mjs";

before(startDriver);
after(stopDriver);

const FILES = 800;
const SECTIONS = 12;

/** A folder of `FILES` notes with `SECTIONS` sections each, every file different. */
function writeBigFolder(folder) {
  mkdirSync(folder);
  for (let f = 0; f < FILES; f++) {
    let text = `# Lecture ${f}\n\n`;
    for (let s = 0; s < SECTIONS; s++) {
      text +=
        `## [SAA] Storage topic ${f}-${s}\n\n` +
        `Amazon S3 bucket ${f}-${s} keeps objects; lifecycle rule ${s} moves them after ${f + s} days.\n\n` +
        `- **Term${f}x${s}**: the definition of term ${s} in lecture ${f}\n` +
        `- **Limit${f}x${s}**: ${100 + s} requests per second per prefix in lecture ${f}\n\n`;
    }
    writeFileSync(join(folder, `lecture-${String(f).padStart(4, "0")}.md`), text);
  }
}

test("during a large import the palette opens and answers and the screens switch", async () => {
  const dataDir = freshDataDir("responsive");
  const notes = join(dataDir, "big-notes");
  writeBigFolder(notes);

  const browser = await launchApp(dataDir);
  try {
    await (await browser.$('[data-testid="nav-library"]')).click();
    const input = await browser.$('[data-testid="import-path"]');
    await input.waitForExist({ timeout: 10_000 });
    await input.setValue(notes);
    await (await browser.$('[data-testid="import-submit"]')).click();
    const progress = await browser.$('[data-testid="import-progress"]');
    await progress.waitForExist({ timeout: 30_000 });

    // The palette: opens with Ctrl+K and lists built-in headings for a query.
    const asked = Date.now();
    await browser.keys(["Control", "k"]);
    const box = await browser.$('[data-testid="palette-input"]');
    await box.waitForExist({ timeout: 5_000 });
    await box.setValue("Glacier");
    await browser.waitUntil(async () => (await browser.$$('[data-testid="palette"] li[role="option"]')).length > 0, {
      timeout: 5_000,
      timeoutMsg: "the palette did not answer within 5 s during the import",
    });
    const answeredMs = Date.now() - asked;
    const first = await (await browser.$('[data-testid="palette"] li[role="option"]')).getText();
    assert.match(first, /glacier/i, `the first hit is about Glacier: ${first}`);
    // Still importing: the answer came during the import, not after it.
    assert.ok(await (await browser.$('[data-testid="import-progress"]')).isExisting(), "the import was still running");
    await screenshot(browser, "palette-during-import.png");
    await browser.keys(["Escape"]);

    // Navigation: Ctrl+3 opens Search, which searches while the import goes on.
    await browser.keys(["Control", "3"]);
    const search = await browser.$('[data-testid="search-input"]');
    await search.waitForExist({ timeout: 5_000 });
    await search.setValue("Glacier");
    await browser.keys(["Enter"]);
    await waitForText(browser, '[data-testid="search-results"]', (t) => /glacier/i.test(t), 5_000);

    // Back in the Library the import is still running; cancelling stops it between two
    // files, and every file it got to is a whole document.
    await browser.keys(["Control", "2"]);
    const cancel = await browser.$('[data-testid="import-progress"] button');
    await cancel.waitForExist({ timeout: 5_000 });
    await cancel.click();
    const report = await waitForText(browser, '[data-testid="import-report"]', (t) => t.trim() !== "", 120_000);
    const imported = cliJson(dataDir, "documents").filter((d) => !d.is_builtin);
    assert.ok(imported.length > 0 && imported.length < FILES, `${imported.length} of ${FILES} files before the cancel; report: ${report}`);
    // Every file has the same headings, so a whole document has as many sections as any other.
    const sections = imported[0].section_count;
    assert.ok(sections >= SECTIONS, `${sections} sections`);
    for (const d of imported) assert.equal(d.section_count, sections, `${d.path} is whole`);
    console.log(`palette answered in ${answeredMs} ms during an import of ${FILES} files (${imported.length} imported when cancelled)`);
  } finally {
    await browser.deleteSession();
  }
});
