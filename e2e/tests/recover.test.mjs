// A library that does not open: Home says why and offers its backups; restoring one brings
// the library back without leaving the app, and the damaged file is kept.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cliJson, freshDataDir, launchApp, screenshot, startDriver, stopDriver, waitForText } from "./harness.mjs";

before(startDriver);
after(stopDriver);

test("a damaged library is restored from a backup on Home", async () => {
  const dataDir = freshDataDir("recover");
  cliJson(dataDir, "backup");
  const counts = cliJson(dataDir, "info").counts;

  // Garbage over the whole database file, as a failing disk might leave it.
  const db = join(dataDir, "stratus.sqlite3");
  writeFileSync(db, Buffer.alloc(statSync(db).size, 0xa5));
  for (const suffix of ["-wal", "-shm"]) rmSync(db + suffix, { force: true });

  const browser = await launchApp(dataDir);
  try {
    await waitForText(browser, '[data-testid="home-error"]', (t) => t.length > 0);
    await waitForText(browser, '[data-testid="recover-library"]', (t) => t.length > 0);
    await (await browser.$('[data-testid="recover-pick"]')).click();
    await screenshot(browser, "home-recover.png");
    await (await browser.$('[data-testid="recover-confirm"]')).click();

    const notice = await waitForText(browser, '[data-testid="home-notice"]', (t) => t.includes("stratus-damaged-"));
    assert.match(notice, /stratus-\d{8}T/, "the notice names the backup");
    const documents = await waitForText(browser, '[data-testid="count-documents"]', (t) => t.length > 0);
    assert.equal(Number(documents.replace(/[^0-9]/g, "")), counts.documents, "the backup's documents are back");
    assert.ok(
      readdirSync(dataDir).some((name) => name.startsWith("stratus-damaged-")),
      "the damaged file is kept beside the library",
    );
    await screenshot(browser, "home-recovered.png");
  } finally {
    await browser.deleteSession();
  }
  assert.equal(cliJson(dataDir, "info").counts.documents, counts.documents, "the restored library opens again");
});
