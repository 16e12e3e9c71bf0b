// Un tableau de chiffres DSFR : tri par colonne (au clavier aussi), filtre, valeurs à la française,
// « n.d. » expliqué, définition de chaque colonne, et export CSV/XLSX de ce qui est affiché. Une liste
// paginée par le serveur (les jeunes) y confie son tri et ses exports : ils portent sur toute la liste.
import { Badge } from '@codegouvfr/react-dsfr/Badge';
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
import { formaterValeur } from '../../domaine/indicateurs/format.ts';
import { enCsv, enXlsx, nomDeFichier, telecharger, texteCellule, type Cellule, type TableauExport } from '../outils/exports.ts';
import { Lien } from '../outils/routeur.tsx';
import { Definition, NonDefini } from './Definition.tsx';

export interface Colonne<L> {
  id: string;
  libelle: string;
  /** En-tête à l'écran quand le libellé est long (le tableau doit tenir) ; l'export et les lecteurs d'écran gardent le libellé. */
  libelleCourt?: string;
  /** Unité du catalogue (la même pour la colonne, ou celle de la ligne) : colonne de chiffres, exportée en nombre. */
  unite?: string | ((ligne: L) => string);
  valeur: (ligne: L) => string | number | null;
  /** Le texte ne va pas à la ligne (une date) ; les nombres ne vont jamais à la ligne. */
  insecable?: boolean;
  /** La date que la cellule écrit en toutes lettres (AAAA-MM-JJ, ou avec l'heure) : clé de tri, et vraie date dans le XLSX. */
  date?: (ligne: L) => string | null;
  /** Définition de la colonne, dans son en-tête. */
  definition?: string;
  /** Définition de la ligne (la mesure qu'elle montre), à côté de son libellé. */
  definitionLigne?: (ligne: L) => string;
  /** Pourquoi la valeur est « n.d. ». */
  raison?: (ligne: L) => string | null;
  /** Ce qui s'écrit à la place d'une valeur absente qui n'est pas « n.d. » (une cible « à fixer »), à l'écran et à l'export. */
  absente?: string;
  /** Une alerte en badge DSFR après la valeur (« en retard de 3 jours »), reprise à l'export. */
  alerte?: (ligne: L) => string | null;
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
  /** Tri fait par le serveur, sur toute la liste dont `lignes` n'est qu'une page. */
  triServeur?: { tri: SortingState; changer: (tri: SortingState) => void };
  /** Exports faits par le serveur (toute la liste) : leurs adresses remplacent l'export de l'écran. */
  telechargements?: { csv: string; xlsx: string };
  /** Lignes de toute la liste, quand `lignes` n'en est qu'une page. */
  total?: number;
}

const nombre = (n: number) => formaterValeur(n, 'lignes');

/** Ce qu'une cellule affiche et exporte : du texte, ou un nombre et son unité. */
export function celluleDe<L>(c: Colonne<L>, l: L): Cellule {
  const v = c.valeur(l);
  const date = c.date?.(l);
  if (date) return { date, texte: v === null ? '' : String(v) };
  if (v === null && c.absente !== undefined) return c.absente;
  if (c.unite === undefined) return v === null ? '' : String(v);
  return { nombre: typeof v === 'number' && Number.isFinite(v) ? v : null, unite: typeof c.unite === 'function' ? c.unite(l) : c.unite };
}

/** Ce qu'une cellule exporte : sa valeur, et son alerte en texte (« 15 février 2018 (en retard de 3 jours) »). */
export function celluleExportee<L>(c: Colonne<L>, l: L): Cellule {
  const valeur = celluleDe(c, l);
  const alerte = c.alerte?.(l);
  return alerte ? `${texteCellule(valeur)} (${alerte})` : valeur;
}

export function Tableau<L>({ titre, colonnes, lignes, cle, pied = [], filtrable, triInitial = [], description, triServeur, telechargements, total = lignes.length }: Props<L>) {
  const [triLocal, setTriLocal] = useState<SortingState>(triInitial);
  const tri = triServeur?.tri ?? triLocal;
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
    onSortingChange: (maj) => (triServeur ? triServeur.changer(typeof maj === 'function' ? maj(tri) : maj) : setTriLocal(maj)),
    manualSorting: !!triServeur,
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
    lignes: [...lignesAffichees, ...pied].map((l) => exportables.map((c) => celluleExportee(c, l))),
  });

  const cellule = (c: Colonne<L>, l: L, entete: boolean) => {
    const valeur = celluleDe(c, l);
    let contenu: ReactNode;
    if (c.rendu) contenu = c.rendu(l);
    else if (typeof valeur !== 'string' && 'nombre' in valeur && valeur.nombre === null) contenu = <NonDefini raison={c.raison?.(l) ?? null} />;
    else contenu = texteCellule(valeur);
    const href = c.lien?.(l);
    if (href) contenu = <Lien href={href}>{contenu}</Lien>;
    const alerte = c.alerte?.(l);
    if (alerte)
      contenu = (
        <>
          {contenu}{' '}
          <Badge as="span" severity="error" small>
            {alerte}
          </Badge>
        </>
      );
    if (c.definitionLigne) contenu = <>{contenu}<Definition titre={String(c.valeur(l))} texte={c.definitionLigne(l)} /></>;
    const classe = c.unite ? 'cpo-nombre' : c.insecable ? 'cpo-insecable' : undefined;
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
                      const libelle = c.libelleCourt ? (
                        <>
                          <span aria-hidden="true">{c.libelleCourt}</span>
                          <span className="fr-sr-only">{c.libelle}</span>
                        </>
                      ) : (
                        c.libelle
                      );
                      return (
                        <th
                          key={c.id}
                          scope="col"
                          className={c.unite ? 'cpo-nombre' : undefined}
                          aria-sort={sens === 'asc' ? 'ascending' : sens === 'desc' ? 'descending' : undefined}
                        >
                          {col.getCanSort() ? (
                            <button type="button" className="cpo-tri" onClick={col.getToggleSortingHandler()}>
                              {libelle}
                              <span aria-hidden="true">{sens === 'asc' ? '▲' : sens === 'desc' ? '▼' : '↕'}</span>
                              <span className="fr-sr-only">{sens ? ', trié' : ', trier'}</span>
                            </button>
                          ) : (
                            libelle
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
          {nombre(lignesAffichees.length)} ligne{lignesAffichees.length > 1 ? 's' : ''} affichée{lignesAffichees.length > 1 ? 's' : ''} sur {nombre(total)}
          {telechargements ? ` ; les exports les contiennent toutes, dans cet ordre.` : '.'}
        </p>
        <div className="fr-btns-group fr-btns-group--inline fr-btns-group--sm fr-btns-group--icon-left">
          {telechargements ? (
            <>
              <Button priority="secondary" size="small" iconId="fr-icon-download-line" linkProps={{ href: telechargements.csv, download: true }}>
                CSV<span className="fr-sr-only"> : {titre}, toutes les lignes</span>
              </Button>
              <Button priority="secondary" size="small" iconId="fr-icon-download-line" linkProps={{ href: telechargements.xlsx, download: true }}>
                XLSX<span className="fr-sr-only"> : {titre}, toutes les lignes</span>
              </Button>
            </>
          ) : (
            <>
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
            </>
          )}
        </div>
      </div>
    </section>
  );
}
