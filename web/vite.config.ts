import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/**
 * The preference centre as one classic script (IIFE): the same file runs on Registru's own page
 * and embedded in an organisation's site, where a module script would need CORS and a second
 * file for the styles would need a second tag. Its name carries a content hash, so the server
 * can cache it for a year; `.vite/manifest.json` tells the server which file is current.
 */
export default defineConfig({
  root: new URL(".", import.meta.url).pathname,
  plugins: [react()],
  logLevel: "warn",
  // React's production build even when the caller's NODE_ENV says otherwise (vitest sets "test").
  define: { "process.env.NODE_ENV": JSON.stringify("production") },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    manifest: true,
    target: "es2020",
    rolldownOptions: {
      input: { preferences: "preferences/main.tsx" },
      output: { format: "iife", entryFileNames: "assets/[name]-[hash].js" },
    },
  },
  // The privacy centre is a second entry. An IIFE build takes one input, so it is a second
  // environment of its own build (`vite build` builds both), into dist/privacy-centre.
  builder: {},
  environments: {
    privacy_centre: {
      consumer: "client",
      build: {
        outDir: "dist/privacy-centre",
        emptyOutDir: true,
        // A string, not an object: the top-level `input` object would be merged into it.
        rolldownOptions: { input: "privacy-centre/main.tsx", output: { entryFileNames: "assets/privacy-centre-[hash].js" } },
      },
    },
    // The staff's admin app: only Registru's own page loads it, so a normal ES module build.
    admin: {
      consumer: "client",
      build: {
        outDir: "dist/admin",
        emptyOutDir: true,
        rolldownOptions: { input: "admin/main.tsx", output: { format: "es", entryFileNames: "assets/admin-[hash].js", chunkFileNames: "assets/admin-chunk-[hash].js" } },
      },
    },
  },
});
