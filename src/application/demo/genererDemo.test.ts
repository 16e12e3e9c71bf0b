import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FICHIERS, LIGNES_FINANCEMENT } from '../../domaine/echange/format.ts';
import {
  CATEGORIES_SITUATION,
  MOTIFS_FIN_DISPOSITIF,
  NIVEAUX_FORMATION,
  TYPES_AIDE,
  TYPES_CONTRAT,
  TYPES_DISPOSITIF,
  TYPES_EVENEMENT,
} from '../../domaine/referentiel/codes.ts';
import { DEPARTEMENTS, REGIONS } from '../../domaine/referentiel/geographie.ts';
import { ageRevolu, estDateValide } from '../../domaine/temps/dates.ts';
import { ML_PAR_REGION } from './calibrage.ts';
import { contactsVises, genererDemo, planDuReseau, type ResultatDemo } from './genererDemo.ts';
import { estLuhnValide } from './reseau.ts';

const GRAINE = 2015;
const dossiers: string[] = [];
function dossierTemporaire(): string {
  const d = mkdtempSync(join(tmpdir(), 'cpo-demo-'));
  dossiers.push(d);
  return d;
}
afterAll(() => {
  for (const d of dossiers) rmSync(d, { recursive: true, force: true });
});

/** Découpe une ligne CSV : guillemets gérés pour la forme, le générateur n'en écrit que dans des noms. */
function champs(ligne: string): string[] {
  if (!ligne.includes('"')) return ligne.split(';');
  const sortie: string[] = [];
  let courant = '';
  let entre = false;
  for (let i = 0; i < ligne.length; i++) {
    const c = ligne[i];
    if (entre) {
      if (c === '"' && ligne[i + 1] === '"') (courant += '"'), i++;
      else if (c === '"') entre = false;
      else courant += c;
    } else if (c === '"') entre = true;
    else if (c === ';') sortie.push(courant), (courant = '');
    else courant += c;
  }
  sortie.push(courant);
  return sortie;
}

interface Fichier {
  entete: string[];
  lignes: string[];
}

function lire(dossier: string, nom: string): Fichier {
  const texte = readFileSync(join(dossier, nom), 'utf8');
  expect(texte.endsWith('\n')).toBe(true);
  expect(texte.includes('\r')).toBe(false);
  const lignes = texte.slice(0, -1).split('\n');
  return { entete: lignes[0].split(';'), lignes: lignes.slice(1) };
}

/** Chaque ligne comme objet colonne → valeur (pour les petits fichiers). */
function objets(f: Fichier): Record<string, string>[] {
  return f.lignes.map((l) => {
    const v = champs(l);
    return Object.fromEntries(f.entete.map((c, i) => [c, v[i]]));
  });
}

const DATE_MIN = '1990-01-01';
const DATE_MAX = '2018-12-31';

/**
 * Toutes les règles d'import de format-echange.md, plus la cohérence propre au générateur, sur un extrait
 * écrit. Rend quelques comptes pour les assertions de l'appelant.
 */
