// Générateur de données de démonstration et de charge : un extrait au format d'échange (ses 11 fichiers,
// diagnostics et phases réduits à leur en-tête),
// pour une ML, un département, une région ou la nation, calé sur les ordres de grandeur nationaux
// (cadre-cpo.md §7). Même graine, mêmes fichiers, octet pour octet ; un extrait partiel contient exactement
// les lignes de l'extrait national pour ses ML. Les lignes sont écrites ML par ML : la nation (≈ 35 millions
// de lignes) ne tient jamais en mémoire.
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { FICHIERS } from '../../domaine/echange/format.ts';
import { GenerateurActivite, champ, type FichierML } from './activite.ts';
import { communesEtPopulations, planDuReseau, type MissionLocaleDemo } from './reseau.ts';

export { planDuReseau, contactsVises, type MissionLocaleDemo } from './reseau.ts';

export type Echelle = 'ml' | 'departement' | 'region' | 'national';

export interface OptionsDemo {
  echelle: Echelle;
  /** Même graine, mêmes fichiers. */
  graine: number;
  /** Dossier de sortie, créé s'il manque ; les fichiers existants sont remplacés. */
  sortie: string;
  /** Pour l'échelle « region » (par défaut 53, Bretagne). */
  region?: string;
  /** Pour l'échelle « departement » (par défaut 35). */
  departement?: string;
  /** Pour l'échelle « ml » (par défaut la première ML du département 35). */
  structure?: string;
  /** Par défaut 2015 à 2018. */
  anneeDebut?: number;
  anneeFin?: number;
  /** Appelée après chaque ML écrite (total = nombre de ML de l'extrait). */
  progression?: (faites: number, total: number) => void;
}

export interface ResultatDemo {
  structures: number;
  /** Lignes de données de chaque fichier, en-tête non compris. */
  fichiers: { nom: string; lignes: number }[];
}

/** Les colonnes, dans l'ordre où ce générateur les écrit : vérifiées contre le format d'échange avant d'écrire. */
const COLONNES_ECRITES: Record<string, string> = {
  'structures.csv': 'code_structure;nom;siret;code_departement;code_region;adresse;communes;date_debut;date_fin;code_structure_absorbante',
  'jeunes.csv':
    'code_structure;id_jeune;date_naissance;sexe;niveau_formation;commune_residence;qpv;zrr;rqth;inscrit_pole_emploi;date_premier_accueil;id_conseiller;nom;prenom;courriel;telephone',
  'evenements.csv': 'code_structure;id_evenement;id_jeune;date;type;id_conseiller',
  'diagnostics.csv': 'code_structure;id_diagnostic;id_jeune;date;besoin_emploi;besoin_formation;besoin_sante;besoin_logement;besoin_mobilite;besoin_ressources;id_conseiller',
  'dispositifs.csv': 'code_structure;id_dispositif;id_jeune;type;date_debut;date_fin;motif_fin',
  'phases.csv': 'code_structure;id_phase;id_jeune;id_dispositif;objectif;date_debut;date_fin_prevue;date_fin;evaluation;id_conseiller',
  'situations.csv': 'code_structure;id_situation;id_jeune;categorie;type_contrat;date_debut;date_fin_prevue;date_fin',
  'aides.csv': 'code_structure;id_aide;id_jeune;type;date;montant',
  'offres.csv': 'code_structure;id_offre;date_collecte;pourvue;intitule',
  'contexte.csv':
    'code_structure;annee;pop_16_25;actifs_non_occupes_16_25;neet_16_25;taux_chomage_15_24;demandeurs_emploi_moins_26;part_qpv_16_25;part_zrr_16_25;nb_communes',
  'moyens.csv':
    'code_structure;annee;etp_total;etp_conseillers;etp_relation_entreprise;nb_sites;produits_total;etat_cpo;etat_autres;region;departement;communes_epci;fse;pole_emploi;autres',
};

/** Fichier du format → lignes produites pour chaque ML ; diagnostics et phases (Annexe 1) : en-tête seul, comme un extrait d'avant eux. */
const CONTENU: Partial<Record<string, FichierML | 'structures'>> = {
  'structures.csv': 'structures',
  'jeunes.csv': 'jeunes',
  'evenements.csv': 'evenements',
  'dispositifs.csv': 'dispositifs',
  'situations.csv': 'situations',
  'aides.csv': 'aides',
  'offres.csv': 'offres',
  'contexte.csv': 'contexte',
  'moyens.csv': 'moyens',
};

function verifierFormat(): void {
  for (const f of FICHIERS) {
    const attendu = f.colonnes.map((c) => c.nom).join(';');
    if (COLONNES_ECRITES[f.nom] !== attendu) {
      throw new Error(`le format d'échange a changé pour ${f.nom} : le générateur de démonstration est à mettre à jour`);
    }
  }
  if (FICHIERS.length !== Object.keys(COLONNES_ECRITES).length) throw new Error("le format d'échange a changé : fichiers ajoutés ou retirés");
}

