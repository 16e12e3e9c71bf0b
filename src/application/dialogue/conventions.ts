// Les conventions pluriannuelles d'objectifs : créées par la DIRECCTE (une à une ou par fichier CSV),
// lues par chacun dans son périmètre.
import * as z from 'zod';
import { couvreStructure, exiger, type Portee, type Utilisateur } from '../../domaine/acces/droits.ts';
import { messagesDe } from '../../domaine/dialogue/contenus.ts';
import { ErreurMetier } from '../../domaine/erreurs.ts';
import { estDateValide } from '../../domaine/temps/dates.ts';
import type { Base, Requeteur } from '../ports/base.ts';
import { auditer } from '../audit.ts';

export interface Convention {
  code_structure: string;
  numero: string;
  annee_debut: number;
  annee_fin: number;
  date_signature: string;
  montant_reference: number;
}

export const schemaConvention = z
  .object({
    code_structure: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'code de structure invalide'),
    numero: z.string().trim().min(1, 'numéro manquant').max(64, 'numéro trop long'),
    annee_debut: z.number({ error: 'année entière attendue' }).int('année entière attendue').min(2000, 'année de début invalide').max(2100, 'année de début invalide'),
    annee_fin: z.number({ error: 'année entière attendue' }).int('année entière attendue').min(2000, 'année de fin invalide').max(2100, 'année de fin invalide'),
    date_signature: z.string().refine(estDateValide, 'date de signature AAAA-MM-JJ attendue'),
    montant_reference: z.number({ error: 'montant en euros entiers attendu' }).int('montant en euros entiers attendu').min(0, 'montant négatif').max(100_000_000, 'montant invraisemblable'),
  })
  .refine((c) => c.annee_debut <= c.annee_fin, { message: "l'année de début dépasse l'année de fin", path: ['annee_fin'] });

const COLONNES = 'c.code_structure, c.numero, c.annee_debut, c.annee_fin, c.date_signature, c.montant_reference';

export async function listerConventions(db: Requeteur, portee: Portee): Promise<(Convention & { nom: string })[]> {
  const lignes = await db.query<Convention & { nom: string; code_departement: string; code_region: string }>(
    `SELECT ${COLONNES}, m.nom, m.code_departement, m.code_region FROM convention c JOIN mission_locale m USING (code_structure) ORDER BY c.code_structure COLLATE "C"`,
  );
  return lignes.filter((l) => couvreStructure(portee, { code: l.code_structure, ...l })).map(({ code_departement: _d, code_region: _r, ...c }) => c);
}

async function ecrire(tx: Requeteur, utilisateur: Utilisateur, c: Convention) {
  const [ml] = await tx.query<{ code_departement: string; code_region: string }>('SELECT code_departement, code_region FROM mission_locale WHERE code_structure = $1', [
    c.code_structure,
  ]);
  if (!ml) throw new ErreurMetier(`Mission locale inconnue : ${c.code_structure}`);
  exiger(couvreStructure(utilisateur.portee, { code: c.code_structure, ...ml }), `Hors de votre périmètre : la Mission locale ${c.code_structure}.`);
  const [avenant] = await tx.query('SELECT 1 FROM avenant a JOIN dialogue d ON d.id = a.dialogue_id WHERE d.code_structure = $1', [c.code_structure]);
  if (avenant) throw new ErreurMetier(`La convention de ${c.code_structure} a déjà servi à un avenant : elle ne se modifie plus.`);
  const [autre] = await tx.query<{ code_structure: string }>('SELECT code_structure FROM convention WHERE numero = $1 AND code_structure <> $2', [c.numero, c.code_structure]);
  if (autre) throw new ErreurMetier(`Le numéro ${c.numero} est déjà celui de la convention de ${autre.code_structure}.`);
  await tx.query(
    `INSERT INTO convention (code_structure, numero, annee_debut, annee_fin, date_signature, montant_reference, cree_par) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (code_structure) DO UPDATE SET numero = EXCLUDED.numero, annee_debut = EXCLUDED.annee_debut, annee_fin = EXCLUDED.annee_fin,
       date_signature = EXCLUDED.date_signature, montant_reference = EXCLUDED.montant_reference, cree_par = EXCLUDED.cree_par, cree_le = now()`,
    [c.code_structure, c.numero, c.annee_debut, c.annee_fin, c.date_signature, c.montant_reference, utilisateur.courriel],
  );
}

