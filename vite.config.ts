// L'application web : construite dans dist/web, servie par le serveur Fastify (`npm start`).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const SORTIE = 'dist/web';

/**
 * Chaque fichier texte est aussi écrit compressé, en gzip (.gz) et en brotli (.br), au niveau maximal :
 * le serveur les envoie tels quels (`preCompressed`), sans compresser à chaque requête.
 */
function compresser(): Plugin {
  return {
    name: 'cpo-compresser',
    apply: 'build',
    closeBundle() {
      const fichiers = readdirSync(SORTIE, { recursive: true, withFileTypes: true }).filter((f) => f.isFile() && /\.(js|css|html|svg|json)$/.test(f.name));
      for (const f of fichiers) {
        const chemin = join(f.parentPath, f.name);
        const contenu = readFileSync(chemin);
        writeFileSync(`${chemin}.gz`, gzipSync(contenu, { level: 9 }));
        writeFileSync(`${chemin}.br`, brotliCompressSync(contenu, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: contenu.length } }));
      }
    },
  };
}

export default defineConfig({
  root: 'src/web',
  plugins: [react(), compresser()],
  build: {
    outDir: `../../${SORTIE}`,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // ECharts dans son propre fichier, que seules les pages à graphiques demandent.
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ }] } } },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
