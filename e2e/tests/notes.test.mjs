// Notes: import a folder through the Library screen, search a Korean word, open the result.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { cliJson, freshDataDir, launchApp, root, screenshot, startDriver, stopDriver, waitForText, ko, say } from "./harness.mjs";

before(startDriver);
after(stopDriver);

// The study notes written for the tests: a long Korean notebook, plain-text blog posts, an
// English note (crates/engine/tests/fixtures/README.md).
const notebook = join(root, "crates", "engine", "tests", "fixtures", "notebook");
const noteFiles = readdirSync(notebook).filter((name) => /\.(md|txt)$/.test(name));

test("import a folder in the Library, search a Korean word, open the highlighted result", async () => {
  assert.ok(noteFiles.length >= 5, `fixture notes: ${noteFiles}`);
  const dataDir = freshDataDir("notes");
  const notes = join(dataDir, "instructor-notes");
  mkdirSync(notes);
  for (const name of noteFiles) cpSync(join(notebook, name), join(notes, name));

  const browser = await launchApp(dataDir);
  try {
    await (await browser.$('[data-testid="nav-library"]')).click();
    const input = await browser.$('[data-testid="import-path"]');
    await input.waitForExist({ timeout: 10_000 });
    await input.setValue(notes);
    await (await browser.$('[data-testid="import-submit"]')).click();
    const report = await waitForText(browser, '[data-testid="import-report"]', (t) => t.length > 0, 60_000);

    // The engine agrees: one document per note file, and the report's totals are exactly
    // the files of the folder and the sections the engine stored for them.
    const documents = cliJson(dataDir, "documents");
    const imported = documents.filter((d) => !d.is_builtin);
    assert.deepEqual(
      imported.map((d) => d.path.split(/[\\/]/).pop()).sort(),
      [...noteFiles].sort(),
      "every note file is one imported document",
    );
    const sections = imported.reduce((sum, d) => sum + d.section_count, 0);
    assert.ok(sections > noteFiles.length, `sections ${sections}`);
    const totals = say("library.totals", {
      imported: noteFiles.length,
      unchanged: 0,
      skipped: 0,
      failed: 0,
      sections,
    });
    assert.ok(report.includes(totals), `the report says "${totals}": ${report}`);
    const info = cliJson(dataDir, "info");
    assert.equal(info.counts.documents, documents.length);

    // The documents table lists every imported note by its title.
    const table = await waitForText(browser, '[data-testid="documents"]', (t) => imported.every((d) => t.includes(d.title)));
    assert.ok(table.includes("instructor-notes"), "the table shows where the notes came from");
    // The source column (badge and language code) never wraps letter by letter (#21, defect 6).
    const tallest = await browser.execute(() =>
      Math.max(
        ...[...document.querySelectorAll('[data-testid="documents"] td.source > *')].map(
          (el) => el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight || "20"),
        ),
      ),
    );
    assert.ok(tallest < 1.9, `the source column wraps: ${tallest} lines`);
    await (await browser.$('[data-testid="documents"]')).scrollIntoView();
    await screenshot(browser, "library-ko.png");

    // A web page's note is titled by its text, not by the page's furniture; every row shows
    // its card count as the engine counts it; a document is renamed in its row (#17).
    const blog = imported.find((d) => d.path.endsWith("blog-iam-organizations.txt"));
    assert.equal(blog.title, "AWS 공부 기록 - 멀티 계정과 권한 관리", "not 'top of page'");
    assert.ok(blog.card_count > 0, `cards of the blog: ${blog.card_count}`);
    const rows = await browser.$$('[data-testid="documents"] tbody tr');
    let blogRow;
    for (const row of rows) if ((await row.getText()).includes(blog.title)) blogRow = row;
    assert.ok(blogRow, "the blog has a row");
    const shownCount = await (await blogRow.$('[data-testid="card-count"]')).getText();
    assert.equal(shownCount.trim(), blog.card_count.toLocaleString("ko-KR"));
    await (await blogRow.$('[data-testid="rename-document"]')).click();
    const titleBox = await blogRow.$('[data-testid="rename-input"]');
    await titleBox.waitForExist({ timeout: 5000 });
    assert.equal(await titleBox.getValue(), blog.title, "the rename box starts from the title");
    await titleBox.setValue("조직과 권한 정리");
    await (await blogRow.$('[data-testid="rename-save"]')).click();
    await waitForText(browser, '[data-testid="documents"]', (t) => t.includes("조직과 권한 정리") && !t.includes(blog.title));
    const renamed = cliJson(dataDir, "documents").find((d) => d.id === blog.id);
    assert.equal(renamed.title, "조직과 권한 정리", "the engine stored the new title");
    await screenshot(browser, "library-renamed-ko.png");

    // A path that does not exist: the report says the import failed, in Korean (#21, defect 7).
    await input.setValue(join(dataDir, "no-such-folder"));
    await (await browser.$('[data-testid="import-submit"]')).click();
    const failed = await waitForText(browser, '[data-testid="import-report"]', (t) => t.includes(ko["library.report_failed"]), 30_000);
    assert.ok(failed.includes(ko["io.not_found"]), `the OS error is shown in Korean: ${failed}`);
    assert.ok(!failed.includes(ko["library.report_done"]), failed);
    await screenshot(browser, "library-import-failed-ko.png");

    // Search a Korean word that appears with particles in the notes.
    // Ctrl+3 opens Search with the box focused: Korean typed at once lands in it (#21, defect 3).
    await browser.keys(["Control", "3"]);
    await browser.keys(["Control"]);
    const box = await browser.$('[data-testid="search-input"]');
    await box.waitForExist({ timeout: 10_000 });
    await browser.waitUntil(async () => (await browser.execute(() => document.activeElement?.dataset.testid)) === "search-input", {
      timeout: 5000,
      timeoutMsg: "Ctrl+3 did not focus the search box",
    });
    await browser.keys("요금");
    assert.equal(await box.getValue(), "요금", "the typed Korean is in the search box");
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
    await screenshot(browser, "section-cards-ko.png");
    await (await browser.$('[data-testid="reader-back"]')).click();
    await waitForText(browser, '[data-testid="search-results"]', (t) => t.length > 0);
  } finally {
    await browser.deleteSession();
  }
});

