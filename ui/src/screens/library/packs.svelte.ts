// State of the Library's course packs: the pack being looked at before installing, the
// installed packs, and removing one. The engine checks and counts; this only keeps what it said.
import { commands, type PackInfo_Serialize, type PackInstallReport_Serialize, type PackSummary } from "../../lib/bindings";
import { toApiError, unwrap, type ApiError } from "../../lib/api";

export class PacksState {
  packs = $state<PackSummary[]>([]);
  /** The pack inspected and waiting for a confirmation, with the path it was read from. */
  preview = $state<PackInfo_Serialize | null>(null);
  /** The last install, for its message. */
  installed = $state<PackInstallReport_Serialize | null>(null);
  /** The pack whose removal waits for a confirmation. */
  confirmingRemove = $state<string | null>(null);
  busy = $state(false);
  error = $state<ApiError | null>(null);

  async load(): Promise<void> {
    try {
      this.packs = unwrap(await commands.listPacks());
    } catch (e) {
      this.error = toApiError(e);
    }
  }

  /** Reads the pack at `path` and shows what it would add; installs nothing. */
  async inspect(path: string): Promise<void> {
    const wanted = path.trim();
    if (wanted === "" || this.busy) return;
    this.busy = true;
    this.error = null;
    this.installed = null;
    this.preview = null;
    try {
      this.preview = unwrap(await commands.inspectPack(wanted));
    } catch (e) {
      this.error = toApiError(e);
    } finally {
      this.busy = false;
    }
  }

  /** Installs the previewed pack; a version not newer than the installed one is forced, since
   *  the preview said so and the learner confirmed. Returns true when it was installed. */
  async confirm(): Promise<boolean> {
    const preview = this.preview;
    if (preview === null || this.busy) return false;
    this.busy = true;
    this.error = null;
    try {
      this.installed = unwrap(await commands.installPack(preview.path, !preview.is_upgrade));
      this.preview = null;
      await this.load();
      return true;
    } catch (e) {
      this.error = toApiError(e);
      return false;
    } finally {
      this.busy = false;
    }
  }

  cancel(): void {
    this.preview = null;
    this.error = null;
  }

  /** Removes an installed pack once its removal was asked for twice (ask, then confirm). */
  async remove(name: string): Promise<boolean> {
    if (this.confirmingRemove !== name) {
      this.confirmingRemove = name;
      return false;
    }
    this.busy = true;
    this.error = null;
    try {
      unwrap(await commands.removePack(name));
      this.confirmingRemove = null;
      this.installed = null;
      await this.load();
      return true;
    } catch (e) {
      this.error = toApiError(e);
      return false;
    } finally {
      this.busy = false;
    }
  }
}

/** The titles of a pack's documents, in the order of `documents`, from the library's list. */
export function packDocuments<T extends { id: number; title: string }>(pack: PackSummary, documents: T[]): T[] {
  const ids = new Set(pack.document_ids);
  return documents.filter((d) => ids.has(d.id));
}

/** The app's one packs state, kept while other screens are shown. */
export const packsState = new PacksState();
