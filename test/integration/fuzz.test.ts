// Des milliers d'extraits abîmés, au hasard (graine fixe, rejouable), donnés à l'importeur : jamais
// de plantage, jamais d'écriture partielle, et chaque refus dit en français ce qui ne va pas.
import { lecteurFichiers } from '../../src/infrastructure/fichiers/lecteur.ts';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importerExtrait } from '../../src/application/echange/importerExtrait.ts';
import { rapportEnTexte } from '../../src/application/echange/rapport.ts';
import { ErreurMetier } from '../../src/domaine/erreurs.ts';
import { ouvrirBase } from '../../src/infrastructure/db/base.ts';
import type { Base } from '../../src/application/ports/base.ts';
import { dossierTemporaire } from '../outils/extraits.ts';
import { ecrireExtraitAleatoire } from '../reference/extraitAleatoire.ts';
import { HorlogeFixe } from '../outils/horloge.ts';

const CAS = Number(process.env.CPO_FUZZ_CAS) || 2000;
const GRAINE = Number(process.env.CPO_FUZZ_GRAINE) || 20151;
const TABLES = ['mission_locale', 'jeune', 'jeune_identite', 'evenement', 'dispositif', 'situation', 'aide', 'offre', 'contexte', 'moyens', 'activite_jeune_annee'];

/** Générateur pseudo-aléatoire à graine (mulberry32). */
function hasard(graine: number) {
  let a = graine >>> 0;
  const suivant = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { suivant, entier: (n: number) => Math.floor(suivant() * n), choisir: <T>(l: readonly T[]) => l[Math.floor(suivant() * l.length)] };
}

const VALEURS_HOSTILES = ['', ' ', '2017-13-45', '2017-02-29', '1899-12-31', '9999-99-99', '-1', '1e309', 'NaN', '12,5.3', '=CMD()', '"', '""', '\\', "'; DROP TABLE jeune; --", '<script>', '💥', '\u0000', '\u001b[2J', '\u009b6n', 'x'.repeat(5000), 'x'.repeat(20_000), 'ZZZ', 'null', 'true', '0x1F', '٣'];

type Mutation = (fichiers: Map<string, Buffer>, h: ReturnType<typeof hasard>) => string;

const lignesDe = (b: Buffer) => b.toString('latin1').split('\n');
const enBuffer = (lignes: string[]) => Buffer.from(lignes.join('\n'), 'latin1');

