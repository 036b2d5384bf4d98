/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// The desktop shell loads the built files from ui/dist; the dev server is only for `tauri dev`.
export default defineConfig(({ mode }) => ({
  plugins: [svelte()],
  clearScreen: false,
  // Tests may read the repository's README (the shortcuts table is checked against the app's).
  server: { port: 5173, strictPort: true, ...(mode === "test" ? { fs: { allow: [".."] } } : {}) },
  build: { target: "es2021", sourcemap: false, outDir: "dist", emptyOutDir: true },
  // Unit tests run components in jsdom, which needs Svelte's browser build.
  resolve: mode === "test" ? { conditions: ["browser"] } : undefined,
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
    // The theme's stylesheet is read by the contrast test; other CSS stays out of unit tests.
    css: { include: [/app\.css/] },
  },
}));