/** Les ML de l'extrait demandé, dans l'ordre des codes. */
function selectionner(plan: MissionLocaleDemo[], options: OptionsDemo): MissionLocaleDemo[] {
  switch (options.echelle) {
    case 'national':
      return plan;
    case 'region': {
      const region = options.region ?? '53';
      const mls = plan.filter((ml) => ml.region === region);
      if (mls.length === 0) throw new Error(`région inconnue : ${region}`);
      return mls;
    }
    case 'departement': {
      const departement = options.departement ?? '35';
      const mls = plan.filter((ml) => ml.departement === departement);
      if (mls.length === 0) throw new Error(`département inconnu : ${departement}`);
      return mls;
    }
    case 'ml': {
      const code = options.structure ?? plan.find((ml) => ml.departement === '35')!.code;
      const ml = plan.find((m) => m.code === code);
      if (!ml) throw new Error(`Mission locale inconnue : ${code}`);
      return [ml];
    }
    default:
      throw new Error(`échelle inconnue : ${String(options.echelle)}`);
  }
}

function verifierPeriode(anneeDebut: number, anneeFin: number): void {
  // Les premiers accueils remontent à 3 ans avant la période ; aucune date après 2018 (fin de la CPO 2015-2018).
  if (!Number.isInteger(anneeDebut) || !Number.isInteger(anneeFin) || anneeDebut < 1993 || anneeFin > 2018 || anneeDebut > anneeFin) {
    throw new Error(`période invalide : ${anneeDebut}-${anneeFin} (années entières, de 1993 à 2018, début ≤ fin)`);
  }
}

function ligneStructure(ml: MissionLocaleDemo, presentes: ReadonlySet<string>, anneeDebut = 2015): string {
  // Une absorbante absente de l'extrait ferait refuser l'import (clé étrangère) : on ne la cite que si elle y est.
  const absorbante = ml.codeStructureAbsorbante && presentes.has(ml.codeStructureAbsorbante) ? ml.codeStructureAbsorbante : '';
  const debut = anneeDebut < 2015 ? `${anneeDebut}-01-01` : ml.dateDebut;
  return (
    [ml.code, champ(ml.nom), ml.siret, ml.departement, ml.region, champ(ml.adresse), ml.communes.join('|'), debut, ml.dateFin ?? '', absorbante].join(';') +
    '\n'
  );
}

class Sortie {
  private readonly flux: WriteStream;
  private erreur: Error | undefined;
  lignes = 0;

  constructor(chemin: string, entete: string) {
    this.flux = createWriteStream(chemin, { highWaterMark: 1 << 20 });
    this.flux.on('error', (e) => (this.erreur = e));
    this.flux.write(entete + '\n');
  }

  /** Écrit des morceaux en respectant la contre-pression du flux (attente de « drain »). */
  async ecrire(morceaux: readonly (Buffer | string)[], lignes: number): Promise<void> {
    this.lignes += lignes;
    for (const morceau of morceaux) {
      if (this.erreur) throw this.erreur;
      if (!this.flux.write(morceau)) await this.vidange();
    }
    if (this.erreur) throw this.erreur;
  }

  private vidange(): Promise<void> {
    return new Promise((resolve) => {
      const fin = () => {
        this.flux.off('drain', fin);
        this.flux.off('error', fin);
        resolve();
      };
      this.flux.on('drain', fin);
      this.flux.on('error', fin);
    });
  }

  async fermer(): Promise<void> {
    if (this.erreur) throw this.erreur;
    const fini = once(this.flux, 'close');
    this.flux.end();
    await fini;
    if (this.erreur) throw this.erreur;
  }

  abandonner(): void {
    this.flux.destroy();
  }
}

export async function genererDemo(options: OptionsDemo): Promise<ResultatDemo> {
  verifierFormat();
  if (!Number.isFinite(options.graine)) throw new Error(`graine invalide : ${options.graine}`);
  const periode = { anneeDebut: options.anneeDebut ?? 2015, anneeFin: options.anneeFin ?? 2018 };
  verifierPeriode(periode.anneeDebut, periode.anneeFin);
  const plan = planDuReseau(options.graine);
  const selection = selectionner(plan, options);
  const populations = communesEtPopulations();

  await mkdir(options.sortie, { recursive: true });
  const sorties = new Map(FICHIERS.map((f) => [f.nom, new Sortie(join(options.sortie, f.nom), COLONNES_ECRITES[f.nom])]));
  try {
    const presentes = new Set(selection.map((ml) => ml.code));
    await sorties.get('structures.csv')!.ecrire([selection.map((ml) => ligneStructure(ml, presentes, periode.anneeDebut)).join('')], selection.length);
    let faites = 0;
    for (const ml of selection) {
      const lignes = new GenerateurActivite(ml, options.graine, periode, populations).generer();
      for (const f of FICHIERS) {
        const contenu = CONTENU[f.nom];
        if (contenu === 'structures' || contenu === undefined) continue;
        await sorties.get(f.nom)!.ecrire(lignes[contenu].morceaux, lignes[contenu].nombre);
      }
      options.progression?.(++faites, selection.length);
    }
    for (const s of sorties.values()) await s.fermer();
  } catch (e) {
    for (const s of sorties.values()) s.abandonner();
    throw e;
  }
  return { structures: selection.length, fichiers: FICHIERS.map((f) => ({ nom: f.nom, lignes: sorties.get(f.nom)!.lignes })) };
}
