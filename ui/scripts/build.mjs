// Builds the UI into dist/ without touching files whose content did not change.
//
// Cargo decides whether to recompile the desktop shell from the modification times of the files
// its build read, and the shell's build reads files in ui/dist (the window icon, the embedded
// assets). `vite build` empties and rewrites dist/ every time, so every `tauri build` — which
// runs this first — recompiled the app even when nothing had changed. Building into a scratch
// folder and copying over only what differs keeps unchanged files, and their times, as they were.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ui = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(ui, "dist");
const scratch = join(ui, "node_modules", ".stratus-dist-next");

function files(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map((name) => join(dir, String(name)))
    .filter((path) => statSync(path).isFile());
}

rmSync(scratch, { recursive: true, force: true });
const vite = join(ui, "node_modules", "vite", "bin", "vite.js");
const built = spawnSync(process.execPath, [vite, "build", "--outDir", scratch, "--emptyOutDir", ...process.argv.slice(2)], {
  cwd: ui,
  stdio: "inherit",
});
if (built.status !== 0) process.exit(built.status ?? 1);

const fresh = new Set();
let copied = 0;
for (const path of files(scratch)) {
  const name = relative(scratch, path);
  fresh.add(name);
  const target = join(dist, name);
  if (existsSync(target) && readFileSync(target).equals(readFileSync(path))) continue;
  mkdirSync(dirname(target), { recursive: true });
  cpSync(path, target);
  copied++;
}
let removed = 0;
for (const path of files(dist)) {
  if (!fresh.has(relative(dist, path))) {
    rmSync(path);
    removed++;
  }
}
rmSync(scratch, { recursive: true, force: true });
console.log(`dist: ${copied} file(s) written, ${removed} removed, ${fresh.size - copied} unchanged`);
