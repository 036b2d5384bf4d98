// Course packs: a pack built with the CLI from a folder of notes, previewed and installed
// through Library → course packs, its documents shown under it; the CLI then lists the pack.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cliBinary, cliJson, freshDataDir, launchApp, screenshot, startDriver, stopDriver, waitForText, ko } from "./harness.mjs";

before(startDriver);
after(stopDriver);

const $ = (browser, id) => browser.$(`[data-testid="${id}"]`);

/** A folder of two notes and a picture, with its pack.json. */
function packFolder(dir) {
  const src = join(dir, "course");
  mkdirSync(join(src, "img"), { recursive: true });
  writeFileSync(
    join(src, "vpc.md"),
    "# VPC 기초\n\n기본 VPC의 CIDR 블록은 무엇인가? :: 172.31.0.0/16\n\n![VPC](img/vpc.png)\n",
  );
  writeFileSync(join(src, "iam.md"), "# IAM 정책\n\nIAM 정책 문서의 형식은? :: JSON\n");
  writeFileSync(join(src, "img/vpc.png"), Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"));
  writeFileSync(
    join(src, "pack.json"),
    JSON.stringify({
      name: "e2e-course",
      title: "E2E 네트워크 코스",
      author: "김강사",
      version: "1.0.0",
      language: "ko",
      exams: ["SAA"],
      licence: "CC BY 4.0",
    }),
  );
  return src;
}

test("pack: build with the CLI, preview and install in the Library, see its documents", async () => {
  const dataDir = freshDataDir("pack");
  const work = freshDataDir("pack-src");
  const file = join(work, "e2e-course.stratus");
  const built = spawnSync(cliBinary, ["pack", "build", packFolder(work), "-o", file, "--json"], { encoding: "utf8" });
  assert.equal(built.status, 0, built.stderr);
  assert.equal(JSON.parse(built.stdout).note_count, 2);

  const browser = await launchApp(dataDir);
  try {
    await (await browser.$('[data-testid="nav-library"]')).waitForExist({ timeout: 30_000 });
    await (await browser.$('[data-testid="nav-library"]')).click();
    await waitForText(browser, '[data-testid="packs"]', (t) => t.includes(ko["pack.none"]));

    await (await $(browser, "pack-path")).setValue(file);
    await (await $(browser, "pack-preview-submit")).click();
    const preview = await waitForText(browser, '[data-testid="pack-preview"]', (t) => t.includes("E2E 네트워크 코스"));
    assert.ok(preview.includes("김강사"), preview);
    assert.ok(preview.includes("VPC 기초") && preview.includes("IAM 정책"), preview);
    assert.ok(preview.includes("카드 2장"), preview);
    await screenshot(browser, "pack-preview-ko.png");
    // Nothing is installed before the confirmation.
    assert.deepEqual(cliJson(dataDir, "pack", "list"), []);

    await (await $(browser, "pack-confirm")).click();
    await waitForText(browser, '[data-testid="pack-installed"]', (t) => t.includes("E2E 네트워크 코스 1.0.0"), 30_000);
    const docs = await waitForText(browser, '[data-testid="pack-documents"]', (t) => t.includes("VPC 기초") && t.includes("IAM 정책"));
    assert.ok(!docs.includes("기본"), docs);
    await screenshot(browser, "pack-installed-ko.png");

    const listed = cliJson(dataDir, "pack", "list");
    assert.equal(listed.length, 1);
    assert.equal(listed[0].name, "e2e-course");
    assert.equal(listed[0].document_ids.length, 2);
  } finally {
    await browser.deleteSession();
  }
});
