// Le modèle du document d'avenant (cadre CPO §6) : des données figées en entrée, la définition d'un
// document pdfmake en sortie, sans entrée-sortie. Les mêmes données donnent le même document.
import { formaterValeur } from '../indicateurs/format.ts';
import { dateEnFrancais } from '../temps/dates.ts';
import { remplir, type CadreDialogue } from './cadre.ts';

export interface DonneesAvenant {
  numero: number;
  annee: number;
  /** Jour de la génération : c'est aussi la date de création inscrite dans le PDF. */
  genereLe: string;
  cadre: string;
  catalogue: string;
  convention: { numero: string; anneeDebut: number; anneeFin: number; dateSignature: string; montantReference: number };
  ml: { code: string; nom: string; siret: string; adresse: string | null };
  region: { code: string; nom: string };
  dateEntretien: string;
  instantane: { id: number; annee: number; creeLe: string; empreinte: string };
  objectifs: { ratio: string; libelle: string; unite: string; valeurN1: number | null; cible: number; departement: number | null; region: number | null; national: number | null }[];
  qualitatifs: string;
  plan: { titre: string; description: string; echeance: string; indicateur: string | null }[];
  montants: { ligne: string; libelle: string; montant: number }[];
  enveloppe: { variation: number | null; depasse: boolean; justification: string | null };
}

const euros = (v: number) => formaterValeur(v, 'euros');

/** Les cibles et les montants que porte le dialogue et que l'avenant n'a pas figés ainsi (vide : ils concordent). */
export function ecartsAvecLAvenant(d: DonneesAvenant, dialogue: { cibles: Record<string, number>; montants: Record<string, number> }): string[] {
  return [
    ...d.objectifs.filter((o) => dialogue.cibles[o.ratio] !== o.cible).map((o) => `cible ${o.ratio}`),
    ...d.montants.filter((m) => (dialogue.montants[m.ligne] ?? 0) !== m.montant).map((m) => `montant ${m.ligne}`),
  ];
}