const MUTATIONS: Record<string, Mutation> = {
  cellule(f, h) {
    const nom = h.choisir([...f.keys()]);
    const lignes = lignesDe(f.get(nom)!);
    const i = 1 + h.entier(Math.max(1, lignes.length - 2));
    const champs = (lignes[i] ?? '').split(';');
    const j = h.entier(champs.length);
    champs[j] = h.choisir(VALEURS_HOSTILES);
    lignes[i] = champs.join(';');
    f.set(nom, enBuffer(lignes));
    return `${nom} ligne ${i + 1} champ ${j}`;
  },
  entete(f, h) {
    const nom = h.choisir([...f.keys()]);
    const lignes = lignesDe(f.get(nom)!);
    const champs = lignes[0].split(';');
    const j = h.entier(champs.length);
    champs[j] = h.choisir(['', 'colonne_inconnue', champs[(j + 1) % champs.length], champs[j].toUpperCase(), `${champs[j]};x`]);
    lignes[0] = champs.join(';');
    f.set(nom, enBuffer(lignes));
    return `${nom} en-tête ${j}`;
  },
  tronquer(f, h) {
    const nom = h.choisir([...f.keys()]);
    const b = f.get(nom)!;
    f.set(nom, b.subarray(0, h.entier(b.length)));
    return `${nom} tronqué`;
  },
  octets(f, h) {
    const nom = h.choisir([...f.keys()]);
    const b = Buffer.from(f.get(nom)!);
    for (let k = 0; k < 1 + h.entier(20); k++) b[h.entier(b.length)] = h.entier(256);
    f.set(nom, b);
    return `${nom} octets`;
  },
  binaire(f, h) {
    const nom = h.choisir([...f.keys()]);
    f.set(nom, Buffer.from(Array.from({ length: h.entier(4000) }, () => h.entier(256))));
    return `${nom} binaire`;
  },
  vide(f, h) {
    const nom = h.choisir([...f.keys()]);
    f.set(nom, Buffer.from(h.choisir(['', '\n', '\ufeff', '\r\n\r\n'])));
    return `${nom} vide`;
  },
  supprimer(f, h) {
    const nom = h.choisir([...f.keys()]);
    f.delete(nom);
    return `${nom} absent`;
  },
  dupliquer(f, h) {
    const nom = h.choisir([...f.keys()]);
    const lignes = lignesDe(f.get(nom)!);
    const i = 1 + h.entier(Math.max(1, lignes.length - 2));
    lignes.splice(i, 0, lignes[i] ?? '');
    f.set(nom, enBuffer(lignes));
    return `${nom} ligne ${i + 1} en double`;
  },
  guillemets(f, h) {
    const nom = h.choisir([...f.keys()]);
    const lignes = lignesDe(f.get(nom)!);
    const i = h.entier(lignes.length);
    lignes[i] = `"${lignes[i]}`;
    f.set(nom, enBuffer(lignes));
    return `${nom} guillemet ouvert ligne ${i + 1}`;
  },
  finsCr(f, h) {
    const nom = h.choisir([...f.keys()]);
    f.set(nom, Buffer.from(f.get(nom)!.toString('latin1').replaceAll('\n', '\r'), 'latin1'));
    return `${nom} fins de ligne CR`;
  },
  melanger(f, h) {
    const nom = h.choisir([...f.keys()]);
    const lignes = lignesDe(f.get(nom)!);
    const i = 1 + h.entier(Math.max(1, lignes.length - 2));
    const champs = (lignes[i] ?? '').split(';');
    champs.push(champs.shift() ?? '');
    lignes[i] = champs.join(';');
    f.set(nom, enBuffer(lignes));
    return `${nom} ligne ${i + 1} décalée`;
  },
};

let base: Base;
let modele: Map<string, Buffer>;

