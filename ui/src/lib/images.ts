// Note images: the engine writes a note's relative images as `stratus-img://localhost/<document>/<path>`
// URLs, served by the app from the note's own folder. Where the web view serves custom schemes as
// `http(s)://stratus-img.localhost/` (Windows), the prefix is replaced here before the HTML is shown.
import { convertFileSrc } from "@tauri-apps/api/core";

/** How the engine writes the start of an image URL. */
export const IMAGE_URL_PREFIX = "stratus-img://localhost/";

/** The start of an image URL as this platform's web view expects it. */
export function imageUrlPrefix(): string {
  try {
    return convertFileSrc("", "stratus-img");
  } catch {
    // Outside the app (unit tests) there is no Tauri runtime; keep the engine's form.
    return IMAGE_URL_PREFIX;
  }
}

/**
 * The engine's sanitized HTML with its image URLs in this platform's form. Only `src="…"`
 * attributes start with the prefix: the same characters in text or other attributes are
 * escaped (`&quot;`) by the sanitizer and never match.
 */
export function withImageUrls(html: string, prefix: string = imageUrlPrefix()): string {
  if (prefix === IMAGE_URL_PREFIX) return html;
  return html.replaceAll(`src="${IMAGE_URL_PREFIX}`, `src="${prefix}`);
}
