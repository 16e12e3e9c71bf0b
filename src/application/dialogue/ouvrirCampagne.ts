// La campagne annuelle d'une région : la DIRECCTE l'ouvre, ce qui fige les chiffres N-1 de toutes les
// ML de la région et crée le dialogue de chacune, dans une seule transaction.
import * as z from 'zod';
import { couvreTerritoire, exiger, type Utilisateur } from '../../domaine/acces/droits.ts';
import { etatInitial, type CadreDialogue } from '../../domaine/dialogue/cadre.ts';
import { messagesDe } from '../../domaine/dialogue/contenus.ts';
import { ErreurMetier } from '../../domaine/erreurs.ts';
import type { Catalogue } from '../../domaine/indicateurs/catalogue.ts';
import { estDateValide } from '../../domaine/temps/dates.ts';
import type { Base } from '../ports/base.ts';
import { auditer } from '../audit.ts';
import { figerDansLaTransaction } from '../indicateurs/figerInstantane.ts';
import { COLONNES_CAMPAGNE, type Campagne } from './campagnes.ts';
import { ErreurTransition } from './commun.ts';

const date = (champ: string) => z.string().refine(estDateValide, `${champ} : date AAAA-MM-JJ attendue`);
const schemaOuverture = z
  .object({
    annee: z.number().int().min(2000).max(2100),
    region: z.string().regex(/^[0-9A-Z]{1,3}$/, 'code de région invalide'),
    echeanceAutodiagnostic: date("Échéance de l'autodiagnostic"),
    echeanceEntretien: date('Échéance des entretiens'),
    echeanceSignature: date('Échéance des signatures'),
  })
  .refine((c) => c.echeanceAutodiagnostic <= c.echeanceEntretien && c.echeanceEntretien <= c.echeanceSignature, {
    message: 'les échéances doivent se suivre : autodiagnostic, puis entretien, puis signature',
    path: ['echeanceSignature'],
  });

/** Valider → transaction → charger → autoriser (la région dans le périmètre) → décider → écrire (instantané, campagne, dialogues) → auditer. */
export async function ouvrirCampagne(
  base: Base,
  cadre: CadreDialogue,
  catalogue: Catalogue,
  utilisateur: Utilisateur,
  brut: unknown,
  origine: string,
): Promise<Campagne & { dialogues: number }> {
  const lu = schemaOuverture.safeParse(brut);
  if (!lu.success) throw new ErreurMetier(`Campagne invalide — ${messagesDe(lu.error)}`);
  const o = lu.data;
  return base.transaction(async (tx) => {
    // L'instantané et les dialogues voient la base dans le même état.
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    // Deux ouvertures à la fois attendent l'une l'autre : verrou pris avant l'instantané de lecture,
    // la seconde voit donc la campagne de la première.
    await tx.query('LOCK TABLE campagne IN SHARE ROW EXCLUSIVE MODE');
    const [deja] = await tx.query<{ id: number }>('SELECT id FROM campagne WHERE code_region = $1 AND annee = $2', [o.region, o.annee]);
    const mls = await tx.query<{ code_structure: string }>('SELECT code_structure FROM mission_locale WHERE code_region = $1 ORDER BY code_structure COLLATE "C"', [o.region]);

    exiger(couvreTerritoire(utilisateur.portee, { niveau: 'region', code: o.region }), `Hors de votre périmètre : la région ${o.region}.`);

    if (deja) throw new ErreurTransition(`La campagne ${o.annee} de cette région est déjà ouverte (campagne n° ${deja.id}).`);
    if (mls.length === 0) throw new ErreurMetier(`Aucune Mission locale en base dans la région ${o.region}.`);
    const etat = etatInitial(cadre);

    const instantane = await figerDansLaTransaction(tx, catalogue, { annee: o.annee - 1, region: o.region, acteur: utilisateur.courriel, origine });
    const [campagne] = await tx.query<{ id: number }>(
      `INSERT INTO campagne (code_region, annee, instantane_id, echeance_autodiagnostic, echeance_entretien, echeance_signature, ouverte_par)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [o.region, o.annee, instantane.id, o.echeanceAutodiagnostic, o.echeanceEntretien, o.echeanceSignature, utilisateur.courriel],
    );
    const dialogues = await tx.query<{ id: number }>(
      `INSERT INTO dialogue (campagne_id, code_structure, annee, etat) SELECT $1, code_structure, $2, $3 FROM unnest($4::text[]) AS code_structure RETURNING id`,
      [campagne.id, o.annee, etat, mls.map((m) => m.code_structure)],
    );
    await tx.query(
      `INSERT INTO dialogue_evenement (dialogue_id, action, de, vers, acteur, role) SELECT id, 'ouvrir_campagne', NULL, $2, $3, $4 FROM unnest($1::int[]) AS id`,
      [dialogues.map((d) => d.id), etat, utilisateur.courriel, utilisateur.role],
    );

    await auditer(tx, {
      acteur: utilisateur.courriel,
      action: 'ouvrir_campagne',
      objet: `campagnes/${campagne.id}`,
      origine,
      details: { ...o, instantane: instantane.id, empreinte: instantane.empreinte, dialogues: dialogues.length },
    });
    const [lue] = await tx.query<Campagne>(`SELECT ${COLONNES_CAMPAGNE} FROM campagne c WHERE id = $1`, [campagne.id]);
    return { ...lue, dialogues: dialogues.length };
  });
}
