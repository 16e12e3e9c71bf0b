// Étape « fusionner » : chaque table de transit entre dans sa table par INSERT … ON CONFLICT (même
// clé : mise à jour ; ligne identique : rien), ou par un INSERT simple au premier chargement.
import type { DateCalendaire } from '../../../domaine/temps/dates.ts';
import type { Requeteur } from '../../ports/base.ts';
import { signalerDoublons, type ContexteControle } from './controles.ts';
import { transit, type FichierLu } from './transit.ts';

/**
 * Fusionne chaque fichier lisible et remplit son bilan. Rend faux si l'import est refusé en chemin :
 * en mode strict, une clé en double trouvée à la fusion.
 */
export async function fusionnerTout(ctx: ContexteControle, lus: FichierLu[]): Promise<boolean> {
  const { tx } = ctx;
  ctx.progression?.etape('Écriture en base', lus.length);
  const recu = ctx.horloge.dateDuJour();
  for (const lu of lus) {
    const debutFusion = ctx.horloge.ms();
    if (lu.lisible) {
      const sansDoublon = async () => {
        await signalerDoublons(ctx, lu);
        return ctx.tolerant || !ctx.signalements.enErreur;
      };
      if (await dejaEnBase(tx, lu)) {
        // ON CONFLICT laisserait passer un doublon (la dernière ligne gagnerait) : on le cherche avant.
        if (!(await sansDoublon())) return false;
        await fusionner(tx, lu, false, recu);
      } else {
        // Premier chargement : un INSERT simple, que la clé primaire arrête sur un doublon ; on revient
        // alors au point de sauvegarde pour dire quelles lignes, et, en mode tolérant, fusionner le reste.
        await tx.query('SAVEPOINT fusion');
        try {
          await fusionner(tx, lu, true, recu);
        } catch (e) {
          if ((e as { code?: string }).code !== '23505') throw e;
          await tx.query('ROLLBACK TO SAVEPOINT fusion');
          if (!(await sansDoublon())) return false;
          await fusionner(tx, lu, true, recu);
        }
        await tx.query('RELEASE SAVEPOINT fusion');
      }
    }
    lu.bilan.dureeFusionMs = ctx.horloge.ms() - debutFusion;
    ctx.progression?.avancer(1);
  }
  ctx.progression?.terminer();
  return true;
}

/** Des lignes des ML de l'extrait sont-elles déjà dans la table ? Sinon, aucun conflit n'est possible. */
async function dejaEnBase(tx: Requeteur, lu: FichierLu): Promise<boolean> {
  const [{ existe }] = await tx.query<{ existe: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM ${lu.fichier.table} WHERE code_structure = ANY($1::text[])) AS existe`,
    [[...lu.structures]],
  );
  return existe;
}

/**
 * `premier` : premier chargement des ML de l'extrait dans cette table, un INSERT simple suffit.
 * `recu` : la date du jour, date de première réception des lignes créées.
 */
async function fusionner(tx: Requeteur, lu: FichierLu, premier: boolean, recu: DateCalendaire): Promise<void> {
  const { fichier, bilan, presentes } = lu;
  const t = transit(fichier);
  const colonnes = fichier.colonnes.filter((c) => !c.identite).map((c) => c.nom);
  const identite = fichier.colonnes.filter((c) => c.identite && presentes.has(c.nom)).map((c) => c.nom);
  // Une ligne nouvelle reçoit la date du jour comme date de première réception ; une ligne remplacée
  // garde la sienne (recu_le n'est jamais dans les colonnes mises à jour). L'identité n'en a pas.
  const inserer = (table: string, cols: string[]) =>
    table === 'jeune_identite'
      ? `INSERT INTO ${table} (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM ${t} WHERE valide`
      : `INSERT INTO ${table} (${cols.join(', ')}, recu_le) SELECT ${cols.join(', ')}, $1::date FROM ${t} WHERE valide`;
  const [{ valides }] = await tx.query<{ valides: number }>(`SELECT count(*)::int AS valides FROM ${t} WHERE valide`);

  if (premier) {
    // Tout est nouveau : ni conflit à résoudre, ni lignes à renvoyer pour les compter.
    await tx.query(inserer(fichier.table, colonnes), [recu]);
    if (identite.length) await tx.query(inserer('jeune_identite', [...fichier.cle, ...identite]));
    Object.assign(bilan, { crees: valides, misAJour: 0, inchanges: 0 });
    return;
  }

  const fusion = (table: string, cols: string[], maj: string[], garde = '') => `
    ${inserer(table, cols)}
    ON CONFLICT (${fichier.cle.join(', ')}) ${
      maj.length
        ? `DO UPDATE SET ${maj.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
           WHERE (${maj.map((c) => `${table}.${c}`).join(', ')}) IS DISTINCT FROM (${maj.map((c) => `EXCLUDED.${c}`).join(', ')})${garde}`
        : 'DO NOTHING'
    }
    RETURNING ${fichier.cle.join(', ')}, (xmax = 0) AS cree`;
  // Une colonne absente du fichier n'écrase pas la valeur en base.
  const misesAJour = colonnes.filter((c) => presentes.has(c) && !fichier.cle.includes(c));
  // L'identité d'un jeune vit dans sa propre table ; une identité changée compte comme une mise à jour du
  // jeune. Une identité effacée par la durée de conservation ne revient pas avec un nouvel extrait.
  const requete = identite.length
    ? `WITH j AS (${fusion(fichier.table, colonnes, misesAJour)}),
            i AS (${fusion('jeune_identite', [...fichier.cle, ...identite], identite, ' AND jeune_identite.anonymise_le IS NULL')})
       SELECT count(*) FILTER (WHERE j.cree)::int AS crees, count(*) FILTER (WHERE j.cree IS NOT TRUE)::int AS maj
       FROM j FULL JOIN i USING (${fichier.cle.join(', ')})`
    : `WITH j AS (${fusion(fichier.table, colonnes, misesAJour)})
       SELECT count(*) FILTER (WHERE j.cree)::int AS crees, count(*) FILTER (WHERE NOT j.cree)::int AS maj FROM j`;
  const [{ crees, maj }] = await tx.query<{ crees: number; maj: number }>(requete, [recu]);
  Object.assign(bilan, { crees, misAJour: maj, inchanges: valides - crees - maj });
}
