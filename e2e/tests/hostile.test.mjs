// Hostile notes: a note full of script, event handlers, remote loads and raw HTML is
// imported and opened in the real app; nothing in it runs and nothing is fetched.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { freshDataDir, launchApp, screenshot, startDriver, stopDriver, waitForText } from "./harness.mjs";

before(startDriver);
after(stopDriver);

const HOSTILE = `# Hostile quarantine note

## Quarantine section

quarantine text with <script>document.title = "pwned"; window.__pwned = 1;</script> inline script.

<img src="x" onerror="document.title='pwned'; window.__pwned = 2">

<svg><script>window.__pwned = 3</script><circle onload="window.__pwned = 4" r="5"/></svg>

<iframe src="javascript:parent.__pwned = 5"></iframe>
<object data="http://127.0.0.1:9/object.swf"></object>
<embed src="http://127.0.0.1:9/embed.swf">

<div style="background:url(http://127.0.0.1:9/bg.png)" onclick="window.__pwned = 6">styled</div>

<style>body { background: url(http://127.0.0.1:9/style.png); }</style>

![remote image](http://127.0.0.1:9/remote.png)

[a javascript link](javascript:window.__pwned=7) and [a data link](data:text/html,<script>parent.__pwned=8</script>)

<a href="#" onmouseover="window.__pwned = 9">hover me</a>
`;

test("a hostile note renders inert: no script runs and nothing is fetched", async () => {
  const dataDir = freshDataDir("hostile");
  const notes = join(dataDir, "hostile");
  mkdirSync(notes);
  writeFileSync(join(notes, "hostile.md"), HOSTILE);

  const browser = await launchApp(dataDir);
  try {
    const title = await browser.getTitle();
    await (await browser.$('[data-testid="nav-library"]')).click();
    await (await browser.$('[data-testid="import-path"]')).setValue(notes);
    await (await browser.$('[data-testid="import-submit"]')).click();
    await waitForText(browser, '[data-testid="import-report"]', (t) => t.length > 0, 30_000);

    await (await browser.$('[data-testid="nav-search"]')).click();
    await (await browser.$('[data-testid="search-input"]')).setValue("quarantine");
    await waitForText(browser, '[data-testid="search-results"]', (t) => t.includes("Quarantine"));
    const hits = await browser.$$('[data-testid="search-hit"]');
    await hits[0].click();
    await waitForText(browser, '[data-testid="section-html"]', (t) => t.includes("quarantine text"));

    // Give anything that could run a moment, and hover and click what could react.
    const styled = await browser.$('[data-testid="section-html"] div');
    if (await styled.isExisting()) await styled.click();
    await browser.pause(500);
    await screenshot(browser, "hostile.png");

    assert.equal(await browser.getTitle(), title, "the page title is unchanged");
    assert.equal(await browser.execute(() => window.__pwned), null, "no injected code ran");
    const html = await (await browser.$('[data-testid="section-html"]')).getHTML();
    for (const bad of ["<script", "onerror", "onclick", "onload", "onmouseover", "javascript:", "<iframe", "<object", "<embed", "<style", "127.0.0.1"]) {
      assert.ok(!html.includes(bad), `rendered HTML contains ${bad}`);
    }
    const remote = await browser.execute(() =>
      performance
        .getEntriesByType("resource")
        .map((e) => e.name)
        .filter((name) => /^https?:/.test(name) && !name.startsWith(location.origin) && !name.includes("ipc.localhost")),
    );
    assert.deepEqual(remote, [], "no request left the app");
  } finally {
    await browser.deleteSession();
  }
});