async function empreinte() {
  const comptes = await Promise.all(TABLES.map(async (t) => (await base.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`))[0].n));
  const [{ version }] = await base.query<{ version: number }>('SELECT version FROM etat_donnees');
  return JSON.stringify({ comptes, version });
}

beforeAll(async () => {
  base = await ouvrirBase({ dossier: 'memoire' });
  const dossier = dossierTemporaire('fuzz-modele');
  ecrireExtraitAleatoire(dossier, 77, { structures: 2, jeunesParStructure: 12 });
  expect((await importerExtrait(base, dossier, { fichiers: lecteurFichiers, horloge: new HorlogeFixe('2018-12-31') })).erreurs).toEqual([]);
  modele = new Map(readdirSync(dossier).map((nom) => [nom, readFileSync(join(dossier, nom))]));
});
afterAll(() => base?.fermer());

it(`résiste à ${CAS} extraits abîmés au hasard : pas de plantage, pas d'écriture partielle, une erreur française chaque fois`, async () => {
  const h = hasard(GRAINE);
  const dossier = dossierTemporaire('fuzz');
  const bilan = { refuses: 0, importes: 0 };
  for (let cas = 0; cas < CAS; cas++) {
    const fichiers = new Map(modele);
    const descriptions = Array.from({ length: 1 + h.entier(3) }, () => {
      const nom = h.choisir(Object.keys(MUTATIONS));
      return fichiers.size ? `${nom} (${MUTATIONS[nom](fichiers, h)})` : nom;
    });
    const ici = join(dossier, String(cas));
    mkdirSync(ici);
    for (const [nom, contenu] of fichiers) writeFileSync(join(ici, nom), contenu);
    const avant = await empreinte();
    const contexte = `cas ${cas} (graine ${GRAINE}) : ${descriptions.join(', ')}`;
    try {
      const rapport = await importerExtrait(base, ici, { fichiers: lecteurFichiers, horloge: new HorlogeFixe('2018-12-31') });
      // Le rapport cite des valeurs hostiles : jamais un caractère de contrôle brut à l'écran.
      expect(rapportEnTexte(rapport), contexte).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      if (rapport.statut === 'refuse') {
        bilan.refuses++;
        expect(await empreinte(), contexte).toBe(avant);
        expect(rapport.erreurs.length + rapport.erreursNonDetaillees, contexte).toBeGreaterThan(0);
        for (const e of rapport.erreurs.slice(0, 20)) {
          expect(e.message, contexte).toMatch(/[a-zéèàç]{3}/);
          // Un message peut citer une valeur du fichier (« NaN », « null ») : seul le reste doit être propre.
          const sansValeurs = VALEURS_HOSTILES.filter((v) => v.length > 2).reduce((m, v) => m.replaceAll(v, ''), e.message);
          expect(sansValeurs, contexte).not.toMatch(/undefined|NaN|TypeError|Cannot |\[object/);
          expect(e.fichier, contexte).toBeTruthy();
        }
      } else bilan.importes++;
    } catch (e) {
      // Seule une erreur métier, en français, peut sortir ; la base n'a pas bougé.
      expect(e, `${contexte} : ${(e as Error).stack}`).toBeInstanceOf(ErreurMetier);
      expect((e as Error).message, contexte).not.toMatch(/undefined|TypeError|Cannot /);
      expect(await empreinte(), contexte).toBe(avant);
      bilan.refuses++;
    }
    rmSync(ici, { recursive: true, force: true });
  }
  // La plupart des mutations cassent l'extrait ; quelques-unes le laissent valide (une cellule facultative vidée).
  expect(bilan.refuses).toBeGreaterThan(CAS * 0.7);
  console.log(`fuzz : ${CAS} extraits, ${bilan.refuses} refusés, ${bilan.importes} importés`);
}, 600_000);

it('refuse un fichier au-delà des limites de lignes ou de taille, sans rien écrire, en le disant', async () => {
  const dossier = dossierTemporaire('limites');
  ecrireExtraitAleatoire(dossier, 78, { structures: 1, jeunesParStructure: 30 });
  const avant = await empreinte();
  const lignes = await importerExtrait(base, dossier, { fichiers: lecteurFichiers, horloge: new HorlogeFixe('2018-12-31'), limites: { lignes: 10 } });
  expect(lignes.statut).toBe('refuse');
  expect(lignes.erreurs.map((e) => e.message)).toContainEqual(expect.stringMatching(/^[a-z_]+\.csv : plus de 10 lignes, au-delà de la limite par fichier \(CPO_IMPORT_LIGNES_MAX\)$/));
  const taille = await importerExtrait(base, dossier, { fichiers: lecteurFichiers, horloge: new HorlogeFixe('2018-12-31'), limites: { octets: 100 } });
  expect(taille.erreurs[0].message).toMatch(/^[a-z_]+\.csv : \d+ (octets|Ko), au-delà de la limite de 100 octets par fichier \(CPO_IMPORT_TAILLE_MAX_MO\)$/);
  const ligne = await importerExtrait(base, dossier, { fichiers: lecteurFichiers, horloge: new HorlogeFixe('2018-12-31'), limites: { longueurLigne: 40 } });
  expect(ligne.statut).toBe('refuse');
  expect(ligne.erreurs.map((e) => e.message)).toContainEqual(expect.stringMatching(/^ligne de plus de 40 caractères \(limite CPO_IMPORT_LONGUEUR_LIGNE_MAX\)/));
  const champ = await importerExtrait(base, dossier, { fichiers: lecteurFichiers, horloge: new HorlogeFixe('2018-12-31'), limites: { longueurChamp: 10 } });
  expect(champ.erreurs.map((e) => e.message)).toContainEqual('champ de plus de 10 caractères (limite CPO_IMPORT_LONGUEUR_CHAMP_MAX)');
  expect(await empreinte()).toBe(avant);
});
