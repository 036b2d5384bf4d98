// Images in notes: a note with a picture beside it is imported with the CLI and opened in the
// reader; the picture loads through the app's stratus-img scheme, while a `../` reference, a
// remote one, and URLs forged in the page to climb out of the folder or reach the network do not.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { cliJson, freshDataDir, launchApp, root, screenshot, startDriver, stopDriver, waitForText } from "./harness.mjs";

before(startDriver);
after(stopDriver);

const fixture = join(root, "crates/engine/tests/fixtures/images");

/** Loads `src` in a detached image and says whether it decoded, with its width. */
function probe(browser, src) {
  return browser.executeAsync((url, done) => {
    const img = new Image();
    const timer = setTimeout(() => done({ loaded: false, width: 0, why: "timeout" }), 5000);
    img.onload = () => {
      clearTimeout(timer);
      done({ loaded: true, width: img.naturalWidth });
    };
    img.onerror = () => {
      clearTimeout(timer);
      done({ loaded: false, width: img.naturalWidth, why: "error" });
    };
    img.src = url;
  }, src);
}

test("images: a note's own picture loads; ../, remote and forged URLs do not", async () => {
  const dataDir = freshDataDir("images");
  const work = freshDataDir("images-notes");
  const notes = join(work, "notes");
  mkdirSync(join(notes, "img"), { recursive: true });
  copyFileSync(join(fixture, "note.md"), join(notes, "note.md"));
  copyFileSync(join(fixture, "img/square.png"), join(notes, "img/square.png"));
  // A real picture just outside the note's folder: it must still never be shown.
  copyFileSync(join(fixture, "img/square.png"), join(work, "outside.png"));
  cliJson(dataDir, "import", notes);

  // Counts any request that reaches the network.
  let remoteHits = 0;
  const server = createServer((_req, res) => {
    remoteHits += 1;
    res.writeHead(200, { "content-type": "image/png" });
    res.end(readFileSync(join(fixture, "img/square.png")));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const remoteUrl = `http://127.0.0.1:${server.address().port}/remote.png`;

  const browser = await launchApp(dataDir);
  try {
    await (await browser.$('[data-testid="nav-search"]')).waitForExist({ timeout: 30_000 });
    await (await browser.$('[data-testid="nav-search"]')).click();
    await (await browser.$('[data-testid="search-input"]')).setValue("Availability Zone subnet");
    await waitForText(browser, '[data-testid="search-results"]', (t) => t.includes("VPC diagram"));
    await (await browser.$$('[data-testid="search-hit"]'))[0].click();
    await waitForText(browser, '[data-testid="section-html"]', (t) => t.includes("travels with it"));

    const images = await browser.$$('[data-testid="section-html"] img');
    assert.equal(images.length, 3, "every image keeps its element and alt text");
    await browser.waitUntil(
      () => browser.execute(() => [...document.querySelectorAll('[data-testid="section-html"] img')].every((i) => i.complete)),
      { timeout: 10_000, timeoutMsg: "the images never finished loading" },
    );
    const shown = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="section-html"] img')].map((i) => ({
        alt: i.alt,
        src: i.getAttribute("src"),
        width: i.naturalWidth,
        height: i.naturalHeight,
        fits: i.getBoundingClientRect().width <= i.parentElement.getBoundingClientRect().width,
      })),
    );
    const [own, up, remote] = shown;
    assert.equal(own.alt, "VPC with two subnets");
    assert.match(own.src, /^(stratus-img:\/\/localhost|https?:\/\/stratus-img\.localhost)\/\d+\/img\/square\.png$/);
    assert.equal(own.width, 4, "the note's picture decoded");
    assert.equal(own.height, 3);
    assert.ok(own.fits, "the picture fits the column");
    assert.deepEqual([up.alt, up.src, up.width], ["outside the folder", null, 0]);
    assert.deepEqual([remote.alt, remote.src, remote.width], ["remote picture", null, 0]);
    await screenshot(browser, "images-ko.png");

    // The scheme itself refuses what the HTML never holds, and the CSP blocks the network.
    for (const forged of [own.src.replace("img/square.png", "..%2Foutside.png"), own.src.replace("img/square.png", "%2E%2E/outside.png"), own.src.replace("img/square.png", "note.md")]) {
      const result = await probe(browser, forged);
      assert.deepEqual([result.loaded, result.width], [false, 0], forged);
    }
    assert.equal((await probe(browser, own.src)).width, 4, "the same URL form loads when the file is allowed");
    const outside = await probe(browser, remoteUrl);
    assert.deepEqual([outside.loaded, outside.width], [false, 0], "a remote image is blocked");
    assert.equal(remoteHits, 0, "no request reached the network");
  } finally {
    await browser.deleteSession();
    server.close();
  }
});