export async function enregistrerConvention(base: Base, utilisateur: Utilisateur, brut: unknown, origine: string): Promise<Convention> {
  const lu = schemaConvention.safeParse(brut);
  if (!lu.success) throw new ErreurMetier(`Convention invalide — ${messagesDe(lu.error)}`);
  return base.transaction(async (tx) => {
    await ecrire(tx, utilisateur, lu.data);
    await auditer(tx, { acteur: utilisateur.courriel, action: 'enregistrer_convention', objet: `conventions/${lu.data.code_structure}`, codeStructure: lu.data.code_structure, origine, details: lu.data });
    return lu.data;
  });
}

const ENTETE = ['code_structure', 'numero', 'annee_debut', 'annee_fin', 'date_signature', 'montant_reference'];

/** Un fichier CSV (`;`, en-tête) de conventions : tout ou rien ; chaque erreur dit sa ligne et son champ. */
export async function importerConventions(base: Base, utilisateur: Utilisateur, texte: string, nomFichier: string, origine: string): Promise<{ conventions: number }> {
  const lignes = texte.replace(/^\ufeff/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const entete = (lignes.shift() ?? '').split(';').map((c) => c.trim());
  const manquantes = ENTETE.filter((c) => !entete.includes(c));
  if (manquantes.length) throw new ErreurMetier(`${nomFichier}, ligne 1 : colonne${manquantes.length > 1 ? 's' : ''} manquante${manquantes.length > 1 ? 's' : ''} : ${manquantes.join(', ')}`);
  const erreurs: string[] = [];
  const conventions: Convention[] = [];
  lignes.forEach((ligne, i) => {
    const cellules = ligne.split(';');
    const champ = (nom: string) => (cellules[entete.indexOf(nom)] ?? '').trim();
    const nombre = (nom: string) => (/^-?\d+$/.test(champ(nom)) ? Number(champ(nom)) : Number.NaN);
    const lu = schemaConvention.safeParse({
      code_structure: champ('code_structure'),
      numero: champ('numero'),
      annee_debut: nombre('annee_debut'),
      annee_fin: nombre('annee_fin'),
      date_signature: champ('date_signature'),
      montant_reference: nombre('montant_reference'),
    });
    if (lu.success) conventions.push(lu.data);
    else for (const e of lu.error.issues) erreurs.push(`${nomFichier}, ligne ${i + 2}, ${e.path.join('.')} : ${e.message}`);
  });
  if (erreurs.length) throw new ErreurMetier(`Fichier refusé, rien n'a été écrit — ${erreurs.join(' ; ')}`);
  return base.transaction(async (tx) => {
    for (const [i, c] of conventions.entries()) {
      try {
        await ecrire(tx, utilisateur, c);
      } catch (e) {
        if (e instanceof ErreurMetier) throw Object.assign(e, { message: `${nomFichier}, ligne ${i + 2} : ${e.message} Fichier refusé, rien n'a été écrit.` });
        throw e;
      }
    }
    await auditer(tx, { acteur: utilisateur.courriel, action: 'importer_conventions', objet: nomFichier, origine, details: { conventions: conventions.length } });
    return { conventions: conventions.length };
  });
}

/** Démonstration : une convention par ML qui n'en a pas, au crédit « État CPO » de sa première année. */
export async function assurerConventionsDemo(base: Base, acteur: string): Promise<void> {
  await base.transaction(async (tx) => {
    const creees = await tx.query<{ code_structure: string }>(
      `INSERT INTO convention (code_structure, numero, annee_debut, annee_fin, date_signature, montant_reference, cree_par)
       SELECT m.code_structure, 'CPO-2015-' || m.code_region || '-' || m.code_structure, 2015, 2018, '2015-04-15',
              coalesce((SELECT round(etat_cpo / 100) * 100 FROM moyens y WHERE y.code_structure = m.code_structure ORDER BY annee LIMIT 1), 0)::int, $1
       FROM mission_locale m
       WHERE NOT EXISTS (SELECT 1 FROM convention c WHERE c.code_structure = m.code_structure)
       RETURNING code_structure`,
      [acteur],
    );
    if (creees.length) await auditer(tx, { acteur, action: 'creer_conventions_demo', origine: 'cli', details: { conventions: creees.length } });
  });
}