test("searching 스팟 in the Korean course finds the Spot Instances section and shows the glossary expansion", async () => {
  const dataDir = freshDataDir("search-glossary");
  const browser = await launchApp(dataDir);
  try {
    // The shell mounts once the library's settings are read; go to Search from its sidebar.
    const nav = await browser.$('[data-testid="nav-search"]');
    await nav.waitForExist({ timeout: 30_000 });
    await nav.click();
    const box = await browser.$('[data-testid="search-input"]');
    await box.waitForExist({ timeout: 10_000 });
    await box.setValue("스팟");
    const results = await waitForText(browser, '[data-testid="search-results"]', (t) => t.includes("스팟 인스턴스"), 30_000);
    const headings = await browser.$$('[data-testid="search-hit"] .heading');
    const firstFive = [];
    for (const h of headings.slice(0, 5)) firstFive.push(await h.getText());
    assert.ok(
      firstFive.some((h) => h.includes("스팟 인스턴스")),
      `the Spot Instances section is among the first hits: ${firstFive} (${results.slice(0, 200)})`,
    );
    // The engine agrees, and says which counterpart it also searched.
    const engine = cliJson(dataDir, "search", "스팟", "--limit", "5");
    assert.deepEqual(engine.expansions, [{ from: "스팟", to: ["Spot"] }]);
    const expansion = await waitForText(browser, '[data-testid="search-expansion"]', (t) => t.length > 0);
    assert.ok(expansion.includes(ko["search.expanded"]), expansion);
    assert.ok(expansion.includes("스팟 → Spot"), `the screen shows the expansion: ${expansion}`);
    await screenshot(browser, "search-glossary-ko.png");

    // A question: its question words are set aside and the screen says so.
    await box.setValue("EC2 메모리 사용률은 어떻게 모니터링하나");
    const ignored = await waitForText(browser, '[data-testid="search-ignored"]', (t) => t.includes("어떻게"), 15_000);
    assert.ok(ignored.includes(ko["search.ignored"]), ignored);
    await waitForText(browser, '[data-testid="search-results"]', (t) => t.length > 0, 15_000);
  } finally {
    await browser.deleteSession();
  }
});
