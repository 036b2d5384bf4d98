// Practice exam: start a 10-question SAA exam by keyboard, answer with number keys, flag one,
// move back and forth, submit with Ctrl+Enter and confirm, read the report by domain, open an
// explanation and jump to the section it comes from; then the same report in English and
// dark, the history, the Progress screen's latest result, and a practice question explained.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cliJson, freshDataDir, launchApp, screenshot, startDriver, stopDriver, waitForText } from "./harness.mjs";

before(startDriver);
after(stopDriver);

const $ = (browser, testid) => browser.$(`[data-testid="${testid}"]`);

/** Focuses an element without clicking it, so the next step is a key press. */
async function focus(browser, testid) {
  const el = await $(browser, testid);
  await el.waitForExist({ timeout: 10_000 });
  await browser.execute((e) => e.focus(), el);
  return el;
}

async function question(browser) {
  const q = await $(browser, "exam-question");
  await q.waitForExist({ timeout: 10_000 });
  return {
    position: Number(await q.getAttribute("data-position")),
    choose: Number(await q.getAttribute("data-choose")),
    flagged: (await q.getAttribute("data-flagged")) === "true",
  };
}

async function waitForPosition(browser, position) {
  await browser.waitUntil(async () => (await question(browser)).position === position, {
    timeout: 10_000,
    timeoutMsg: `question ${position + 1} never showed`,
  });
}

const norm = (text) => text.replace(/\s+/g, " ").trim();

/** The 1-based numbers of the options shown that are right (or wrong), from the question bank. */
async function optionsToPick(browser, bank, right, choose) {
  const stem = norm(await (await $(browser, "exam-stem")).getText());
  const known = bank.get(stem);
  assert.ok(known, `the question on screen is in the bank: ${stem.slice(0, 60)}`);
  const shown = await browser.execute(() =>
    Array.from(document.querySelectorAll('[data-testid="exam-option"] .text')).map((e) => e.textContent ?? ""),
  );
  const isCorrect = shown.map((text) => known.options.find((o) => norm(o.text) === norm(text))?.is_correct === true);
  const picks = isCorrect.map((c, i) => (c === right ? i + 1 : 0)).filter((n) => n > 0);
  return picks.slice(0, choose);
}

async function pickedCount(browser) {
  return browser.execute(() => document.querySelectorAll('[data-testid="exam-option"][data-picked="true"]').length);
}

async function domainRows(browser) {
  return browser.execute(() =>
    Array.from(document.querySelectorAll('[data-testid="domain-row"]')).map((r) => ({
      total: Number(r.getAttribute("data-total")),
      correct: Number(r.getAttribute("data-correct")),
      text: r.textContent,
    })),
  );
}

