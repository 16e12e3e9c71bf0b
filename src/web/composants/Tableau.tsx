// Un tableau de chiffres DSFR : tri par colonne (au clavier aussi), filtre, valeurs à la française,
// « n.d. » expliqué, définition de chaque colonne, et export CSV/XLSX de ce qui est affiché.
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import {
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
} from '@tanstack/react-table';
import { useId, useMemo, useState, type ReactNode } from 'react';
import { enCsv, enXlsx, nomDeFichier, telecharger, texteCellule, type Cellule, type TableauExport } from '../outils/exports.ts';
import { Lien } from '../outils/routeur.tsx';
import { Definition, NonDefini } from './Definition.tsx';

export interface Colonne<L> {
  id: string;
  libelle: string;
  /** Unité du catalogue (la même pour la colonne, ou celle de la ligne) : colonne de chiffres, exportée en nombre. */
  unite?: string | ((ligne: L) => string);
  valeur: (ligne: L) => string | number | null;
  /** La date que la cellule écrit en toutes lettres (AAAA-MM-JJ, ou avec l'heure) : clé de tri, et vraie date dans le XLSX. */
  date?: (ligne: L) => string | null;
  /** Définition de la colonne, dans son en-tête. */
  definition?: string;
  /** Définition de la ligne (la mesure qu'elle montre), à côté de son libellé. */
  definitionLigne?: (ligne: L) => string;
  /** Pourquoi la valeur est « n.d. ». */
  raison?: (ligne: L) => string | null;
  lien?: (ligne: L) => string | undefined;
  /** Un rendu propre (un graphique) : la colonne n'est alors ni triée ni exportée. */
  rendu?: (ligne: L) => ReactNode;
}

interface Props<L> {
  titre: string;
  colonnes: Colonne<L>[];
  lignes: L[];
  cle: (ligne: L) => string;
  /** Lignes de synthèse (le territoire, ses références) en pied de tableau : exportées, jamais triées. */
  pied?: L[];
  filtrable?: boolean;
  triInitial?: SortingState;
  /** Texte sous le titre. */
  description?: ReactNode;
}

/** Ce qu'une cellule affiche et exporte : du texte, ou un nombre et son unité. */
export function celluleDe<L>(c: Colonne<L>, l: L): Cellule {
  const v = c.valeur(l);
  const date = c.date?.(l);
  if (date) return { date, texte: v === null ? '' : String(v) };
  if (c.unite === undefined) return v === null ? '' : String(v);
  return { nombre: typeof v === 'number' && Number.isFinite(v) ? v : null, unite: typeof c.unite === 'function' ? c.unite(l) : c.unite };
}

