// State of the Home screen: the library summary from the backend.
import type { LibraryInfo } from "../../lib/bindings";
import { api, toApiError, type ApiError } from "../../lib/api";

export class HomeState {
  info = $state<LibraryInfo | null>(null);
  error = $state<ApiError | null>(null);
  loading = $state(false);
  /** A message about what just happened, such as a restore. */
  notice = $state<string | null>(null);

  async load(): Promise<void> {
    this.loading = true;
    try {
      this.info = await api.libraryInfo();
      this.error = null;
    } catch (e) {
      this.error = toApiError(e);
    } finally {
      this.loading = false;
    }
  }

  /** The library was restored from a backup: say so and show it. */
  async recovered(message: string): Promise<void> {
    this.notice = message;
    await this.load();
  }
}