test("a 10-question SAA exam by keyboard: answer, flag, move, submit, report by domain, source section", async () => {
  const dataDir = freshDataDir("exam");
  const browser = await launchApp(dataDir);
  try {
    // Ctrl+5 opens the practice exam screen.
    await waitForText(browser, '[data-testid="nav-exam"]', (t) => t.includes("모의고사"));
    await browser.keys(["Control", "5"]);
    await (await $(browser, "exam-start-form")).waitForExist({ timeout: 10_000 });
    const bank = new Map(cliJson(dataDir, "questions", "list", "--exam", "SAA").map((q) => [norm(q.stem), q]));
    assert.ok(bank.size >= 10, `the SAA question bank holds ${bank.size} questions`);

    // SAA, 10 questions, by keyboard: Space picks a focused radio button, Enter starts.
    await focus(browser, "exam-choice-SAA");
    await browser.keys(" ");
    await waitForText(browser, '[data-testid="exam-plan"]', (t) => t.includes("SAA-C03"));
    await focus(browser, "length-10");
    await browser.keys(" ");
    // The time is the real exam's in proportion: 130 min × 10 / 65 → 20 min.
    const plan = await waitForText(browser, '[data-testid="exam-plan"]', (t) => t.includes("10문항"));
    assert.match(plan, /20분/, `plan: ${plan}`);
    await screenshot(browser, "exam-start-ko.png");
    await focus(browser, "exam-start");
    await browser.keys("Enter");

    await waitForText(browser, '[data-testid="exam-position"]', (t) => t.includes("1 / 10"));
    const timer = await waitForText(browser, '[data-testid="exam-timer"]', (t) => /\d\d:\d\d/.test(t));
    assert.match(timer, /(19:[0-5]\d|20:00)/, `timer starts near 20:00: ${timer}`);
    await screenshot(browser, "exam-question-ko.png");

    // Answer every question with the number keys (as many options as it asks for): right
    // ones, except for the second and fifth question; flag the third.
    const missed = new Set([1, 4]);
    let multiShot = false;
    for (let i = 0; i < 10; i++) {
      const q = await question(browser);
      assert.equal(q.position, i);
      const picks = await optionsToPick(browser, bank, !missed.has(i), q.choose);
      assert.equal(picks.length, q.choose, `question ${i + 1} has ${q.choose} option(s) to pick`);
      for (const n of picks) await browser.keys(String(n));
      await browser.waitUntil(async () => (await pickedCount(browser)) === q.choose, {
        timeout: 5000,
        timeoutMsg: `question ${i + 1}: ${q.choose} option(s) never showed as picked`,
      });
      if (q.choose > 1 && !multiShot) {
        multiShot = true;
        await waitForText(browser, '[data-testid="exam-choose"]', (t) => t.includes(`${q.choose}개`));
        await screenshot(browser, "exam-question-multi-ko.png");
      }
      if (i === 2) {
        await browser.keys("f");
        await browser.waitUntil(async () => (await question(browser)).flagged, { timeout: 5000, timeoutMsg: "F did not flag" });
      }
      if (i < 9) {
        await browser.keys("n");
        await waitForPosition(browser, i + 1);
      }
    }
    // P goes back, N forward again; answers stay.
    await browser.keys("p");
    await waitForPosition(browser, 8);
    assert.ok((await pickedCount(browser)) > 0, "the answer of question 9 is still there");
    await browser.keys("n");
    await waitForPosition(browser, 9);

    // The navigator shows ten answered cells, one of them flagged.
    await browser.waitUntil(
      async () =>
        (await browser.execute(() => document.querySelectorAll('[data-testid="nav-cell"][data-state="answered"]').length)) === 10,
      { timeout: 10_000, timeoutMsg: "the navigator never showed ten answered questions" },
    );
    const flaggedCells = await browser.execute(() => document.querySelectorAll('[data-testid="nav-cell"][data-flagged="true"]').length);
    assert.equal(flaggedCells, 1);
    await screenshot(browser, "exam-navigator-ko.png");

    // Ctrl+Enter asks first, with the counts; Escape goes back, Enter submits.
    await browser.keys(["Control", "Enter"]);
    await waitForText(browser, '[data-testid="confirm-unanswered"]', (t) => /\b0\b|0개/.test(t));
    await waitForText(browser, '[data-testid="confirm-flagged"]', (t) => t.includes("1"));
    await screenshot(browser, "exam-submit-ko.png");
    await browser.keys("Escape");
    await browser.waitUntil(async () => !(await (await $(browser, "submit-dialog")).isExisting()), { timeout: 5000 });
    await browser.keys(["Control", "Enter"]);
    await (await $(browser, "submit-dialog")).waitForExist({ timeout: 5000 });
    await browser.keys("Enter");
    await (await $(browser, "exam-report")).waitForExist({ timeout: 15_000 });

    // The report: one row per SAA domain, totals adding up to the ten questions, and the
    // right answers by domain adding up to the overall count.
    const saa = cliJson(dataDir, "exam", "history").find((a) => a.exam === "SAA-C03");
    assert.ok(saa, "the CLI sees the submitted attempt");
    const rows = await domainRows(browser);
    assert.equal(rows.length, 4, "SAA-C03 has four domains");
    assert.equal(rows.reduce((n, r) => n + r.total, 0), 10);
    const correctText = await waitForText(browser, '[data-testid="report-correct"]', (t) => /\d/.test(t));
    const correct = rows.reduce((n, r) => n + r.correct, 0);
    assert.equal(correct, 10 - missed.size, "the questions answered right are counted right, by domain");
    assert.equal(saa.correct, correct, "the CLI agrees");
    assert.ok(correctText.includes(String(correct)), `report says ${correctText}`);
    const percent = await waitForText(browser, '[data-testid="report-percent"]', (t) => t.includes("%"));
    assert.equal(percent, `${Math.round(saa.percent)}%`);
    const score = Number(await (await $(browser, "report-score")).getText());
    assert.equal(score, saa.estimated_score, "the estimate is the engine's");
    assert.equal(await (await $(browser, "report-passed")).getAttribute("data-passed"), String(saa.passed));
    assert.match(await (await $(browser, "estimate-note")).getText(), /추정치/);
    await waitForText(browser, '[data-testid="cards-added"]', (t) => /\d/.test(t));
    await screenshot(browser, "exam-report-ko.png");

    // Open a missed question's explanation and jump to the section it comes from.
    const item = await browser.$('[data-testid="review-item"][data-correct="false"]');
    await (await item.$("summary")).click();
    const explanation = await item.$('[data-testid="exam-explanation"]');
    await explanation.waitForDisplayed({ timeout: 5000 });
    assert.ok((await explanation.getText()).length > 10, "the overall explanation shows");
    await item.scrollIntoView();
    await screenshot(browser, "exam-explanation-ko.png");
    // Beside the link the question names its source section (heading path); the reader must
    // open that very section: its title is the path's last heading, its breadcrumbs the path.
    const path = (await (await item.$(".path")).getText()).split(" › ").map((p) => p.trim());
    const sectionHeading = path[path.length - 1];
    assert.ok(sectionHeading.length > 1, `the question names its section: ${path}`);
    await (await item.$('[data-testid="exam-open-source"]')).click();
    await (await $(browser, "section-reader")).waitForExist({ timeout: 10_000 });
    const heading = await waitForText(browser, '[data-testid="section-reader"] h1', (t) => t.trim().length > 0);
    assert.equal(heading.trim(), sectionHeading, "the reader shows the question's source section");
    const crumbs = [];
    for (const crumb of await browser.$$('[data-testid="section-reader"] .crumbs .crumb')) {
      crumbs.push((await crumb.getText()).trim());
    }
    assert.deepEqual(crumbs, path, "the reader's breadcrumbs are the path the question shows");
    await screenshot(browser, "exam-source-ko.png");
    // Its back button returns to the report.
    await waitForText(browser, '[data-testid="reader-back"]', (t) => t.includes("모의고사"));
    await (await $(browser, "reader-back")).click();
    await (await $(browser, "exam-report")).waitForExist({ timeout: 10_000 });

    // History: the attempt in the table and the chart.
    await (await $(browser, "exam-tab-history")).click();
    await (await $(browser, "exam-trend")).waitForExist({ timeout: 10_000 });
    await (await $(browser, "history-toggle-table")).click();
    const historyRows = await browser.$$('[data-testid="history-row"]');
    assert.equal(historyRows.length, 1);
    await screenshot(browser, "exam-history-ko.png");

    // Progress shows the latest result beside expected recall.
    await (await $(browser, "nav-progress")).click();
    const latest = await waitForText(browser, '[data-testid="exam-SAA"] [data-testid="latest-exam"]', (t) => t.includes("%"));
    assert.ok(latest.includes(String(saa.estimated_score)), `progress: ${latest}`);
    await screenshot(browser, "progress-exam-ko.png");

    // The missed questions wait in Review as question cards: answering one shows why each
    // option is right or wrong and the explanation. With no new cards today (set by the CLI on
    // the same library) the reviewer reaches them at once; any other card is set aside (B).
    cliJson(dataDir, "review", "settings", "--new-per-day", "0");
    await (await $(browser, "nav-review")).click();
    let explained = false;
    for (let step = 0; step < 60 && !explained; step++) {
      const face = await $(browser, "review-card");
      if (!(await face.isExisting())) {
        await browser.pause(200);
        continue;
      }
      const id = await face.getAttribute("data-card-id");
      if ((await face.getAttribute("data-generator")) === "question") {
        const multi = await $(browser, "review-choose");
        const n = (await multi.isExisting()) ? Number((await multi.getText()).replace(/[^0-9]/g, "")) : 1;
        for (let k = 1; k <= n; k++) await browser.keys(String(k));
        if (n > 1) await browser.keys("Enter");
        await waitForText(browser, '[data-testid="review-verdict"]', (t) => t.length > 0);
        await (await $(browser, "review-explanation")).waitForDisplayed({ timeout: 5000 });
        const why = await browser.$$('[data-testid="review-option-explanation"]');
        assert.ok(why.length >= 2, "each option is explained");
        await screenshot(browser, "review-question-ko.png");
        explained = true;
      } else {
        await browser.keys("b");
        await browser.waitUntil(
          async () => {
            const f = await $(browser, "review-card");
            return !(await f.isExisting()) || (await f.getAttribute("data-card-id")) !== id;
          },
          { timeout: 10_000, timeoutMsg: `card ${id} stayed on screen` },
        );
      }
    }
    assert.ok(explained, "a question card from the exam came up in Review");

    // English and dark: the same report.
    await (await $(browser, "nav-settings")).click();
    await (await $(browser, "language-en")).click();
    await (await $(browser, "theme-dark")).click();
    await waitForText(browser, '[data-testid="nav-exam"]', (t) => t.includes("Practice exam"));
    await (await $(browser, "nav-exam")).click();
    await (await $(browser, "history-toggle-table")).waitForExist({ timeout: 10_000 });
    await (await $(browser, "history-toggle-table")).click();
    await screenshot(browser, "exam-history-en-dark.png");
    const open = await browser.$('[data-testid="history-row"] button');
    await open.click();
    await (await $(browser, "exam-report")).waitForExist({ timeout: 10_000 });
    assert.equal((await domainRows(browser)).length, 4);
    await waitForText(browser, '[data-testid="estimate-note"]', (t) => t.includes("estimate"));
    await screenshot(browser, "exam-report-en-dark.png");
    await (await $(browser, "filter-wrong")).click();
    const wrong = await browser.$$('[data-testid="review-item"]');
    assert.equal(wrong.length, 10 - saa.correct, "the Wrong filter lists the missed questions");

    // Practice mode in English: the answer is marked and explained at once.
    await (await $(browser, "exam-new")).click();
    await focus(browser, "mode-practice");
    await browser.keys(" ");
    await waitForText(browser, '[data-testid="exam-plan"]', (t) => t.includes("untimed"));
    await screenshot(browser, "exam-start-practice-en-dark.png");
    await focus(browser, "exam-start");
    await browser.keys("Enter");
    await waitForText(browser, '[data-testid="exam-position"]', (t) => t.includes("1 of"));
    const first = await question(browser);
    await screenshot(browser, "exam-question-en-dark.png");
    for (let k = 1; k <= first.choose; k++) await browser.keys(String(k));
    if (first.choose > 1) await browser.keys("Enter");
    await waitForText(browser, '[data-testid="exam-verdict"]', (t) => t.length > 0);
    await (await $(browser, "exam-explanation")).waitForDisplayed({ timeout: 5000 });
    await screenshot(browser, "exam-practice-en-dark.png");
    await browser.keys("Enter");
    await waitForPosition(browser, 1);
  } finally {
    await browser.deleteSession();
  }
});

