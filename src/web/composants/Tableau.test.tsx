// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { enCsv } from '../outils/exports.ts';
import { celluleDe, celluleExportee, Tableau, type Colonne } from './Tableau.tsx';

interface ML {
  code: string;
  nom: string;
  taux: number | null;
  jeunes: number;
}
const lignes: ML[] = [
  { code: 'A', nom: 'Rennes', taux: 0.4132, jeunes: 4210 },
  { code: 'B', nom: 'Brest', taux: null, jeunes: 1500 },
  { code: 'C', nom: '=Formule', taux: 0.1, jeunes: 12345 },
];
const colonnes: Colonne<ML>[] = [
  { id: 'nom', libelle: 'Mission locale', valeur: (l) => l.nom, lien: (l) => `/structures/${l.code}` },
  { id: 'taux', libelle: "Taux d'accès", unite: 'part', valeur: (l) => l.taux, raison: () => 'dénominateur nul : Jeunes accompagnés = 0', definition: 'Entrées en emploi / jeunes accompagnés' },
  { id: 'jeunes', libelle: 'Jeunes', unite: 'jeunes', valeur: (l) => l.jeunes },
];
const corps = () => within(screen.getByRole('table')).getAllByRole('row').slice(1).map((r) => r.textContent);

afterEach(cleanup);

