import { beforeEach, describe, expect, it, vi } from "vitest";
import type {
  AppError,
  PackInfo_Serialize,
  PackInstallReport_Serialize,
  PackRemoveReport,
  PackSummary,
} from "../../lib/bindings";

const inspectPack = vi.fn();
const installPack = vi.fn();
const listPacks = vi.fn();
const removePack = vi.fn();
vi.mock("../../lib/bindings", () => ({
  commands: {
    inspectPack: (...args: unknown[]) => inspectPack(...args),
    installPack: (...args: unknown[]) => installPack(...args),
    listPacks: () => listPacks(),
    removePack: (...args: unknown[]) => removePack(...args),
  },
}));

import { PacksState, packDocuments } from "./packs.svelte";

const ok = <T>(data: T) => ({ status: "ok" as const, data });
const failure = (error: AppError) => ({ status: "error" as const, error });

const info = (over: Partial<PackInfo_Serialize> = {}) =>
  ({
    path: "/tmp/aws.stratus",
    name: "aws",
    title: "AWS 기초",
    version: "1.1.0",
    author: "김강사",
    language: "ko",
    exams: ["SAA-C03"],
    licence: "CC BY 4.0",
    file_count: 3,
    note_count: 2,
    image_count: 1,
    total_bytes: 4096,
    archive_bytes: 2048,
    topics: ["S3", "EC2"],
    card_count: 12,
    question_count: 0,
    installed_version: null,
    is_upgrade: true,
    ...over,
  }) satisfies PackInfo_Serialize;
const summary = {
  name: "aws",
  title: "AWS 기초",
  version: "1.1.0",
  author: "김강사",
  language: "ko",
  exams: ["SAA-C03"],
  licence: "CC BY 4.0",
  installed_at: "2026-12-01T09:00:00Z",
  folder: "/d/packs/aws",
  document_ids: [3, 5],
} satisfies PackSummary;
const installed = (previous_version: string | null) =>
  ({
    pack: summary,
    previous_version,
    import: {
      files: [],
      totals: { imported: 2, updated: 0, unchanged: 0, skipped: 0, failed: 0, pruned: 0, sections: 6 },
      is_cancelled: false,
    },
  }) satisfies PackInstallReport_Serialize;

describe("PacksState", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    listPacks.mockResolvedValue(ok([summary]));
  });

  it("previews a trimmed path, then installs on confirmation and lists the packs", async () => {
    inspectPack.mockResolvedValue(ok(info()));
    installPack.mockResolvedValue(ok(installed(null)));
    const state = new PacksState();
    await state.inspect("  /tmp/aws.stratus ");
    expect(inspectPack).toHaveBeenCalledWith("/tmp/aws.stratus");
    expect(state.preview?.title).toBe("AWS 기초");
    expect(installPack).not.toHaveBeenCalled();

    expect(await state.confirm()).toBe(true);
    // A newer version (or a new pack) is installed without force.
    expect(installPack).toHaveBeenCalledWith("/tmp/aws.stratus", false);
    expect(state.preview).toBeNull();
    expect(state.installed?.pack.version).toBe("1.1.0");
    expect(state.packs.map((p) => p.name)).toEqual(["aws"]);
  });

  it("forces only a version the preview said is not newer", async () => {
    inspectPack.mockResolvedValue(ok(info({ installed_version: "2.0.0", is_upgrade: false })));
    installPack.mockResolvedValue(ok(installed("2.0.0")));
    const state = new PacksState();
    await state.inspect("/tmp/aws.stratus");
    await state.confirm();
    expect(installPack).toHaveBeenCalledWith("/tmp/aws.stratus", true);
  });

  it("keeps a refused pack's error and installs nothing", async () => {
    inspectPack.mockResolvedValue(failure({ kind: "invalid_pack", message: "x.stratus: it holds no note" }));
    const state = new PacksState();
    await state.inspect("/tmp/x.stratus");
    expect(state.preview).toBeNull();
    expect(state.error?.kind).toBe("invalid_pack");
    expect(state.error?.detail).toContain("no note");
    expect(await state.confirm()).toBe(false);
    expect(installPack).not.toHaveBeenCalled();
    expect(state.busy).toBe(false);
  });

  it("removes a pack only on the second press", async () => {
    removePack.mockResolvedValue(
      ok({ name: "aws", version: "1.1.0", documents_removed: 2, folder: "/d/packs/aws" } satisfies PackRemoveReport),
    );
    const state = new PacksState();
    expect(await state.remove("aws")).toBe(false);
    expect(state.confirmingRemove).toBe("aws");
    expect(removePack).not.toHaveBeenCalled();
    listPacks.mockResolvedValue(ok([] satisfies PackSummary[]));
    expect(await state.remove("aws")).toBe(true);
    expect(removePack).toHaveBeenCalledWith("aws");
    expect(state.confirmingRemove).toBeNull();
    expect(state.packs).toEqual([]);
  });

  it("groups a pack's documents from the library's list", () => {
    const docs = [
      { id: 1, title: "기본 강좌" },
      { id: 3, title: "S3" },
      { id: 5, title: "EC2" },
    ];
    expect(packDocuments(summary, docs).map((d) => d.title)).toEqual(["S3", "EC2"]);
  });
});