test("an exam left open is offered first and resumed; leaving the screen stops its clock", async () => {
  const dataDir = freshDataDir("exam-resume");
  // An exam started (and partly answered) earlier, here by the CLI on the same library.
  const started = cliJson(dataDir, "exam", "start", "--exam", "SAA", "--count", "3");
  cliJson(dataDir, "exam", "answer", String(started.id), "1", "A");
  const browser = await launchApp(dataDir);
  try {
    await waitForText(browser, '[data-testid="nav-exam"]', (t) => t.length > 0);
    await browser.keys(["Control", "5"]);
    const offer = await waitForText(browser, '[data-testid="exam-resumable"]', (t) => t.includes("SAA-C03"));
    assert.match(offer, /3문항 중 1문항/, offer);
    await screenshot(browser, "exam-resume-ko.png");
    await focus(browser, "exam-resume");
    await browser.keys("Enter");
    await waitForText(browser, '[data-testid="exam-position"]', (t) => t.includes("1 / 3"));
    assert.equal(await pickedCount(browser), 1, "the answer given before is there");
    await browser.keys("n");
    await waitForPosition(browser, 1);

    // Away from the screen the engine's clock stands still…
    await browser.keys(["Control", "1"]);
    await (await $(browser, "start-review")).waitForExist({ timeout: 10_000 });
    let before = null;
    await browser.waitUntil(
      async () => {
        const a = cliJson(dataDir, "exam", "show", String(started.id));
        const still = before !== null && a.elapsed_ms - before < 300;
        before = a.elapsed_ms;
        return still;
      },
      { timeout: 10_000, interval: 1500, timeoutMsg: "the clock kept running while the exam screen was left" },
    );
    // …and coming back goes on at the same question.
    await browser.keys(["Control", "5"]);
    await waitForText(browser, '[data-testid="exam-position"]', (t) => t.includes("2 / 3"));
    await browser.pause(1500);
    const running = cliJson(dataDir, "exam", "show", String(started.id));
    assert.ok(running.elapsed_ms - before >= 1000, `the clock runs again: ${before} → ${running.elapsed_ms}`);
  } finally {
    await browser.deleteSession();
  }
});
