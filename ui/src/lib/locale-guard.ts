// Some Linux sessions run with LANG=C, which the web view reports as navigator.language "C".
// That is not a BCP 47 tag, and every Intl constructor given it throws — including the one
// the chart library calls when it loads. Replace an invalid tag before anything else runs.
function isValidTag(tag: string | undefined): boolean {
  if (!tag) return false;
  try {
    new Intl.NumberFormat(tag);
    return true;
  } catch {
    return false;
  }
}

if (typeof navigator !== "undefined" && !isValidTag(navigator.language)) {
  Object.defineProperty(navigator, "language", { value: "en-US", configurable: true });
  Object.defineProperty(navigator, "languages", { value: ["en-US"], configurable: true });
}

export {};
