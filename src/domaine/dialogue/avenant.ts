// Le modèle du document d'avenant (cadre CPO §6) : des données figées en entrée, la définition d'un
// document pdfmake en sortie, sans entrée-sortie. Les mêmes données donnent le même document.
import { formaterValeur } from '../indicateurs/format.ts';
import { dateEnFrancais } from '../temps/dates.ts';
import { mentionCouverture } from '../referentiel/reseau.ts';
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
  /** Les ML sur lesquelles portent les références régionale et nationale, et celles du réseau (figées avec l'instantané). */
  couverture: { region: Couverture; national: Couverture };
  qualitatifs: string;
  /** `indicateur` : le libellé de l'indicateur suivi, tel que le catalogue le nommait. */
  plan: { titre: string; description: string; echeance: string; indicateur: string | null }[];
  montants: { ligne: string; libelle: string; montant: number }[];
  enveloppe: { variation: number | null; depasse: boolean; justification: string | null };
}

export interface Couverture {
  structures: number;
  attendues: number | null;
}

/** Une signature figée : qui, en quelle qualité, pour quelle organisation, où et quand (heure de Paris). */
export interface Signature {
  nom: string;
  qualite: string;
  organisation: string;
  lieu: string;
  /** AAAA-MM-JJTHH:MM:SS, heure de Paris. */
  signeLe: string;
}

/** Ce que la version signée ajoute à l'avenant généré : les deux signatures et l'empreinte du PDF qu'elles ont confirmé. */
export interface AvenantSigne {
  signatures: { ml: Signature; etat: Signature };
  empreinteSignatures: string;
  empreintePdf: string;
}

const euros = (v: number) => formaterValeur(v, 'euros');

/** Les cibles et les montants que porte le dialogue et que l'avenant n'a pas figés ainsi (vide : ils concordent). */
export function ecartsAvecLAvenant(d: DonneesAvenant, dialogue: { cibles: Record<string, number>; montants: Record<string, number> }): string[] {
  return [
    ...d.objectifs.filter((o) => dialogue.cibles[o.ratio] !== o.cible).map((o) => `cible ${o.ratio}`),
    ...d.montants.filter((m) => (dialogue.montants[m.ligne] ?? 0) !== m.montant).map((m) => `montant ${m.ligne}`),
  ];
}

/** Les champs {…} des textes de l'avenant (cadre du dialogue), tirés des données figées. */
export function valeursDuModele(cadre: CadreDialogue, d: DonneesAvenant): Record<string, string | number> {
  return {
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
    total: euros(d.montants.reduce((s, m) => s + m.montant, 0)),
    ligne_budgetaire: cadre.financement.ligne_budgetaire,
  };
}
const heure = (h: string) => `${h.slice(11, 13)} h ${h.slice(14, 16)}`;

/**
 * La définition pdfmake de l'avenant : celui généré (signatures à remplir) ou, avec `signe`, celui signé
 * (« Fait à …, le … » et chaque signataire). Les mêmes entrées donnent le même document, octet pour octet.
 */
