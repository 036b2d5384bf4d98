// Export to Anki from Settings: one exam and topic as a deck package, the report in the
// learner's language, and a file Anki can read that holds the same notes as the CLI's export
// of the same cards. Then the same cards as CSV.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cliJson, freshDataDir, launchApp, screenshot, startDriver, stopDriver, waitForText, say } from "./harness.mjs";

before(startDriver);
after(stopDriver);

const $ = (browser, id) => browser.$(`[data-testid="${id}"]`);

/** What an Anki deck package holds: its deck names and its notes' ids (guid), sorted. */
function readPackage(file) {
  const script = `
import json, sqlite3, sys, tempfile, zipfile, os
with zipfile.ZipFile(sys.argv[1]) as z, tempfile.TemporaryDirectory() as d:
    z.extract("collection.anki2", d)
    db = sqlite3.connect(os.path.join(d, "collection.anki2"))
    decks = sorted(v["name"] for v in json.loads(db.execute("select decks from col").fetchone()[0]).values())
    guids = sorted(r[0] for r in db.execute("select guid from notes"))
    cards = db.execute("select count(*) from cards").fetchone()[0]
    db.close()
print(json.dumps({"decks": decks, "guids": guids, "cards": cards}))
`;
  const out = spawnSync("python3", ["-c", script, file], { encoding: "utf8" });
  if (out.status !== 0) throw new Error(`${file} is not a readable deck package: ${out.stderr}`);
  return JSON.parse(out.stdout);
}

test("Settings exports one exam's topic to Anki: the report, and the notes the CLI exports", async () => {
  const dataDir = freshDataDir("anki-export");
  // The CLI's export of the same cards, to compare with (this also makes the library).
  const cliFile = join(dataDir, "cli.apkg");
  const expected = cliJson(dataDir, "export", "anki", "--exam", "SAA", "--topic", "s3", "-o", cliFile);
  assert.ok(expected.note_count > 10, `the built-in course has S3 cards for SAA: ${JSON.stringify(expected)}`);

  const target = join(dataDir, "S3 복습 덱.apkg");
  const browser = await launchApp(dataDir);
  try {
    const nav = await $(browser, "nav-settings");
    await nav.waitForExist({ timeout: 30_000 });
    await nav.click();
    const exam = await $(browser, "anki-exam");
    await exam.waitForExist({ timeout: 15_000 });
    // The exam list comes from the engine; wait for it before choosing.
    await browser.waitUntil(async () => (await browser.$$('[data-testid="anki-exam"] option[value="SAA-C03"]')).length === 1, {
      timeout: 15_000,
      timeoutMsg: "SAA-C03 is not offered",
    });
    await exam.selectByAttribute("value", "SAA-C03");
    await (await $(browser, "anki-topic")).setValue("s3");
    await (await $(browser, "anki-path")).setValue(target);
    await (await $(browser, "anki-run")).click();

    // The report of an export of those cards to `path`, as the CLI counted them.
    const reported = (path) =>
      say("anki.done", {
        count: expected.note_count,
        cloze: expected.cloze_count,
        choice: expected.choice_count,
        deck: expected.deck,
        path,
      });
    await waitForText(browser, '[data-testid="anki-status"]', (t) => t === reported(target), 60_000);
    await (await $(browser, "anki-export")).scrollIntoView();
    await screenshot(browser, "settings-anki-ko.png");

    // Anki reads the file: one deck of that name and the very notes of the CLI's export.
    const made = readPackage(target);
    const fromCli = readPackage(cliFile);
    assert.ok(made.decks.includes(expected.deck), `${expected.deck} in ${made.decks}`);
    assert.equal(made.guids.length, expected.note_count);
    assert.deepEqual(made.guids, fromCli.guids);
    assert.equal(made.cards, fromCli.cards);

    // The same cards as CSV, the same file as the CLI writes.
    const csv = join(dataDir, "s3.csv");
    await (await browser.$('input[name="anki-format"][value="csv"]')).click();
    const path = await $(browser, "anki-path");
    await path.clearValue();
    await path.setValue(csv);
    await (await $(browser, "anki-run")).click();
    await waitForText(browser, '[data-testid="anki-status"]', (t) => t === reported(csv), 60_000);
  } finally {
    await browser.deleteSession();
  }
  const cliCsv = join(dataDir, "cli.csv");
  cliJson(dataDir, "export", "anki", "--exam", "SAA", "--topic", "s3", "--csv", "-o", cliCsv);
  assert.equal(readFileSync(join(dataDir, "s3.csv"), "utf8"), readFileSync(cliCsv, "utf8"));
});
