import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { engineFromSource } from './scripts/engine-source.ts';
import { thirdPartyLicenses } from './scripts/licenses.mjs';

// `base: './'` makes every asset URL relative, so `dist/` works from any
// static host and any sub-path (for example https://example.org/policy-sim/).
const engineSource = () => engineFromSource(fileURLToPath(new URL('./engine', import.meta.url)));

export default defineConfig({
  base: './',
  plugins: [engineSource(), react(), tailwindcss(), thirdPartyLicenses({ alsoBundled: ['tailwindcss'] })],
  // Workers import the engine from source too (not the built package), so they bundle only what they use.
  worker: { format: 'es', plugins: () => [engineSource()] },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 4096,
  },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173 },
});