function verifierExtrait(
  dossier: string,
  periode = { debut: 2015, fin: 2018 },
): { jeunes: number; evenements: number; parAnnee: Map<number, { enContact: number; premiersAccueils: number }> } {
  const erreurs: string[] = [];
  const signaler = (m: string) => {
    if (erreurs.length < 20) erreurs.push(m);
  };
  // Quelques milliers de dates distinctes pour des millions de lignes : validité mise en cache.
  const datesValides = new Map<string, boolean>();
  const dateBornee = (v: string, quoi: string) => {
    let ok = datesValides.get(v);
    if (ok === undefined) datesValides.set(v, (ok = estDateValide(v) && v >= DATE_MIN && v <= DATE_MAX));
    if (!ok) signaler(`${quoi} : date invalide ou hors bornes ${v}`);
  };
  const fichiers = new Map(FICHIERS.map((f) => [f.nom, lire(dossier, f.nom)]));
  for (const f of FICHIERS) expect(fichiers.get(f.nom)!.entete, f.nom).toEqual(f.colonnes.map((c) => c.nom));
  /** Les lignes d'un fichier découpées, chacune avec le nombre de champs de l'en-tête. */
  const lignes = (nom: string): string[][] =>
    fichiers.get(nom)!.lignes.map((l) => {
      const c = champs(l);
      if (c.length !== fichiers.get(nom)!.entete.length) signaler(`${nom} : nombre de champs ${l}`);
      return c;
    });

  // Structures
  const structures = objets(fichiers.get('structures.csv')!);
  const fermetures = new Map<string, string>();
  const codesML = new Set<string>();
  for (const s of structures) {
    if (codesML.has(s.code_structure)) signaler(`structure en double ${s.code_structure}`);
    codesML.add(s.code_structure);
    if (!/^\d{14}$/.test(s.siret) || !estLuhnValide(s.siret)) signaler(`SIRET ${s.siret}`);
    if (!s.communes.split('|').every((c) => /^[0-9][0-9AB]\d{3}$/.test(c))) signaler(`communes ${s.code_structure}`);
    if (s.date_fin) {
      fermetures.set(s.code_structure, s.date_fin);
      if (s.date_fin < s.date_debut) signaler(`structure ${s.code_structure} finit avant de commencer`);
      if (s.code_structure_absorbante && !structures.some((x) => x.code_structure === s.code_structure_absorbante)) {
        signaler(`absorbante absente ${s.code_structure_absorbante}`);
      }
    }
  }
  const fermee = (code: string, date: string) => {
    const fin = fermetures.get(code);
    return fin !== undefined && date > fin;
  };
  const connue = (code: string) => {
    if (!codesML.has(code)) signaler(`structure inconnue ${code}`);
  };

  // Jeunes
  const jeunes = new Map<string, { naissance: string; accueil: string; anniversaire26: string; evenements: number; annees: number }>();
  for (const [code, id, naissance, sexe, niveau, commune, qpv, zrr, rqth, pe, accueil, conseiller, , , courriel, telephone] of lignes('jeunes.csv')) {
    const l = [code, id, naissance].join(';');
    connue(code);
    const cle = `${code};${id}`;
    if (jeunes.has(cle)) signaler(`jeune en double ${cle}`);
    if (!estDateValide(naissance)) signaler(`naissance ${naissance}`);
    // Premier jour à 26 ans révolus (né un 29 février : le 1er mars les années non bissextiles).
    const candidat = `${Number(naissance.slice(0, 4)) + 26}${naissance.slice(4)}`;
    const anniversaire26 = estDateValide(candidat) ? candidat : `${candidat.slice(0, 4)}-03-01`;
    if (ageRevolu(naissance, anniversaire26) !== 26) signaler(`anniversaire ${naissance}`);
    jeunes.set(cle, { naissance, accueil, anniversaire26, evenements: 0, annees: 0 });
    dateBornee(accueil, 'premier accueil');
    const age = ageRevolu(naissance, accueil);
    if (age < 16 || age > 25) signaler(`âge au premier accueil ${age} (${cle})`);
    if (accueil.slice(0, 4) < String(periode.debut - 3)) signaler(`premier accueil trop ancien ${accueil}`);
    if (sexe !== 'F' && sexe !== 'H') signaler(`sexe ${sexe}`);
    if (niveau !== '' && !(NIVEAUX_FORMATION as readonly string[]).includes(niveau)) signaler(`niveau ${niveau}`);
    if (!/^[0-9][0-9AB]\d{3}$/.test(commune)) signaler(`commune ${commune}`);
    if (![qpv, zrr, rqth, pe].every((b) => b === '0' || b === '1')) signaler(`booléens ${l}`);
    if (qpv === '1' && zrr === '1') signaler(`QPV et ZRR à la fois ${cle}`);
    if (!/^C\d{4}$/.test(conseiller) || !/^[a-z0-9.-]+@exemple\.fr$/.test(courriel) || !/^0[67]\d{8}$/.test(telephone)) signaler(`identité ${l}`);
  }
  const jeune = (code: string, id: string, fichier: string) => {
    const j = jeunes.get(`${code};${id}`);
    if (!j) signaler(`${fichier} : jeune inconnu ${code};${id}`);
    return j;
  };
  const cles = new Map<string, Set<string>>();
  const unique = (fichier: string, cle: string) => {
    let vues = cles.get(fichier);
    if (!vues) cles.set(fichier, (vues = new Set()));
    if (vues.has(cle)) signaler(`clé en double ${fichier} ${cle}`);
    vues.add(cle);
  };
  const typesEvenement = new Set<string>(TYPES_EVENEMENT);

  // Événements : dans la période, après le premier accueil, avant 26 ans
  let nbEvenements = 0;
  for (const l of fichiers.get('evenements.csv')!.lignes) {
    const c = l.split(';');
    if (c.length !== 6) signaler(`evenements.csv : nombre de champs ${l}`);
    const [code, id, idJeune, date, type, conseiller] = c;
    unique('evenements', `${code};${id}`);
    dateBornee(date, 'événement');
    if (!typesEvenement.has(type)) signaler(`type d'événement ${type}`);
    if (!/^C\d{4}$/.test(conseiller)) signaler(`conseiller ${conseiller}`);
    const j = jeune(code, idJeune, 'evenements');
    if (j) {
      j.evenements++;
      j.annees |= 1 << (Number(date.slice(0, 4)) - 1990);
      if (date < j.accueil) signaler(`événement avant le premier accueil ${l}`);
      if (date >= j.anniversaire26) signaler(`événement après 26 ans ${l}`);
    }
    if (Number(date.slice(0, 4)) < periode.debut || Number(date.slice(0, 4)) > periode.fin) signaler(`événement hors période ${l}`);
    if (fermee(code, date)) signaler(`événement après fermeture ${l}`);
    nbEvenements++;
  }
  for (const [cle, j] of jeunes) if (j.evenements === 0) signaler(`jeune sans événement ${cle}`);

  // Dispositifs : âge, bornes CIVIS/PACEA, pas de chevauchement
  const contrats = new Map<string, { debut: string; fin: string }[]>();
  for (const [code_structure, id_dispositif, id_jeune, type, date_debut, date_fin, motif_fin] of lignes('dispositifs.csv')) {
    const d = { code_structure, id_dispositif, id_jeune, type, date_debut, date_fin, motif_fin };
    unique('dispositifs', `${d.code_structure};${d.id_dispositif}`);
    if (!(TYPES_DISPOSITIF as readonly string[]).includes(d.type)) signaler(`type de dispositif ${d.type}`);
    dateBornee(d.date_debut, 'début de dispositif');
    if (d.date_fin) {
      dateBornee(d.date_fin, 'fin de dispositif');
      if (d.date_fin < d.date_debut) signaler(`dispositif fini avant son début ${d.id_dispositif}`);
      if (!(MOTIFS_FIN_DISPOSITIF as readonly string[]).includes(d.motif_fin)) signaler(`motif ${d.motif_fin}`);
    } else if (d.motif_fin) signaler(`motif sans fin ${d.id_dispositif}`);
    const j = jeune(d.code_structure, d.id_jeune, 'dispositifs');
    if (j) {
      const age = ageRevolu(j.naissance, d.date_debut);
      if (age < 16 || age > 25) signaler(`âge ${age} à l'entrée en ${d.type} (${d.code_structure};${d.id_dispositif})`);
    }
    if (d.type === 'CIVIS' && d.date_debut > '2016-12-31') signaler(`CIVIS après 2016 ${d.id_dispositif}`);
    if (d.type === 'PACEA' && d.date_debut < '2017-01-01') signaler(`PACEA avant 2017 ${d.id_dispositif}`);
    if (fermee(d.code_structure, d.date_debut) || (d.date_fin && fermee(d.code_structure, d.date_fin))) signaler(`dispositif après fermeture ${d.id_dispositif}`);
    if (d.type === 'CIVIS' || d.type === 'PACEA') {
      const cle = `${d.code_structure};${d.id_jeune}`;
      contrats.set(cle, [...(contrats.get(cle) ?? []), { debut: d.date_debut, fin: d.date_fin }]);
    }
  }
  for (const [cle, liste] of contrats) {
    liste.sort((x, y) => (x.debut < y.debut ? -1 : 1));
    for (let i = 1; i < liste.length; i++) {
      // Dates incluses ; un contrat sans fin court toujours.
      if (!liste[i - 1].fin || liste[i - 1].fin >= liste[i].debut) signaler(`contrats qui se chevauchent ${cle}`);
    }
  }

  // Situations
  for (const [code_structure, id_situation, id_jeune, categorie, type_contrat, date_debut, date_fin_prevue, date_fin] of lignes('situations.csv')) {
    const s = { code_structure, id_situation, id_jeune, categorie, type_contrat, date_debut, date_fin_prevue, date_fin };
    unique('situations', `${s.code_structure};${s.id_situation}`);
    if (!(CATEGORIES_SITUATION as readonly string[]).includes(s.categorie)) signaler(`catégorie ${s.categorie}`);
    if (s.type_contrat && !(TYPES_CONTRAT as readonly string[]).includes(s.type_contrat)) signaler(`contrat ${s.type_contrat}`);
    dateBornee(s.date_debut, 'début de situation');
    if (s.date_fin) dateBornee(s.date_fin, 'fin de situation');
    if (s.date_fin_prevue && !estDateValide(s.date_fin_prevue)) signaler(`fin prévue ${s.date_fin_prevue}`);
    if ((s.date_fin && s.date_fin < s.date_debut) || (s.date_fin_prevue && s.date_fin_prevue < s.date_debut)) signaler(`situation finie avant son début ${s.id_situation}`);
    if (s.type_contrat === 'CDI' && s.date_fin_prevue) signaler(`CDI avec fin prévue ${s.id_situation}`);
    if (fermee(s.code_structure, s.date_debut)) signaler(`situation après fermeture ${s.id_situation}`);
    jeune(s.code_structure, s.id_jeune, 'situations');
  }

  // Aides
  for (const [code_structure, id_aide, id_jeune, type, date, montant] of lignes('aides.csv')) {
    const a = { code_structure, id_aide, id_jeune, type, date, montant };
    unique('aides', `${a.code_structure};${a.id_aide}`);
    if (!(TYPES_AIDE as readonly string[]).includes(a.type)) signaler(`type d'aide ${a.type}`);
    dateBornee(a.date, 'aide');
    if (!/^\d+\.\d{2}$/.test(a.montant) || Number(a.montant) < 0) signaler(`montant ${a.montant}`);
    if (fermee(a.code_structure, a.date)) signaler(`aide après fermeture ${a.id_aide}`);
    jeune(a.code_structure, a.id_jeune, 'aides');
  }

  // Offres
  for (const o of objets(fichiers.get('offres.csv')!)) {
    connue(o.code_structure);
    unique('offres', `${o.code_structure};${o.id_offre}`);
    dateBornee(o.date_collecte, 'offre');
    if (o.pourvue !== '0' && o.pourvue !== '1') signaler(`pourvue ${o.pourvue}`);
    if (fermee(o.code_structure, o.date_collecte)) signaler(`offre après fermeture ${o.id_offre}`);
  }

  // Contexte et moyens : une ligne par ML et année d'activité ; financements = total, au centime près
  for (const nom of ['contexte.csv', 'moyens.csv']) {
    for (const r of objets(fichiers.get(nom)!)) {
      connue(r.code_structure);
      unique(nom, `${r.code_structure};${r.annee}`);
      if (fermee(r.code_structure, `${r.annee}-01-01`)) signaler(`${nom} après fermeture ${r.code_structure} ${r.annee}`);
      for (const [colonne, valeur] of Object.entries(r)) {
        if (colonne !== 'code_structure' && !/^\d+(\.\d+)?$/.test(valeur)) signaler(`${nom} ${colonne} = ${valeur}`);
      }
    }
  }
  for (const m of objets(fichiers.get('moyens.csv')!)) {
    const centimes = (v: string) => Math.round(Number(v) * 100);
    const somme = LIGNES_FINANCEMENT.reduce((s, l) => s + centimes(m[l]), 0);
    if (somme !== centimes(m.produits_total)) signaler(`financements ${somme} ≠ ${m.produits_total} (${m.code_structure} ${m.annee})`);
    if (Number(m.etp_conseillers) > Number(m.etp_total) || Number(m.nb_sites) < 1) signaler(`moyens ${m.code_structure} ${m.annee}`);
  }
  for (const c of objets(fichiers.get('contexte.csv')!)) {
    const taux = Number(c.taux_chomage_15_24);
    if (taux < 18 || taux > 35 || Number(c.actifs_non_occupes_16_25) > Number(c.pop_16_25)) signaler(`contexte ${c.code_structure} ${c.annee}`);
  }

  expect(erreurs).toEqual([]);
  const parAnnee = new Map<number, { enContact: number; premiersAccueils: number }>();
  for (let a = periode.debut; a <= periode.fin; a++) parAnnee.set(a, { enContact: 0, premiersAccueils: 0 });
  for (const j of jeunes.values()) {
    for (const [a, compte] of parAnnee) {
      if (!(j.annees & (1 << (a - 1990)))) continue;
      compte.enContact++;
      if (Number(j.accueil.slice(0, 4)) === a) compte.premiersAccueils++;
    }
  }
  return { jeunes: jeunes.size, evenements: nbEvenements, parAnnee };
}

