// Le dépôt des dialogues sur la base (port : src/application/ports/depotDialogues.ts) : le SQL des cas
// d'usage du dialogue, en un seul endroit.
import { auditer } from '../../application/audit.ts';
import { horodatageParis } from '../../application/fragmentsSql.ts';
import { lireInstantane } from '../../application/indicateurs/instantanes.ts';
import type { Base, Requeteur } from '../../application/ports/base.ts';
import type {
  Bilan,
  ContenuInstantane,
  Convention,
  DecisionAnterieure,
  DepotDialogues,
  DialoguesEnTransaction,
  EcheancesCampagne,
  EnteteInstantane,
  Evenement,
  LecturesDialogues,
  LigneAvenant,
  LigneDialogue,
} from '../../application/ports/depotDialogues.ts';

// Le dialogue, sa ML, sa région et sa campagne : la jointure écrite une fois.
const SELECT_DIALOGUE = `
  SELECT d.id, d.campagne_id, d.code_structure, d.annee, d.etat, d.autodiagnostic, d.entretien, d.objectifs, d.decision,
         m.nom, m.siret, m.adresse, m.code_departement, m.code_region, r.nom AS nom_region, c.instantane_id
  FROM dialogue d JOIN mission_locale m USING (code_structure) JOIN region r ON r.code = m.code_region JOIN campagne c ON c.id = d.campagne_id`;

const COLONNES_AVENANT = `numero, donnees, empreinte_donnees, empreinte_pdf, signature_ml, signature_etat, empreinte_signatures, empreinte_pdf_signe, ${horodatageParis('genere_le')} AS genere_le`;

// Les instantanés ne changent jamais : relus une fois, tant qu'ils sont intègres.
const instantanes = new Map<number, Promise<ContenuInstantane | null>>();
function contenuInstantane(db: Requeteur, id: number): Promise<ContenuInstantane | null> {
  let contenu = instantanes.get(id);
  if (!contenu) {
    contenu = lireInstantane(db, id).then((i) => i && { integre: i.integre, contenu: i.contenu });
    instantanes.set(id, contenu);
    contenu.then(
      (i) => {
        if (!i?.integre) instantanes.delete(id);
      },
      () => instantanes.delete(id),
    );
  }
  return contenu;
}

function lectures(db: Requeteur): LecturesDialogues {
  const une = async <T>(sql: string, params: unknown[]): Promise<T | null> => (await db.query<T>(sql, params))[0] ?? null;
  return {
    dialogue: (id, verrou = false) => une<LigneDialogue>(`${SELECT_DIALOGUE} WHERE d.id = $1${verrou ? ' FOR UPDATE OF d' : ''}`, [id]),
    convention: (code) =>
      une<Convention>('SELECT numero, annee_debut, annee_fin, date_signature, montant_reference FROM convention WHERE code_structure = $1', [code]),
    decisionsAnterieures: (code, annee) =>
      db.query<DecisionAnterieure>(`SELECT annee, decision->'montants' AS montants FROM dialogue WHERE code_structure = $1 AND annee <> $2 AND decision IS NOT NULL`, [
        code,
        annee,
      ]),
    avenant: (id) => une<LigneAvenant>(`SELECT ${COLONNES_AVENANT} FROM avenant WHERE dialogue_id = $1`, [id]),
    enteteInstantane: (id) => une<EnteteInstantane>(`SELECT id, annee, catalogue, empreinte, ${horodatageParis('cree_le')} AS cree_le FROM instantane WHERE id = $1`, [id]),
    contenuInstantane: (id) => contenuInstantane(db, id),
    historique: (id) =>
      db.query<Evenement>(
        `SELECT action, de, vers, acteur, role, ${horodatageParis('horodatage')} AS horodatage, motif
         FROM dialogue_evenement WHERE dialogue_id = $1 ORDER BY id`,
        [id],
      ),
    bilans: (id) => db.query<Bilan>(`SELECT commentaire, chiffres, cree_par, ${horodatageParis('cree_le')} AS cree_le FROM bilan_intermediaire WHERE dialogue_id = $1 ORDER BY id`, [id]),
    echeances: (id) =>
      une<EcheancesCampagne>(`SELECT id, echeance_autodiagnostic, echeance_entretien, echeance_signature, instantane_id FROM campagne WHERE id = $1`, [id]),
  };
}

function enTransaction(tx: Requeteur): DialoguesEnTransaction {
  return {
    ...lectures(tx),
    horodatage: async () => (await tx.query<{ maintenant: string }>(`SELECT ${horodatageParis('now()')} AS maintenant`))[0].maintenant,
    async enregistrerTransition(t) {
      const colonnes = Object.keys(t.ecritures) as (keyof typeof t.ecritures)[];
      await tx.query(
        `UPDATE dialogue SET etat = $2, definitif = $3, modifie_le = now()${colonnes.map((c, i) => `, ${c} = $${i + 4}`).join('')} WHERE id = $1`,
        [t.dialogue, t.vers, t.definitif, ...colonnes.map((c) => JSON.stringify(t.ecritures[c]))],
      );
      await tx.query(`INSERT INTO dialogue_evenement (dialogue_id, action, de, vers, acteur, role, motif) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        t.dialogue,
        t.action,
        t.de,
        t.vers,
        t.acteur,
        t.role,
        t.motif,
      ]);
    },
    async enregistrerAutodiagnostic(id, contenu) {
      await tx.query('UPDATE dialogue SET autodiagnostic = $2, modifie_le = now() WHERE id = $1', [id, JSON.stringify(contenu)]);
    },
    async ajouterAvenant(id, a) {
      await tx.query(`INSERT INTO avenant (dialogue_id, numero, donnees, empreinte_donnees, empreinte_pdf, genere_par) VALUES ($1, $2, $3, $4, $5, $6)`, [
        id,
        a.numero,
        a.donnees,
        a.empreinte_donnees,
        a.empreinte_pdf,
        a.genere_par,
      ]);
    },
    async signerAvenantMl(id, signature) {
      await tx.query('UPDATE avenant SET signature_ml = $2 WHERE dialogue_id = $1', [id, signature]);
    },
    async signerAvenantEtat(id, signature, empreinteSignatures, empreintePdfSigne) {
      await tx.query('UPDATE avenant SET signature_etat = $2, empreinte_signatures = $3, empreinte_pdf_signe = $4 WHERE dialogue_id = $1', [
        id,
        signature,
        empreinteSignatures,
        empreintePdfSigne,
      ]);
    },
    async ajouterBilan(id, b) {
      await tx.query('INSERT INTO bilan_intermediaire (dialogue_id, commentaire, chiffres, cree_par) VALUES ($1, $2, $3, $4)', [id, b.commentaire, JSON.stringify(b.chiffres), b.cree_par]);
    },
    auditer: (t) => auditer(tx, t),
  };
}

export function depotDialogues(base: Base): DepotDialogues {
  return { ...lectures(base), transaction: (travail) => base.transaction((tx) => travail(enTransaction(tx))) };
}