export function Tableau<L>({ titre, colonnes, lignes, cle, pied = [], filtrable, triInitial = [], description }: Props<L>) {
  const [tri, setTri] = useState<SortingState>(triInitial);
  const [filtre, setFiltre] = useState('');
  const idFiltre = useId();
  const definitions = useMemo<ColumnDef<L>[]>(
    () =>
      colonnes.map((c) => ({
        id: c.id,
        // Une valeur absente (n.d.) se range toujours en dernier, dans un sens comme dans l'autre.
        accessorFn: (l: L) => (c.date ?? c.valeur)(l) ?? undefined,
        enableSorting: !c.rendu,
        enableGlobalFilter: !c.unite && !c.rendu,
        sortUndefined: 'last',
        sortDescFirst: !!c.unite,
        sortingFn: c.unite ? 'basic' : 'text',
      })),
    [colonnes],
  );
  const table = useReactTable({
    data: lignes,
    columns: definitions,
    state: { sorting: tri, globalFilter: filtre },
    onSortingChange: setTri,
    onGlobalFilterChange: setFiltre,
    getRowId: cle,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    globalFilterFn: 'includesString',
  });
  const lignesAffichees = table.getRowModel().rows.map((r) => r.original);
  const exportables = colonnes.filter((c) => !c.rendu);

  const versExport = (): TableauExport => ({
    titre,
    entetes: exportables.map((c) => c.libelle),
    lignes: [...lignesAffichees, ...pied].map((l) => exportables.map((c) => celluleDe(c, l))),
  });

  const cellule = (c: Colonne<L>, l: L, entete: boolean) => {
    const valeur = celluleDe(c, l);
    let contenu: ReactNode;
    if (c.rendu) contenu = c.rendu(l);
    else if (typeof valeur !== 'string' && 'nombre' in valeur && valeur.nombre === null) contenu = <NonDefini raison={c.raison?.(l) ?? null} />;
    else contenu = texteCellule(valeur);
    const href = c.lien?.(l);
    if (href) contenu = <Lien href={href}>{contenu}</Lien>;
    if (c.definitionLigne) contenu = <>{contenu}<Definition titre={String(c.valeur(l))} texte={c.definitionLigne(l)} /></>;
    const classe = c.unite ? 'cpo-nombre' : undefined;
    return entete ? (
      <th key={c.id} scope="row" className={classe}>
        {contenu}
      </th>
    ) : (
      <td key={c.id} className={classe}>
        {contenu}
      </td>
    );
  };

  return (
    <section className="fr-mb-6w" aria-label={titre}>
      {filtrable && (
        <Input
          label="Filtrer les lignes"
          hintText="Nom, code, département…"
          nativeInputProps={{ id: idFiltre, type: 'search', value: filtre, onChange: (e) => setFiltre(e.target.value) }}
          className="fr-mb-2w"
        />
      )}
      <div className="fr-table fr-table--bordered">
        <div className="fr-table__wrapper">
          <div className="fr-table__container">
            <div className="fr-table__content">
              <table>
                <caption>
                  {titre}
                  {description && <div className="fr-table__caption__desc">{description}</div>}
                </caption>
                <thead>
                  <tr>
                    {colonnes.map((c) => {
                      const col = table.getColumn(c.id)!;
                      const sens = col.getIsSorted();
                      return (
                        <th
                          key={c.id}
                          scope="col"
                          className={c.unite ? 'cpo-nombre' : undefined}
                          aria-sort={sens === 'asc' ? 'ascending' : sens === 'desc' ? 'descending' : undefined}
                        >
                          {col.getCanSort() ? (
                            <button type="button" className="cpo-tri" onClick={col.getToggleSortingHandler()}>
                              {c.libelle}
                              <span aria-hidden="true">{sens === 'asc' ? '▲' : sens === 'desc' ? '▼' : '↕'}</span>
                              <span className="fr-sr-only">{sens ? ', trié' : ', trier'}</span>
                            </button>
                          ) : (
                            c.libelle
                          )}
                          {c.definition && <Definition titre={c.libelle} texte={c.definition} />}
                        </th>
                      );
                    })}
                  </tr>
                </thead>
                <tbody>
                  {lignesAffichees.map((l) => (
                    <tr key={cle(l)} data-ligne={cle(l)}>
                      {colonnes.map((c, i) => cellule(c, l, i === 0))}
                    </tr>
                  ))}
                  {lignesAffichees.length === 0 && (
                    <tr>
                      <td colSpan={colonnes.length}>Aucune ligne ne correspond au filtre.</td>
                    </tr>
                  )}
                </tbody>
                {pied.length > 0 && (
                  <tfoot>
                    {pied.map((l) => (
                      <tr key={cle(l)} data-ligne={cle(l)} className="fr-text--bold">
                        {colonnes.map((c, i) => cellule(c, l, i === 0))}
                      </tr>
                    ))}
                  </tfoot>
                )}
              </table>
            </div>
          </div>
        </div>
      </div>
      <div className="cpo-pied-tableau">
        <p className="fr-text--xs fr-mb-0" aria-live="polite">
        {lignesAffichees.length} ligne{lignesAffichees.length > 1 ? 's' : ''} affichée{lignesAffichees.length > 1 ? 's' : ''} sur {lignes.length}.
      </p>
        <div className="fr-btns-group fr-btns-group--inline fr-btns-group--sm fr-btns-group--icon-left">
          <Button priority="secondary" size="small" iconId="fr-icon-download-line" onClick={() => telecharger(enCsv(versExport()), nomDeFichier(titre, 'csv'))}>
            CSV<span className="fr-sr-only"> : {titre}</span>
          </Button>
          <Button
            priority="secondary"
            size="small"
            iconId="fr-icon-download-line"
            onClick={async () => telecharger(await enXlsx(versExport()), nomDeFichier(titre, 'xlsx'))}
          >
            XLSX<span className="fr-sr-only"> : {titre}</span>
          </Button>
        </div>
      </div>
    </section>
  );
}
