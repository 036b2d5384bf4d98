// Library rows offer "review this document" (issue #21, defect 6): the reviewer opens on the
// engine's document scope.
import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import { tick } from "svelte";
import type { DocumentSummary } from "../../lib/bindings";

const commands = vi.hoisted(() => {
  const vpc = (title: string) =>
    ({
      id: 7,
      title,
      path: "/n/vpc.md",
      origin: "user",
      is_builtin: false,
      format: "markdown",
      lang: "ko",
      section_count: 3,
      card_count: 1234,
      size_bytes: 10,
    }) satisfies DocumentSummary;
  return {
    documents: vi.fn(async () => ({ status: "ok" as const, data: [vpc("VPC notes")] satisfies DocumentSummary[] })),
    renameDocument: vi.fn(async (_id: number, title: string) => ({ status: "ok" as const, data: vpc(title) })),
  };
});
vi.mock("../../lib/bindings", () => ({ commands }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ open: vi.fn() }));
vi.mock("@tauri-apps/api/core", () => ({ Channel: class {} }));

import LibraryScreen from "./LibraryScreen.svelte";
import { navigation } from "../../lib/navigation.svelte";

describe("LibraryScreen", () => {
  it("reviews one document's cards from its row", async () => {
    render(LibraryScreen);
    for (let i = 0; i < 5; i++) await tick();
    await new Promise((r) => setTimeout(r, 0));
    const button = await screen.findByTestId("review-document");
    expect(button.closest("td")?.className).toContain("row-actions");
    await fireEvent.click(button);
    expect(navigation.screen).toBe("review");
    expect(navigation.reviewScope).toEqual({ kind: "document", document_id: 7 });
  });

  it("shows each document's card count and renames a document from its row", async () => {
    render(LibraryScreen);
    for (let i = 0; i < 5; i++) await tick();
    await new Promise((r) => setTimeout(r, 0));
    expect((await screen.findAllByTestId("card-count")).slice(-1)[0]!.textContent).toMatch(/1,234/);
    await fireEvent.click((await screen.findAllByTestId("rename-document")).slice(-1)[0]!);
    const input = (await screen.findAllByTestId("rename-input")).slice(-1)[0] as HTMLInputElement;
    expect(input.value).toBe("VPC notes");
    await fireEvent.input(input, { target: { value: "VPC 정리" } });
    await fireEvent.click((await screen.findAllByTestId("rename-save")).slice(-1)[0]!);
    for (let i = 0; i < 5; i++) await tick();
    expect(commands.renameDocument).toHaveBeenCalledWith(7, "VPC 정리");
    expect((await screen.findAllByTestId("document-title")).map((e) => e.textContent)).toContain("VPC 정리");
    expect(screen.queryByTestId("rename-input")).toBeNull();
  });
});
