// Large text and high contrast, kept on the phone. Large text raises the root font size; every size is in rem,
// so the phone's own text size setting scales the app the same way.
export type Prefs = { largeText: boolean; highContrast: boolean };

export function loadPrefs(): Prefs {
  try {
    return { largeText: false, highContrast: false, ...JSON.parse(localStorage.getItem("province.prefs") ?? "{}") };
  } catch {
    return { largeText: false, highContrast: false };
  }
}

export function applyPrefs(prefs: Prefs) {
  document.documentElement.classList.toggle("large-text", prefs.largeText);
  document.documentElement.classList.toggle("high-contrast", prefs.highContrast);
  try {
    localStorage.setItem("province.prefs", JSON.stringify(prefs));
  } catch {
    // Private mode: the choice lasts for this visit only.
  }
}
