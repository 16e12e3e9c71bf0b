// Le rendu PDF vu par l'application : un port, pour que les cas d'usage ne dépendent pas de pdfmake.
// L'infrastructure l'implémente (pdf/pdf.ts) ; la racine de composition (src/composition.ts) le fournit.

export interface RenduPdf {
  /** Le PDF d'une définition de document (format pdfmake), rendu sans accès réseau. */
  rendre(definition: Record<string, unknown>): Promise<Buffer>;
}
