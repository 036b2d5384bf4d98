// Startup and memory benchmark of the real desktop app (issue: the first hour of a new user).
//
//   node e2e/bench/startup.mjs [--runs N] [--cold [--gl-cached]] [--json FILE]
//
// Launches the app under Xvfb through the same WebDriver harness as the E2E suite
// (STRATUS_APP picks the binary; scripts/bench-startup.sh builds the release one) and reports:
//
// - **startup**: from the moment the kernel started the stratus-app process (its start time in
//   /proc, 10 ms resolution) to the moment Home first painted its counts (the User Timing mark
//   `stratus:home-counts`, in wall-clock time through `performance.timeOrigin`). WebDriver only
//   reads the mark afterwards, so its polling does not add to the figure. The start time counts
//   from boot; the boot's wall-clock time is taken from /proc/uptime, not from `btime` in
//   /proc/stat, which is cut to whole seconds (using it added up to a second to every figure).
// - **memory**: after visiting every screen from the sidebar, the proportional set size (PSS,
//   from /proc/<pid>/smaps_rollup) of the app process and each process it started (the
//   WebKit web and network processes), summed. PSS splits shared pages between the processes
//   that map them, so the sum is what the app costs the machine.
//
// The first launch on a new data directory imports the built-in course and is reported apart;
// the timed runs reuse that library. `--cold` drops the page cache before each run (needs root).
// `--gl-cached` then reads Mesa's driver and LLVM back into the cache before the launch: a
// cold start of the app on a desktop, whose compositor keeps the GL stack in memory, as
// against a machine where nothing else uses OpenGL (this one, under Xvfb).
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { execFileSync, spawnSync } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { appBinary, freshDataDir, launchApp, startDriver, stopDriver } from "../tests/harness.mjs";

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const runs = Number(value("--runs", "5"));
const cold = flag("--cold");
const glCached = flag("--gl-cached");

/** Mesa's drivers and the LLVM it links, wherever this system keeps them. */
function glStack() {
  const files = [];
  for (const lib of ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib"]) {
    let names = [];
    try {
      names = readdirSync(lib);
    } catch {
      continue;
    }
    for (const name of names) {
      if (/^libLLVM.*\.so/.test(name) || /^libgallium.*\.so/.test(name)) files.push(`${lib}/${name}`);
    }
    try {
      for (const name of readdirSync(`${lib}/dri`)) if (name === "swrast_dri.so") files.push(`${lib}/dri/${name}`);
    } catch {
      // no dri folder here
    }
  }
  return files;
}
const jsonOut = value("--json", null);

const CLK_TCK = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());
const SCREENS = ["home", "library", "search", "review", "exam", "progress", "settings"];

/** Fields of /proc/<pid>/stat after the command name (which may contain spaces). */
function statFields(pid) {
  const text = readFileSync(`/proc/${pid}/stat`, "utf8");
  return text.slice(text.lastIndexOf(")") + 2).split(" ");
}

/**
 * Wall-clock time (ms since the epoch) at which the machine booted, to 10 ms: now minus the
 * uptime, both read together. (`btime` in /proc/stat is the same moment cut to whole seconds.)
 */
function bootTimeMs() {
  const uptimeS = Number(readFileSync("/proc/uptime", "utf8").split(" ")[0]);
  return Date.now() - uptimeS * 1000;
}

/** Wall-clock time (ms since the epoch) at which the process started. */
function processStartMs(pid) {
  const startTicks = Number(statFields(pid)[19]);
  return bootTimeMs() + (startTicks / CLK_TCK) * 1000;
}

function processName(pid) {
  return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
}

/** The pid of the app process serving `dataDir`. */
function appPid(dataDir) {
  const out = spawnSync("pgrep", ["-n", "-f", "--", `--data-dir ${dataDir}`], { encoding: "utf8" });
  const pid = Number(out.stdout.trim());
  if (!pid) throw new Error(`no stratus-app process for ${dataDir}`);
  return pid;
}

/** `pid` and every process below it. */
function processTree(pid) {
  const parentOf = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      parentOf.set(Number(entry), Number(statFields(entry)[1]));
    } catch {
      // the process ended meanwhile
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    for (const [child, parent] of parentOf) if (parent === tree[i]) tree.push(child);
  }
  return tree;
}