describe('planDuReseau', () => {
  const plan = planDuReseau(GRAINE);
  const communes: { code: string; departement: string; type: string }[] = createRequire(import.meta.url)(
    '@etalab/decoupage-administratif/data/communes.json',
  );

  it('compte 445 Missions locales sur les 18 régions, au moins une par département', () => {
    expect(plan).toHaveLength(445);
    expect(new Set(plan.map((ml) => ml.code)).size).toBe(445);
    expect(REGIONS).toHaveLength(18);
    for (const r of REGIONS) expect(plan.filter((ml) => ml.region === r.code).length, r.nom).toBe(ML_PAR_REGION[r.code]);
    for (const d of DEPARTEMENTS) expect(plan.some((ml) => ml.departement === d.code), d.nom).toBe(true);
    expect(plan.map((ml) => ml.code)).toEqual([...plan.map((ml) => ml.code)].sort());
    expect(plan.filter((ml) => ml.departement === '35')[0].code).toBe('ML03501');
    expect(plan.some((ml) => ml.code === 'ML02A01') && plan.some((ml) => ml.code === 'ML97401')).toBe(true);
    for (const ml of plan) {
      expect(ml.code).toMatch(new RegExp(`^ML${ml.departement.padStart(3, '0')}\\d{2}$`));
      expect(DEPARTEMENTS.find((d) => d.code === ml.departement)?.codeRegion).toBe(ml.region);
      expect(ml.siret).toMatch(/^\d{14}$/);
      expect(estLuhnValide(ml.siret), ml.siret).toBe(true);
      expect(ml.nom).toMatch(/^Mission locale /);
      expect(ml.communes).toContain(ml.communeSiege);
    }
    expect(new Set(plan.map((ml) => ml.nom)).size).toBe(445);
  });

  it('partage les communes de chaque département entre ses ML, chacune exactement une fois', () => {
    const couvertes = plan.flatMap((ml) => ml.communes.map((c) => `${ml.departement}:${c}`));
    expect(new Set(couvertes).size).toBe(couvertes.length);
    const departements = new Set(DEPARTEMENTS.map((d) => d.code));
    const attendues = communes.filter((c) => c.type === 'commune-actuelle' && departements.has(c.departement)).map((c) => `${c.departement}:${c.code}`);
    expect(couvertes.sort()).toEqual(attendues.sort());
  });

  it('simule une fusion : 445 ML en 2015, 444 à partir de 2017', () => {
    const fermees = plan.filter((ml) => ml.dateFin);
    expect(fermees).toHaveLength(1);
    const [absorbee] = fermees;
    expect(absorbee.dateFin).toBe('2016-12-31');
    const absorbante = plan.find((ml) => ml.code === absorbee.codeStructureAbsorbante)!;
    expect(absorbante.departement).toBe(absorbee.departement);
    expect(absorbante.absorbee?.code).toBe(absorbee.code);
    expect(contactsVises(absorbee, 2016)).toBeGreaterThan(0);
    expect(contactsVises(absorbee, 2017)).toBe(0);
    expect(plan.filter((ml) => contactsVises(ml, 2017) > 0)).toHaveLength(444);
  });

  it('se cale sur les ordres de grandeur nationaux', () => {
    const total = (annee: number) => plan.reduce((s, ml) => s + contactsVises(ml, annee), 0);
    expect(Math.abs(total(2015) - 1_404_000)).toBeLessThan(0.05 * 1_404_000);
    expect(Math.abs(total(2017) - 1_298_000)).toBeLessThan(0.05 * 1_298_000);
    expect(total(2016)).toBeLessThan(total(2015));
    expect(total(2018)).toBeLessThan(total(2017));
    for (const ml of plan) {
      expect(ml.contacts2015).toBeGreaterThanOrEqual(700);
      expect(ml.contacts2015).toBeLessThanOrEqual(28_500);
    }
    const tailles = plan.map((ml) => ml.contacts2015).sort((a, b) => a - b);
    expect(tailles[0]).toBeLessThan(1_000);
    expect(tailles[444]).toBeGreaterThan(20_000);
    const pop = plan.reduce((s, ml) => s + ml.pop1625, 0);
    expect(pop / 445).toBeGreaterThan(15_000);
    expect(pop / 445).toBeLessThan(20_000);
    const moyenne = (f: (ml: (typeof plan)[number]) => number) => plan.reduce((s, ml) => s + f(ml) * ml.contacts2015, 0) / total(2015);
    expect(moyenne((ml) => ml.partQpv)).toBeCloseTo(0.15, 2);
    expect(moyenne((ml) => ml.partZrr)).toBeCloseTo(0.12, 2);
  });

  it('dépend de la graine et d’elle seule', () => {
    expect(planDuReseau(GRAINE)).toEqual(plan);
    const autre = planDuReseau(GRAINE + 1);
    expect(autre.map((ml) => ml.code)).toEqual(plan.map((ml) => ml.code));
    expect(autre.map((ml) => ml.siret)).not.toEqual(plan.map((ml) => ml.siret));
  });
});

