// Le jumeau du rendu PDF (port : src/application/ports/pdf.ts) : la définition du document en JSON, si
// bien que le même document rend les mêmes octets (ce que vérifient les empreintes de l'avenant).
import type { RenduPdf } from '../../src/application/ports/pdf.ts';

export class RenduPdfMemoire implements RenduPdf {
  /** Les définitions rendues, dans l'ordre. */
  readonly rendus: Record<string, unknown>[] = [];

  async rendre(definition: Record<string, unknown>): Promise<Buffer> {
    this.rendus.push(definition);
    return Buffer.from(JSON.stringify(definition));
  }
}