/** PSS and RSS of a process in MiB. */
function memoryOf(pid) {
  const text = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
  const kib = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? 0);
  return { pss: kib("Pss") / 1024, rss: kib("Rss") / 1024 };
}

async function homeReadyMs(browser) {
  let at = null;
  await browser.waitUntil(
    async () => {
      at = await browser.execute(() => {
        const mark = performance.getEntriesByName("stratus:home-counts")[0];
        return mark ? performance.timeOrigin + mark.startTime : null;
      });
      return at !== null;
    },
    { timeout: 60_000, interval: 50, timeoutMsg: "Home never showed its counts" },
  );
  return at;
}

async function visitEveryScreen(browser) {
  for (const id of SCREENS) {
    const button = await browser.$(`[data-testid="nav-${id}"]`);
    await button.click();
    await browser.waitUntil(async () => (await browser.$("main").getAttribute("data-screen")) === id, {
      timeout: 10_000,
    });
    // Let the screen fetch and draw its data.
    await sleep(1_500);
  }
}

async function measure(dataDir, label) {
  if (cold) {
    spawnSync("sync");
    writeFileSync("/proc/sys/vm/drop_caches", "3\n");
    if (glCached) for (const file of glStack()) readFileSync(file);
  }
  // The machine's 1-minute load average as the app starts: other work slows the launch.
  const loadAverage = Number(readFileSync("/proc/loadavg", "utf8").split(" ")[0]);
  const browser = await launchApp(dataDir);
  try {
    const pid = appPid(dataDir);
    const startedAt = processStartMs(pid);
    const readyAt = await homeReadyMs(browser);
    // Where the time went: the page's navigation start (Rust setup, window and web process
    // up), its script run (DOMContentLoaded), and the rest (preferences, IPC, first paint).
    const phases = await browser.execute(() => {
      const nav = performance.getEntriesByType("navigation")[0];
      return {
        origin: performance.timeOrigin,
        response_end: nav ? nav.responseEnd : null,
        dom_content_loaded: nav ? nav.domContentLoadedEventEnd : null,
      };
    });
    await visitEveryScreen(browser);
    const processes = processTree(pid).map((p) => ({ pid: p, name: processName(p), ...memoryOf(p) }));
    const total = processes.reduce((sum, p) => sum + p.pss, 0);
    const row = {
      label,
      startup_ms: Math.round(readyAt - startedAt),
      page_start_ms: Math.round(phases.origin - startedAt),
      dom_content_loaded_ms: Math.round(phases.origin + phases.dom_content_loaded - startedAt),
      pss_total_mib: Math.round(total),
      load_average: loadAverage,
      processes,
    };
    const parts = processes.map((p) => `${p.name} ${p.pss.toFixed(0)}`).join(", ");
    console.log(
      `${label}: Home with counts ${row.startup_ms} ms after start (page start ${row.page_start_ms} ms, ` +
        `DOMContentLoaded ${row.dom_content_loaded_ms} ms); PSS ${row.pss_total_mib} MiB (${parts}); ` +
        `load ${row.load_average}`,
    );
    return row;
  } finally {
    await browser.deleteSession();
    await sleep(500);
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

console.log(
  `binary: ${appBinary}${cold ? " (page cache dropped before each run)" : ""}${cold && glCached ? `, then read back: ${glStack().join(", ")}` : ""}`,
);
// The app as it ships (no STRATUS_GPU): what learners run.
await startDriver({ defaultRendering: true });
try {
  const dataDir = freshDataDir("bench");
  const first = await measure(dataDir, "first launch (imports the built-in course)");
  const rows = [];
  for (let i = 1; i <= runs; i++) rows.push(await measure(dataDir, `${cold ? "cold" : "warm"} run ${i}`));
  const summary = {
    binary: appBinary,
    cold,
    gl_cached: glCached,
    first,
    runs: rows,
    startup_ms_median: median(rows.map((r) => r.startup_ms)),
    pss_total_mib_median: median(rows.map((r) => r.pss_total_mib)),
  };
  console.log(
    `median of ${rows.length}: Home with counts ${summary.startup_ms_median} ms, PSS after every screen ${summary.pss_total_mib_median} MiB`,
  );
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify(summary, null, 2));
} finally {
  await stopDriver();
}
