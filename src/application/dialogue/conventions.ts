// Ce que les cas d'usage des conventions pluriannuelles d'objectifs partagent : la convention, sa règle
// de saisie, et son enregistrement dans une transaction ouverte (une à une, ou pour chaque ligne d'un fichier).
import * as z from 'zod';
import { couvreStructure, exiger, type Utilisateur } from '../../domaine/acces/droits.ts';
import { ErreurMetier } from '../../domaine/erreurs.ts';
import { estDateValide } from '../../domaine/temps/dates.ts';
import type { Requeteur } from '../ports/base.ts';

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

/** Charger → autoriser (la ML dans le périmètre) → décider → écrire une convention validée, dans la transaction de l'appelant. */
export async function ecrireConvention(tx: Requeteur, utilisateur: Utilisateur, c: Convention): Promise<void> {
  const [ml] = await tx.query<{ code_departement: string; code_region: string }>('SELECT code_departement, code_region FROM mission_locale WHERE code_structure = $1', [
    c.code_structure,
  ]);
  if (!ml) throw new ErreurMetier(`Mission locale inconnue : ${c.code_structure}`);

  exiger(couvreStructure(utilisateur.portee, { code: c.code_structure, ...ml }), `Hors de votre périmètre : la Mission locale ${c.code_structure}.`);

  const [avenant] = await tx.query<{ existe: 1 }>('SELECT 1 AS existe FROM avenant a JOIN dialogue d ON d.id = a.dialogue_id WHERE d.code_structure = $1', [c.code_structure]);
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
