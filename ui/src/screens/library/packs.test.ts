import { beforeEach, describe, expect, it, vi } from "vitest";

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

const info = (over: Record<string, unknown> = {}) => ({
  path: "/tmp/aws.stratus",
  name: "aws",
  title: "AWS 기초",
  version: "1.1.0",
  author: "김강사",
  installed_version: null,
  is_upgrade: true,
  ...over,
});
const summary = { name: "aws", title: "AWS 기초", version: "1.1.0", author: "김강사", document_ids: [3, 5] };

describe("PacksState", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    listPacks.mockResolvedValue({ status: "ok", data: [summary] });
  });

  it("previews a trimmed path, then installs on confirmation and lists the packs", async () => {
    inspectPack.mockResolvedValue({ status: "ok", data: info() });
    installPack.mockResolvedValue({ status: "ok", data: { pack: summary, previous_version: null } });
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
    inspectPack.mockResolvedValue({ status: "ok", data: info({ installed_version: "2.0.0", is_upgrade: false }) });
    installPack.mockResolvedValue({ status: "ok", data: { pack: summary, previous_version: "2.0.0" } });
    const state = new PacksState();
    await state.inspect("/tmp/aws.stratus");
    await state.confirm();
    expect(installPack).toHaveBeenCalledWith("/tmp/aws.stratus", true);
  });

  it("keeps a refused pack's error and installs nothing", async () => {
    inspectPack.mockResolvedValue({ status: "error", error: { kind: "invalid_pack", message: "x.stratus: it holds no note" } });
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
    removePack.mockResolvedValue({ status: "ok", data: { name: "aws", version: "1.1.0", documents_removed: 2, folder: "/d/packs/aws" } });
    const state = new PacksState();
    expect(await state.remove("aws")).toBe(false);
    expect(state.confirmingRemove).toBe("aws");
    expect(removePack).not.toHaveBeenCalled();
    listPacks.mockResolvedValue({ status: "ok", data: [] });
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
    expect(packDocuments(summary as never, docs).map((d) => d.title)).toEqual(["S3", "EC2"]);
  });
});
