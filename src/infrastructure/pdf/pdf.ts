// Rendu PDF (pdfmake) avec la police Marianne du DSFR. Aucun accès réseau ; sur le disque, les
// seules polices.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { RenduPdf } from '../../application/ports/pdf.ts';

const require = createRequire(import.meta.url);
const pdfmake = require('pdfmake') as {
  setUrlAccessPolicy(f: (url: string) => boolean): void;
  setLocalAccessPolicy(f: (chemin: string) => boolean): void;
  addFonts(polices: Record<string, Record<string, string>>): void;
  createPdf(definition: Record<string, unknown>): { getBuffer(): Promise<Buffer> };
};

const POLICES = join(dirname(require.resolve('@codegouvfr/react-dsfr/package.json')), 'dsfr', 'fonts');
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((chemin) => chemin.startsWith(POLICES));
pdfmake.addFonts({
  Marianne: {
    normal: join(POLICES, 'Marianne-Regular.woff'),
    bold: join(POLICES, 'Marianne-Bold.woff'),
    italics: join(POLICES, 'Marianne-Regular_Italic.woff'),
    bolditalics: join(POLICES, 'Marianne-Bold_Italic.woff'),
  },
});

export const renduPdfmake: RenduPdf = {
  rendre: (definition) => pdfmake.createPdf(definition).getBuffer(),
};
