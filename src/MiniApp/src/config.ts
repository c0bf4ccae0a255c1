// Where the API is. Same origin by default (the host serves the app at /app/); a build for Zalo's CDN sets
// VITE_API_BASE (e.g. https://dichvucong.tayninh.gov.vn); `?api=` overrides it at run time and is remembered
// (development and the cross-origin test).
const stored = (() => {
  try {
    const fromQuery = new URLSearchParams(location.search).get("api");
    if (fromQuery !== null) localStorage.setItem("province.apiBase", fromQuery);
    return localStorage.getItem("province.apiBase");
  } catch {
    return null;
  }
})();

export const apiBase: string = (stored ?? import.meta.env.VITE_API_BASE ?? "").replace(/\/$/, "");

export function absoluteUrl(path: string): string {
  return /^https?:/.test(path) ? path : apiBase + path;
}