export function documentAvenant(cadre: CadreDialogue, d: DonneesAvenant, empreinteDonnees: string): Record<string, unknown> {
  const total = d.montants.reduce((s, m) => s + m.montant, 0);
  const valeurs = {
    numero: d.numero,
    annee: d.annee,
    annee_precedente: d.annee - 1,
    annee_suivante: d.annee + 1,
    debut: d.convention.anneeDebut,
    fin: d.convention.anneeFin,
    nom_ml: d.ml.nom,
    numero_cpo: d.convention.numero,
    date_signature_cpo: dateEnFrancais(d.convention.dateSignature),
    date_entretien: dateEnFrancais(d.dateEntretien),
    date_instantane: dateEnFrancais(d.instantane.creeLe.slice(0, 10)),
    total: euros(total),
    ligne_budgetaire: cadre.financement.ligne_budgetaire,
  };
  const a = cadre.avenant.articles;
  const article = (n: number, titre: string, texte: string) => [
    { text: `Article ${n} — ${titre}`, style: 'article' },
    { text: remplir(texte, valeurs), margin: [0, 0, 0, 6] },
  ];
  const cellule = (texte: string, droite = false) => ({ text: texte, alignment: droite ? 'right' : 'left' });
  return {
    pageSize: 'A4',
    pageMargins: [50, 60, 50, 60],
    info: {
      title: remplir(cadre.avenant.titre, valeurs),
      author: `DIRECCTE ${d.region.nom}`,
      subject: `Avenant ${d.annee} — CPO ${d.convention.numero}`,
      creator: 'CPO Missions locales',
      producer: 'CPO Missions locales',
      creationDate: new Date(`${d.genereLe}T00:00:00Z`),
      modDate: new Date(`${d.genereLe}T00:00:00Z`),
    },
    defaultStyle: { font: 'Marianne', fontSize: 9.5, lineHeight: 1.2 },
    styles: {
      entete: { fontSize: 8, color: '#3a3a3a' },
      titre: { fontSize: 14, bold: true, alignment: 'center', margin: [0, 10, 0, 12] },
      article: { bold: true, fontSize: 10.5, margin: [0, 8, 0, 3] },
      tableau: { fontSize: 8.5 },
      alerte: { color: '#ce0500', bold: true },
    },
    footer: (page: number, pages: number) => ({
      margin: [50, 20, 50, 0],
      fontSize: 7,
      color: '#666666',
      columns: [
        { text: `Données figées : SHA-256 ${empreinteDonnees} — instantané n° ${d.instantane.id} (${d.instantane.empreinte.slice(0, 16)}…) — catalogue ${d.catalogue} — ${d.cadre}` },
        { text: `${page} / ${pages}`, alignment: 'right', width: 40 },
      ],
    }),
    content: [
      { text: ['RÉPUBLIQUE FRANÇAISE\n', `Préfet de la région ${d.region.nom}\n`, `Direction régionale des entreprises, de la concurrence, de la consommation, du travail et de l'emploi`], style: 'entete' },
      { text: remplir(cadre.avenant.titre, valeurs), style: 'titre' },
      { text: `Convention n° ${d.convention.numero}`, alignment: 'center', margin: [0, 0, 0, 12] },
      { text: 'Entre', bold: true },
      { text: `L'État, représenté par le préfet de la région ${d.region.nom}, et par délégation par le directeur régional des entreprises, de la concurrence, de la consommation, du travail et de l'emploi,`, margin: [0, 2, 0, 4] },
      { text: 'et', bold: true },
      {
        text: `L'association ${d.ml.nom}, SIRET ${d.ml.siret}${d.ml.adresse ? `, dont le siège est situé ${d.ml.adresse}` : ''}, représentée par son président,`,
        margin: [0, 2, 0, 8],
      },
      ...cadre.avenant.visas.map((v) => ({ text: remplir(v, valeurs), margin: [0, 0, 0, 2] })),
      { text: 'Il est convenu ce qui suit :', margin: [0, 8, 0, 0] },
      ...article(1, 'Objet', a.objet),
      ...article(2, 'Objectifs', a.objectifs),
      {
        style: 'tableau',
        table: {
          headerRows: 1,
          widths: ['*', 52, 52, 64, 52, 52],
          body: [
            ['Ratio', `Valeur ${d.annee - 1}`, `Cible ${d.annee}`, 'Département', 'Région', 'National'].map((t) => ({ text: t, bold: true })),
            ...d.objectifs.map((o) => [
              cellule(o.libelle),
              cellule(formaterValeur(o.valeurN1, o.unite), true),
              { text: formaterValeur(o.cible, o.unite), alignment: 'right', bold: true },
              cellule(formaterValeur(o.departement, o.unite), true),
              cellule(formaterValeur(o.region, o.unite), true),
              cellule(formaterValeur(o.national, o.unite), true),
            ]),
          ],
        },
        layout: 'lightHorizontalLines',
        margin: [0, 4, 0, 6],
      },
      { text: 'Objectifs qualitatifs', bold: true, margin: [0, 4, 0, 2] },
      { text: d.qualitatifs || 'Aucun.' },
      { text: "Plan d'action", bold: true, margin: [0, 6, 0, 2] },
      d.plan.length
        ? { ul: d.plan.map((p) => `${p.titre} — échéance : ${dateEnFrancais(p.echeance)}${p.indicateur ? ` — indicateur suivi : ${p.indicateur}` : ''}${p.description ? `. ${p.description}` : ''}`) }
        : { text: 'Aucune action.' },
      ...article(3, 'Montant', a.montant),
      {
        table: {
          widths: ['*', 100],
          body: [
            ...d.montants.map((m) => [m.libelle, { text: euros(m.montant), alignment: 'right' }]),
            [{ text: 'Total', bold: true }, { text: euros(total), alignment: 'right', bold: true }],
          ],
        },
        layout: 'lightHorizontalLines',
        margin: [0, 2, 0, 4],
      },
      {
        text: `Crédit de fonctionnement de référence inscrit dans la convention : ${euros(d.convention.montantReference)} par an. Variation sur les années décidées de la convention : ${
          d.enveloppe.variation === null ? 'n.d.' : formaterValeur(d.enveloppe.variation, 'part')
        }.`,
        fontSize: 8.5,
      },
      ...(d.enveloppe.depasse
        ? [{ text: `Décision au-delà de la variation de ${formaterValeur(cadre.financement.variation_maximale, 'part')} sur la convention. Justification : ${d.enveloppe.justification}`, style: 'alerte', margin: [0, 2, 0, 0] }]
        : []),
      ...article(4, 'Versement', a.versement),
      ...article(5, 'Justificatifs', a.justificatifs),
      ...article(6, 'Autres clauses', a.autres),
      {
        margin: [0, 24, 0, 0],
        columns: [
          { stack: [{ text: `Pour l'association ${d.ml.nom},`, bold: true }, 'Le président', '\nFait à ……………………, le ……………………', '\n\n\nSignature'] },
          { stack: [{ text: `Pour le préfet de la région ${d.region.nom},`, bold: true }, 'et par délégation, le directeur régional', '\nFait à ……………………, le ……………………', '\n\n\nSignature'] },
        ],
      },
    ],
  };
}