describe('Tableau', () => {
  it('affiche les chiffres à la française et « n.d. » avec sa raison', () => {
    render(<Tableau titre="ML" colonnes={colonnes} lignes={lignes} cle={(l) => l.code} />);
    expect(screen.getByRole('table', { name: /ML/ })).toBeTruthy();
    expect(corps()[0]).toContain('41,3\u00a0%');
    expect(corps()[0]).toContain('4\u00a0210');
    expect(screen.getByText('n.d.')).toBeTruthy();
    expect(document.body.textContent).toContain('Non défini : dénominateur nul : Jeunes accompagnés = 0');
    expect(screen.getByRole('link', { name: 'Rennes' }).getAttribute('href')).toBe('/structures/A');
  });

  it('trie au clic sur un en-tête (chiffres : décroissant d’abord ; les n.d. toujours en dernier) et le dit par aria-sort', () => {
    render(<Tableau titre="ML" colonnes={colonnes} lignes={lignes} cle={(l) => l.code} />);
    const noms = () => corps().map((t) => lignes.find((l) => t!.startsWith(l.nom))!.code);
    const trier = (nom: RegExp) => fireEvent.click(screen.getByRole('button', { name: nom }));
    trier(/^Jeunes/);
    expect(noms()).toEqual(['C', 'A', 'B']);
    expect(screen.getByRole('columnheader', { name: /^Jeunes/ }).getAttribute('aria-sort')).toBe('descending');
    trier(/^Jeunes/);
    expect(noms()).toEqual(['B', 'A', 'C']);
    expect(screen.getByRole('columnheader', { name: /^Jeunes/ }).getAttribute('aria-sort')).toBe('ascending');
    trier(/^Taux d'accès/);
    expect(noms()).toEqual(['A', 'C', 'B']);
    trier(/^Taux d'accès/);
    expect(noms()).toEqual(['C', 'A', 'B']);
  });

  it('filtre les lignes sur le texte, et le compte affiché suit', () => {
    render(<Tableau titre="ML" colonnes={colonnes} lignes={lignes} cle={(l) => l.code} filtrable />);
    fireEvent.change(screen.getByRole('searchbox', { name: /Filtrer/ }), { target: { value: 'bre' } });
    expect(corps()).toHaveLength(1);
    expect(screen.getByText(/1 ligne affichée sur 3/)).toBeTruthy();
  });

  it('exporte en CSV exactement le texte affiché, formule neutralisée', () => {
    const csv = enCsv({ titre: 'ML', entetes: colonnes.map((c) => c.libelle), lignes: lignes.map((l) => colonnes.map((c) => celluleDe(c, l))) });
    const [entete, rennes, brest, formule] = csv.replace('\ufeff', '').trim().split('\r\n');
    expect(entete).toBe("Mission locale;Taux d'accès;Jeunes");
    expect(rennes).toBe('Rennes;41,3\u00a0%;4\u00a0210');
    expect(brest).toBe('Brest;n.d.;1\u00a0500');
    expect(formule).toBe("'=Formule;10,0\u00a0%;12\u00a0345");
  });

  it('écrit « à fixer » pour une valeur absente qui n’est pas « n.d. », et une alerte en badge DSFR, à l’écran et à l’export', () => {
    const suivi: Colonne<ML>[] = [
      { id: 'nom', libelle: 'Mission locale', valeur: (l) => l.nom, alerte: (l) => (l.code === 'B' ? 'en retard de 3 jours' : null) },
      { id: 'taux', libelle: 'Cible', unite: 'part', absente: 'à fixer', valeur: (l) => l.taux },
    ];
    render(<Tableau titre="Suivi" colonnes={suivi} lignes={lignes} cle={(l) => l.code} />);
    const brest = within(screen.getByRole('table')).getAllByRole('row').find((r) => r.textContent!.startsWith('Brest'))!;
    expect(within(brest).getByText('à fixer')).toBeTruthy();
    expect(within(brest).queryByText('n.d.')).toBeNull();
    expect(within(brest).getByText('en retard de 3 jours').className).toContain('fr-badge--error');
    const csv = enCsv({ titre: 'Suivi', entetes: suivi.map((c) => c.libelle), lignes: lignes.map((l) => suivi.map((c) => celluleExportee(c, l))) });
    expect(csv).toContain('Brest (en retard de 3 jours);à fixer');
    expect(csv).toContain('Rennes;41,3\u00a0%');
  });

  it("confie au serveur le tri et les exports d'une liste paginée, et compte à la française", () => {
    const demandes: unknown[] = [];
    render(
      <Tableau
        titre="Jeunes"
        colonnes={colonnes}
        lignes={lignes}
        cle={(l) => l.code}
        total={8655}
        triServeur={{ tri: [{ id: 'nom', desc: false }], changer: (t) => demandes.push(t) }}
        telechargements={{ csv: '/api/jeunes.csv?tri=nom', xlsx: '/api/jeunes.xlsx?tri=nom' }}
      />,
    );
    const ordre = () => corps().map((t) => lignes.find((l) => t!.startsWith(l.nom))!.code);
    expect(screen.getByRole('columnheader', { name: /^Mission locale/ }).getAttribute('aria-sort')).toBe('ascending');
    // Les lignes restent dans l'ordre du serveur ; un clic lui demande un autre tri.
    expect(ordre()).toEqual(['A', 'B', 'C']);
    fireEvent.click(screen.getByRole('button', { name: /^Jeunes/ }));
    expect(demandes).toEqual([[{ id: 'jeunes', desc: true }]]);
    expect(ordre()).toEqual(['A', 'B', 'C']);
    expect(screen.getByText(/^3 lignes affichées sur 8\s655 ; les exports les contiennent toutes/)).toBeTruthy();
    expect(screen.getByRole('link', { name: /^CSV/ }).getAttribute('href')).toBe('/api/jeunes.csv?tri=nom');
    expect(screen.getByRole('link', { name: /^XLSX/ }).getAttribute('href')).toBe('/api/jeunes.xlsx?tri=nom');
    expect(screen.queryByRole('button', { name: /^CSV/ })).toBeNull();
  });

  it("montre un en-tête court quand le libellé est long, sans l'ôter aux lecteurs d'écran", () => {
    const longues: Colonne<ML>[] = [colonnes[0], { ...colonnes[2], libelle: 'Jeunes accompagnés dans l’année', libelleCourt: 'Accomp.' }];
    render(<Tableau titre="ML" colonnes={longues} lignes={lignes} cle={(l) => l.code} />);
    const entete = screen.getByRole('columnheader', { name: /Jeunes accompagnés dans l’année/ });
    expect(within(entete).getByText('Accomp.').getAttribute('aria-hidden')).toBe('true');
  });
});
