import { useEffect, useState } from "react";
import { absoluteUrl } from "./config";
import { accessToken } from "./platform";

/**
 * An image from the API. Signed links (`?expires=&signature=`) open as they are; a link that still needs the
 * citizen's token is fetched with it and shown from memory (a token never goes into a query string).
 */
export function ApiImage({ src, alt, className }: { src: string; alt: string; className?: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const full = absoluteUrl(src);
    if (/[?&]signature=/.test(src) || src.includes("/api/public/")) {
      setUrl(full);
      return;
    }
    let revoke: string | null = null;
    let cancelled = false;
    (async () => {
      const response = await fetch(full, { headers: { Authorization: `Bearer ${await accessToken()}` } });
      if (!response.ok || cancelled) return;
      revoke = URL.createObjectURL(await response.blob());
      setUrl(revoke);
    })().catch(() => undefined);
    return () => {
      cancelled = true;
      if (revoke) URL.revokeObjectURL(revoke);
    };
  }, [src]);
  return url ? <img src={url} alt={alt} className={className} /> : <span className={className} role="img" aria-label={alt} />;
}