describe('genererDemo', () => {
  let corse: string;
  let resultatCorse: ResultatDemo;
  const avancement: [number, number][] = [];

  beforeAll(async () => {
    corse = dossierTemporaire();
    resultatCorse = await genererDemo({ echelle: 'region', region: '94', graine: GRAINE, sortie: corse, progression: (f, t) => avancement.push([f, t]) });
  });

  it('écrit les 11 fichiers (diagnostics et phases : en-tête seul) et signale sa progression ML par ML', () => {
    expect(resultatCorse.structures).toBe(4);
    expect(resultatCorse.fichiers.map((f) => f.nom)).toEqual(FICHIERS.map((f) => f.nom));
    for (const f of resultatCorse.fichiers) {
      expect(lire(corse, f.nom).lignes.length, f.nom).toBe(f.lignes);
      if (['diagnostics.csv', 'phases.csv'].includes(f.nom)) expect(f.lignes, f.nom).toBe(0);
      else expect(f.lignes, f.nom).toBeGreaterThan(0);
    }
    expect(avancement).toEqual([
      [1, 4],
      [2, 4],
      [3, 4],
      [4, 4],
    ]);
  });

  it('donne des fichiers identiques pour une même graine, différents pour une autre', async () => {
    const meme = dossierTemporaire();
    const autre = dossierTemporaire();
    await genererDemo({ echelle: 'region', region: '94', graine: GRAINE, sortie: meme });
    await genererDemo({ echelle: 'region', region: '94', graine: GRAINE + 1, sortie: autre });
    for (const f of FICHIERS) {
      expect(readFileSync(join(meme, f.nom)).equals(readFileSync(join(corse, f.nom))), f.nom).toBe(true);
      // Diagnostics et phases n'ont que leur en-tête, le même pour toute graine.
      if (resultatCorse.fichiers.find((r) => r.nom === f.nom)!.lignes > 0) expect(readFileSync(join(autre, f.nom)).equals(readFileSync(join(corse, f.nom))), f.nom).toBe(false);
    }
  });

  it("rend, pour une ML ou un département, exactement les lignes de l'extrait plus large", async () => {
    const ml = dossierTemporaire();
    const departement = dossierTemporaire();
    await genererDemo({ echelle: 'ml', structure: 'ML02B01', graine: GRAINE, sortie: ml });
    await genererDemo({ echelle: 'departement', departement: '2A', graine: GRAINE, sortie: departement });
    for (const f of FICHIERS) {
      const region = lire(corse, f.nom).lignes;
      expect(lire(ml, f.nom).lignes, f.nom).toEqual(region.filter((l) => l.startsWith('ML02B01;')));
      expect(lire(departement, f.nom).lignes, f.nom).toEqual(region.filter((l) => l.startsWith('ML02A')));
    }
  });

  it('écrit les structures du plan national, fusion comprise', () => {
    const plan = planDuReseau(GRAINE).filter((ml) => ml.region === '94');
    const structures = objets(lire(corse, 'structures.csv'));
    expect(structures.map((s) => s.code_structure)).toEqual(plan.map((ml) => ml.code));
    for (const [i, s] of structures.entries()) {
      expect(s.nom).toBe(plan[i].nom);
      expect(s.communes).toBe(plan[i].communes.join('|'));
      expect(s.date_debut).toBe('2015-01-01');
    }
    // La Corse porte la fusion du réseau : une petite ML de Corse-du-Sud absorbée par sa voisine.
    const fermee = structures.find((s) => s.date_fin);
    expect(fermee).toMatchObject({ date_fin: '2016-12-31', code_structure_absorbante: 'ML02A01' });
  });

  it('respecte toutes les règles du format sur une région, fusion comprise', () => {
    verifierExtrait(corse);
    const moyens = objets(lire(corse, 'moyens.csv'));
    expect(moyens.filter((m) => m.code_structure === 'ML02A02').map((m) => m.annee)).toEqual(['2015', '2016']);
    expect(moyens.filter((m) => m.code_structure === 'ML02A01').map((m) => m.annee)).toEqual(['2015', '2016', '2017', '2018']);
  });

  it('respecte toutes les règles du format sur la Bretagne, avec des ordres de grandeur plausibles', async () => {
    const bretagne = dossierTemporaire();
    // Sa durée (objectif ≤ 10 s) se mesure au banc d'essai : npm run bench -- import.
    const resultat = await genererDemo({ echelle: 'region', graine: GRAINE, sortie: bretagne });
    expect(resultat.structures).toBe(17);
    const { jeunes, evenements, parAnnee } = verifierExtrait(bretagne);
    const plan = planDuReseau(GRAINE).filter((ml) => ml.region === '53');
    const contacts = [2015, 2016, 2017, 2018].reduce((s, a) => s + plan.reduce((t, ml) => t + contactsVises(ml, a), 0), 0);
    // ≈ 5,3 événements par jeune et par année de contact
    expect(evenements / contacts).toBeGreaterThan(4.5);
    expect(evenements / contacts).toBeLessThan(6.5);
    expect(jeunes).toBeGreaterThan(0.4 * contacts);

    // Jeunes en contact = nombre visé chaque année ; environ un tiers de premiers accueils
    for (const [annee, { enContact, premiersAccueils }] of parAnnee) {
      expect(enContact, String(annee)).toBe(plan.reduce((s, ml) => s + contactsVises(ml, annee), 0));
      expect(premiersAccueils / enContact).toBeGreaterThan(0.27);
      expect(premiersAccueils / enContact).toBeLessThan(0.38);
    }

    // Dispositifs : CIVIS jusqu'en 2016, PACEA ensuite, des contrats encore ouverts fin 2018
    const dispositifs = objets(lire(bretagne, 'dispositifs.csv'));
    const types = new Set(dispositifs.map((d) => d.type));
    expect([...types].sort()).toEqual([...TYPES_DISPOSITIF].sort());
    expect(dispositifs.some((d) => d.type === 'PACEA' && d.date_fin === '')).toBe(true);
    const situations = objets(lire(bretagne, 'situations.csv'));
    expect(new Set(situations.map((s) => s.categorie)).size).toBe(CATEGORIES_SITUATION.length);
    expect(situations.some((s) => s.type_contrat === 'EMPLOI_AVENIR')).toBe(true);
  });

  it('respecte les règles sur une période plus courte', async () => {
    const court = dossierTemporaire();
    await genererDemo({ echelle: 'region', region: '94', graine: GRAINE, sortie: court, anneeDebut: 2016, anneeFin: 2017 });
    verifierExtrait(court, { debut: 2016, fin: 2017 });
    const contexte = objets(lire(court, 'contexte.csv'));
    expect(new Set(contexte.map((c) => c.annee))).toEqual(new Set(['2016', '2017']));
  });

  it('refuse une demande incohérente', async () => {
    const sortie = dossierTemporaire();
    await expect(genererDemo({ echelle: 'region', region: '99', graine: 1, sortie })).rejects.toThrow(/région inconnue/);
    await expect(genererDemo({ echelle: 'ml', structure: 'ML99999', graine: 1, sortie })).rejects.toThrow(/Mission locale inconnue/);
    await expect(genererDemo({ echelle: 'ml', graine: 1, sortie, anneeFin: 2019 })).rejects.toThrow(/période invalide/);
  });
});