export function documentAvenant(cadre: CadreDialogue, d: DonneesAvenant, empreinteDonnees: string, signe?: AvenantSigne): Record<string, unknown> {
  const total = d.montants.reduce((s, m) => s + m.montant, 0);
  const valeurs = valeursDuModele(cadre, d);
  const a = cadre.avenant.articles;
  const titre = remplir(cadre.avenant.titre, valeurs);
  const article = (n: number, intitule: string, texte: string) => [
    { text: `Article ${n} — ${intitule}`, style: 'article' },
    { text: remplir(texte, valeurs), margin: [0, 0, 0, 6] },
  ];
  const cellule = (texte: string, droite = false) => ({ text: texte, alignment: droite ? 'right' : 'left' });
  const references = [
    [d.region.nom, mentionCouverture(d.couverture.region)],
    ['France', mentionCouverture(d.couverture.national)],
  ].filter(([, mention]) => mention !== null);
  const sansValeur = d.objectifs.some((o) => [o.valeurN1, o.departement, o.region, o.national].includes(null));
  // Les deux signataires côte à côte, ligne à ligne : « Fait à » en face de « Fait à » même quand une qualité est longue.
  const parties = [
    { pour: `Pour l'association ${d.ml.nom},`, qualite: 'Le président', s: signe?.signatures.ml },
    { pour: `Pour le préfet de la région ${d.region.nom},`, qualite: 'et par délégation, le directeur régional', s: signe?.signatures.etat },
  ];
  const lignesSignatures = [
    parties.map((p) => ({ text: p.pour, bold: true })),
    parties.map((p) => p.s?.qualite ?? p.qualite),
    parties.map((p) => ({ text: p.s ? `Fait à ${p.s.lieu}, le ${dateEnFrancais(p.s.signeLe.slice(0, 10))}` : 'Fait à ……………………, le ……………………', margin: [0, 8, 0, 0] })),
    parties.map((p) =>
      p.s
        ? { text: `Signé par ${p.s.nom} (${p.s.organisation}), ${p.s.qualite}, le ${dateEnFrancais(p.s.signeLe.slice(0, 10))} à ${heure(p.s.signeLe)}.`, italics: true, margin: [0, 8, 0, 0] }
        : { text: 'Signature', margin: [0, 36, 0, 0] },
    ),
  ];
  return {
    pageSize: 'A4',
    pageMargins: [50, 60, 50, 60],
    version: '1.7',
    // Titre et langue pour les lecteurs d'écran ; pdfmake ne sait pas baliser la structure (décision 0014).
    language: 'fr-FR',
    displayTitle: true,
    info: {
      title: titre,
      author: `DIRECCTE ${d.region.nom}`,
      subject: `Avenant n° ${d.numero} pour l'année ${d.annee} — convention n° ${d.convention.numero}${signe ? ' — signé' : ''}`,
      creator: 'CPO Missions locales',
      producer: 'CPO Missions locales',
      creationDate: new Date(`${d.genereLe}T00:00:00Z`),
      modDate: new Date(`${signe ? signe.signatures.etat.signeLe.slice(0, 10) : d.genereLe}T00:00:00Z`),
    },
    defaultStyle: { font: 'Marianne', fontSize: 9.5, lineHeight: 1.2 },
    styles: {
      entete: { fontSize: 8, color: '#3a3a3a' },
      titre: { fontSize: 14, bold: true, alignment: 'center', margin: [0, 10, 0, 12] },
      article: { bold: true, fontSize: 10.5, margin: [0, 8, 0, 3] },
      tableau: { fontSize: 8.5 },
      note: { fontSize: 8, color: '#3a3a3a' },
      alerte: { color: '#ce0500', bold: true },
    },
    footer: (page: number, pages: number) => ({
      margin: [50, 20, 50, 0],
      fontSize: 7,
      color: '#666666',
      columns: [
        {
          text: `${signe ? 'Avenant signé — ' : ''}Données figées : SHA-256 ${empreinteDonnees} — instantané n° ${d.instantane.id} des chiffres ${d.instantane.annee} (${d.instantane.empreinte.slice(0, 16)}…) — versions : indicateurs ${d.catalogue}, dialogue ${d.cadre}`,
        },
        { text: `${page} / ${pages}`, alignment: 'right', width: 40 },
      ],
    }),
    content: [
      // Le bloc-marque de l'État, dessiné en texte : pas d'image à aller chercher.
      {
        columns: [
          {
            width: 'auto',
            stack: [
              { text: 'RÉPUBLIQUE\nFRANÇAISE', bold: true, fontSize: 11, lineHeight: 1 },
              { text: 'Liberté\nÉgalité\nFraternité', italics: true, fontSize: 7.5, lineHeight: 1, margin: [0, 4, 0, 0] },
            ],
          },
          {
            width: '*',
            text: [`Préfet de la région ${d.region.nom}\n`, `Direction régionale des entreprises, de la concurrence,\nde la consommation, du travail et de l'emploi`],
            style: 'entete',
            alignment: 'right',
          },
        ],
      },
      { text: titre, style: 'titre' },
      { text: `Convention n° ${d.convention.numero}`, alignment: 'center' },
      { text: remplir(cadre.avenant.numero, valeurs), alignment: 'center', style: 'note', margin: [0, 2, 0, 12] },
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
          // L'en-tête se répète sur chaque page, ne reste jamais seul en bas, et une ligne ne se coupe pas.
          headerRows: 1,
          keepWithHeaderRows: 1,
          dontBreakRows: true,
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
        margin: [0, 4, 0, 2],
      },
      ...(references.length
        ? [{ text: `Références calculées sur les seules ML dont les données sont chargées : ${references.map(([nom, mention]) => `${nom} — ${mention}`).join(' ; ')}.`, style: 'note' }]
        : []),
      ...(sansValeur ? [{ text: 'n.d. : valeur non disponible (dénominateur nul ou donnée non transmise).', style: 'note' }] : []),
      { text: 'Objectifs qualitatifs', bold: true, margin: [0, 6, 0, 2] },
      { text: d.qualitatifs || 'Aucun.' },
      { text: "Plan d'action", bold: true, margin: [0, 6, 0, 2] },
      d.plan.length
        ? { ul: d.plan.map((p) => `${p.titre} — échéance : ${dateEnFrancais(p.echeance)}${p.indicateur ? ` — indicateur suivi : ${p.indicateur}` : ''}${p.description ? `. ${p.description}` : ''}`) }
        : { text: 'Aucune action.' },
      // Le montant, sa répartition et son total restent ensemble : jamais de total seul en haut d'une page.
      {
        unbreakable: true,
        stack: [
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
        ],
      },
      ...article(4, 'Versement', a.versement),
      ...article(5, 'Justificatifs', a.justificatifs),
      ...article(6, 'Autres clauses', a.autres),
      {
        unbreakable: true,
        margin: [0, 24, 0, 0],
        stack: [
          { table: { widths: ['*', '*'], body: lignesSignatures }, layout: 'noBorders' },
          ...(signe
            ? [
                {
                  text: `Avenant signé dans CPO Missions locales : les deux signataires ont confirmé l'avenant généré le ${dateEnFrancais(d.genereLe)}, dont le PDF a pour empreinte SHA-256 ${signe.empreintePdf}. Signatures figées : SHA-256 ${signe.empreinteSignatures}.`,
                  style: 'note',
                  margin: [0, 16, 0, 0],
                },
              ]
            : []),
        ],
      },
    ],
  };
}
