// The one place that talks to Zalo's mini app platform (zmp-sdk). Inside Zalo it calls the real SDK (loaded on
// first use, so the first screen does not wait for it); anywhere else (a desktop browser, the tests) it stands in:
// sign-in through Province's Zalo simulator, the browser's own geolocation, Web Share or the clipboard, a file
// input, typing a code instead of scanning. Chosen at run time: the same build runs in both places.
import { apiBase } from "../config";

export type Place = { latitude: number; longitude: number };
export type ShareResult = "shared" | "copied" | "cancelled";

declare global {
  interface Window {
    ZaloJavaScriptInterface?: unknown;
    webkit?: { messageHandlers?: { ZaloJavaScriptInterface?: unknown } };
  }
}

export const insideZalo: boolean =
  typeof window !== "undefined" &&
  (window.ZaloJavaScriptInterface !== undefined || window.webkit?.messageHandlers?.ZaloJavaScriptInterface !== undefined);

const sdk = () => import("./zalo");

let cachedToken: string | null = null;

/** The citizen's Zalo access token (the API verifies it with Zalo). `fresh` asks again after a 401. */
export async function accessToken(fresh = false): Promise<string> {
  if (cachedToken && !fresh) return cachedToken;
  if (insideZalo) {
    cachedToken = await (await sdk()).accessToken();
    return cachedToken;
  }
  const key = "province.simulatorToken";
  const saved = sessionStorage.getItem(key);
  if (saved && !fresh) return (cachedToken = saved);
  // The simulator mints what getAccessToken() gives inside Zalo; localStorage "province.simulatorUser" picks the user.
  const userId = localStorage.getItem("province.simulatorUser") || undefined;
  const response = await fetch(apiBase + "/zalo-simulator/dev/access-tokens", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ userId, name: localStorage.getItem("province.simulatorName") || undefined }),
  });
  if (!response.ok) throw new Error("Không đăng nhập được bằng Zalo. Hãy thử lại sau ít phút.");
  cachedToken = ((await response.json()) as { accessToken: string }).accessToken;
  sessionStorage.setItem(key, cachedToken);
  return cachedToken;
}

/** A one-time token for the phone number; Province's backend exchanges it with Zalo (the app secret stays there). */
export async function phoneNumberToken(): Promise<string> {
  if (insideZalo) return (await sdk()).phoneNumberToken();
  const response = await fetch(apiBase + "/zalo-simulator/dev/phone-tokens", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ accessToken: await accessToken() }),
  });
  if (!response.ok) throw new Error("Zalo chưa cho biết số điện thoại. Hãy thử lại.");
  return ((await response.json()) as { token: string }).token;
}

/** Where the citizen is, or null (refused, unavailable): the screen then offers the map pick. */
export async function currentPlace(): Promise<Place | null> {
  if (insideZalo) return (await sdk()).place();
  if (!("geolocation" in navigator)) return null;
  return new Promise((resolve) =>
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude }),
      () => resolve(null),
      { timeout: 10000, maximumAge: 60000 },
    ),
  );
}

/** Shares a link to a Zalo chat; outside Zalo through the Web Share API, or copies the link. */
export async function share(title: string, text: string, url: string): Promise<ShareResult> {
  if (insideZalo) return (await sdk()).share(title, text, url);
  const nav = navigator as Navigator & { share?: (d: ShareData) => Promise<void> };
  if (nav.share) {
    try {
      await nav.share({ title, text, url });
      return "shared";
    } catch {
      // Cancelled or refused: fall back to the clipboard below.
    }
  }
  try {
    await navigator.clipboard.writeText(url);
    return "copied";
  } catch {
    return "cancelled";
  }
}

/** The text of a scanned QR code; null outside Zalo (the screen lets the citizen type or paste the code). */
export async function scanQr(): Promise<string | null> {
  if (!insideZalo) return null;
  return (await sdk()).scanQr();
}

/** Photos from Zalo's camera or gallery; null outside Zalo (the screen uses a file input). */
export async function pickImages(count: number): Promise<File[] | null> {
  if (!insideZalo) return null;
  return (await sdk()).pickImages(count);
}

/**
 * Asks to send the citizen messages through the province's Official Account (after a submission, or when they
 * choose messages in the settings). Null outside Zalo, where there is no one to ask.
 */
export async function askForMessages(): Promise<boolean | null> {
  return insideZalo ? (await sdk()).askForMessages() : null;
}
