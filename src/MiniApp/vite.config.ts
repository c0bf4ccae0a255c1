import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// base "./": the same build works at the host's /app/ path, inside Zalo (its own path) and under `vite preview`.
export default defineConfig({
  base: "./",
  plugins: [react()],
  // One React: zmp-ui's dependencies ask for React 18 and would bring a second copy (React error 525).
  resolve: { dedupe: ["react", "react-dom"] },
  build: {
    outDir: "dist",
    target: "es2020",
    // Small, hashed files: the host caches them for a year; index.html is never cached.
    assetsInlineLimit: 2048,
    sourcemap: false,
    reportCompressedSize: true,
  },
  server: {
    // `npm run dev` against a host on :5000 (same origin for the API through this proxy).
    proxy: {
      "/api": "http://localhost:5000",
      "/zalo-simulator": "http://localhost:5000",
    },
  },
});
