// The page is plain ES modules; Vite bundles them into dist/, which `trialcore serve` serves.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
