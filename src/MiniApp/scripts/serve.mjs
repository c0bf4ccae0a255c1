// A tiny static server for the built app (dist/), gzip-compressed like a CDN would: the first-screen measurement
// and the cross-origin browser test serve the app from an origin other than the API with it.
// Usage: node scripts/serve.mjs [port] [folder]   (port 0: a free one; prints "listening on http://127.0.0.1:PORT")
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { gzipSync } from "node:zlib";

const port = Number(process.argv[2] ?? 3000);
const root = process.argv[3] ?? new URL("../dist/", import.meta.url).pathname;
const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png", ".json": "application/json" };

const server = createServer(async (request, response) => {
  let path = normalize(decodeURIComponent(new URL(request.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
  path = path.replace(/^\/app\//, "/");
  let file = join(root, path);
  try {
    if (!(await stat(file)).isFile()) throw new Error();
  } catch {
    file = join(root, "index.html");
  }
  let body = await readFile(file);
  const headers = { "content-type": types[extname(file)] ?? "application/octet-stream", "cache-control": file.includes("/assets/") ? "public, max-age=31536000, immutable" : "no-cache" };
  if (/\bgzip\b/.test(request.headers["accept-encoding"] ?? "") && body.length > 1024) {
    body = gzipSync(body, { level: 9 });
    headers["content-encoding"] = "gzip";
  }
  response.writeHead(200, headers);
  response.end(body);
});
server.listen(port, "127.0.0.1", () => console.log(`listening on http://127.0.0.1:${server.address().port}`));
