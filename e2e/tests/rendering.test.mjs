// The app as it ships on Linux: drawn without GPU compositing (docs/decisions/0013). Home
// shows the engine's counts, every screen opens with its own heading and keeps producing
// frames (animation-frame callbacks run), and the app's process tree is the one measured in
// BENCHMARKS.md (the app, one web process, one network process).
// No screenshots here: WebKitWebDriver's screenshot command hangs in this mode.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { cliJson, freshDataDir, launchApp, startDriver, stopDriver, waitForText } from "./harness.mjs";

before(() => startDriver({ defaultRendering: true }));
after(stopDriver);

/** The pid of the app serving `dataDir` and the pids of the processes it started. */
function appProcesses(dataDir) {
  const out = spawnSync("pgrep", ["-n", "-f", "--", `--data-dir ${dataDir}`], { encoding: "utf8" });
  const root = Number(out.stdout.trim());
  assert.ok(root > 0, `the app process for ${dataDir} is running`);
  const parentOf = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // ended meanwhile
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) {
    for (const [child, parent] of parentOf) if (parent === tree[i]) tree.push(child);
  }
  return tree.map((pid) => ({ pid, name: readFileSync(`/proc/${pid}/comm`, "utf8").trim() }));
}

test("as shipped (no GPU compositing), every screen opens, draws its heading and produces frames", async () => {
  const dataDir = freshDataDir("rendering");
  const browser = await launchApp(dataDir);
  try {
    const info = cliJson(dataDir, "info");
    const cards = await waitForText(browser, '[data-testid="count-cards"]', (t) => /\d/.test(t), 30_000);
    assert.equal(Number(cards.replace(/[^0-9]/g, "")), info.counts.cards, "Home shows the engine's card count");

    const ids = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid^="nav-"]')].map((b) => b.getAttribute("data-testid").slice(4)),
    );
    assert.ok(ids.length >= 7, `the sidebar lists the screens: ${ids}`);
    const titles = new Set();
    for (const id of ids) {
      await (await browser.$(`[data-testid="nav-${id}"]`)).click();
      await browser.waitUntil(async () => (await browser.$("main").getAttribute("data-screen")) === id, {
        timeout: 10_000,
        timeoutMsg: `${id} did not open`,
      });
      const title = await waitForText(browser, "main h1", (t) => t.trim().length > 0);
      titles.add(title.trim());
      // Two animation frames go by: the view is drawing, not stalled.
      const frames = await browser.executeAsync((done) => {
        const timer = setTimeout(() => done(0), 5_000);
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            clearTimeout(timer);
            done(2);
          }),
        );
      });
      assert.equal(frames, 2, `${id} produces frames`);
    }
    assert.equal(titles.size, ids.length, `each screen draws its own heading: ${[...titles]}`);

    const names = appProcesses(dataDir).map((p) => p.name);
    assert.equal(names.filter((n) => n.startsWith("WebKitWebProces")).length, 1, `one web process: ${names}`);
    assert.equal(names.filter((n) => n.startsWith("WebKitNetworkP")).length, 1, `one network process: ${names}`);
  } finally {
    await browser.deleteSession();
  }
});
