// Launches the real desktop app under a virtual display and drives it through WebDriver:
// Xvfb → tauri-driver → WebKitWebDriver → the Stratus binary built with
// `tauri build --debug --no-bundle`. Each test gets a fresh data directory.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { remote } from "webdriverio";

const here = dirname(fileURLToPath(import.meta.url));
export const root = resolve(here, "../..");
const targetDir = process.env.CARGO_TARGET_DIR ? resolve(process.env.CARGO_TARGET_DIR) : join(root, "target");
export const appBinary = process.env.STRATUS_APP ?? join(targetDir, "debug", "stratus-app");
export const cliBinary = process.env.STRATUS_CLI ?? join(targetDir, "debug", "stratus");
export const artifacts = join(root, "e2e", "artifacts");

/** The Korean interface messages, the app's default language. */
export const ko = JSON.parse(readFileSync(join(root, "ui", "src", "lib", "i18n", "ko.json"), "utf8"));

/** The Korean message `key` with its `{name}` placeholders filled in, as the app shows it. */
export function say(key, params = {}) {
  return ko[key].replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

// Another port (and its +1 for WebKitWebDriver) lets two runs share a machine.
const DRIVER_PORT = Number(process.env.STRATUS_E2E_PORT ?? 4444);
const children = [];

function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return (async () => {
    while (Date.now() < deadline) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/status`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    throw new Error(`nothing answered on port ${port} within ${timeoutMs} ms`);
  })();
}

/**
 * Starts Xvfb (unless a display exists) and tauri-driver, once for the whole file.
 *
 * The app draws without GPU compositing on Linux (docs/decisions/0013), and in that mode
 * WebKitWebDriver's screenshot command never answers. Files that take screenshots therefore
 * run the app with WebKit's default drawing (`STRATUS_GPU=1`); `rendering.test.mjs` passes
 * `{ defaultRendering: true }` and checks the app as it ships, without screenshots.
 */
export async function startDriver({ defaultRendering = false } = {}) {
  if (!existsSync(appBinary)) {
    throw new Error(`${appBinary} is missing: build it with \`ui/node_modules/.bin/tauri build --debug --no-bundle\``);
  }
  mkdirSync(artifacts, { recursive: true });
  const env = { ...process.env };
  if (defaultRendering) delete env.STRATUS_GPU;
  else env.STRATUS_GPU = "1";
  if (!env.DISPLAY) {
    const display = ":97";
    const xvfb = spawn("Xvfb", [display, "-screen", "0", "1280x860x24", "-nolisten", "tcp"], { stdio: "ignore" });
    children.push(xvfb);
    env.DISPLAY = display;
    await sleep(500);
  }
  const driver = spawn("tauri-driver", ["--port", String(DRIVER_PORT), "--native-port", String(DRIVER_PORT + 1)], { env, stdio: ["ignore", "inherit", "inherit"] });
  children.push(driver);
  await waitForPort(DRIVER_PORT, 15_000);
  process.env.DISPLAY = env.DISPLAY;
}

export async function stopDriver() {
  for (const child of children.reverse()) child.kill("SIGTERM");
  children.length = 0;
  await sleep(300);
}

/** A new empty data directory. */
export function freshDataDir(name) {
  return mkdtempSync(join(tmpdir(), `stratus-e2e-${name}-`));
}

/** Opens the app on `dataDir` and returns the WebDriver browser object. */
export async function launchApp(dataDir) {
  const browser = await remote({
    hostname: "127.0.0.1",
    port: DRIVER_PORT,
    logLevel: "warn",
    capabilities: {
      // WebKitWebDriver speaks classic WebDriver only; don't ask for a BiDi session.
      "wdio:enforceWebDriverClassic": true,
      "tauri:options": { application: appBinary, args: ["--data-dir", dataDir] },
    },
  });
  // The shell is drawn once the saved preferences are read, while the library opens beside
  // the window; wait for it so that a test's first click finds the sidebar.
  await (await browser.$('[data-testid="nav-home"]')).waitForExist({ timeout: 30_000 });
  return browser;
}

/** Runs the CLI on `dataDir` and parses its `--json` output. */
export function cliJson(dataDir, ...args) {
  const out = spawnSync(cliBinary, [...args, "--json"], {
    env: { ...process.env, STRATUS_DATA_DIR: dataDir },
    encoding: "utf8",
  });
  if (out.status !== 0) throw new Error(`stratus ${args.join(" ")} failed: ${out.stderr}`);
  return JSON.parse(out.stdout);
}

/** Waits until the element's text satisfies `predicate`, and returns the text. */
export async function waitForText(browser, selector, predicate, timeout = 15_000) {
  let last = "";
  await browser.waitUntil(
    async () => {
      const el = await browser.$(selector);
      if (!(await el.isExisting())) return false;
      last = await el.getText();
      return predicate(last);
    },
    { timeout, timeoutMsg: `${selector}: text never matched (last: ${JSON.stringify(last)})` },
  );
  return last;
}

/** Saves a screenshot once the page has painted its latest state. */
export async function screenshot(browser, name) {
  await browser.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
  await browser.saveScreenshot(join(artifacts, name));
}
