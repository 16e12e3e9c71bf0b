// La vérification d'intégrité : ce que les déclencheurs protègent, relu et recalculé. Qui peut retirer
// les déclencheurs (un administrateur de la base) peut tout changer ; ce qu'il aurait changé se voit ici
// (`cpo verifier`, démarrage du serveur).
import { ecartsAvecLAvenant } from '../../domaine/dialogue/avenant.ts';
import type { Base, Requeteur } from '../ports/base.ts';
import { auditer } from '../audit.ts';
import { contenuIntegre } from '../indicateurs/instantanes.ts';
import { donneesAvenantIntegres, signaturesIntegres } from './avenants.ts';

export interface Anomalie {
  /** Ce qui est touché, nommé comme dans le journal d'audit : dialogues/12, instantane/3. */
  objet: string;
  message: string;
}

export async function verifierIntegrite(db: Requeteur): Promise<Anomalie[]> {
  return [...(await verifierDialogues(db)), ...(await verifierInstantanes(db))];
}

/** Chaque dialogue signé ou dont l'avenant est généré : l'avenant est là, intact, fidèle au dialogue, et l'historique mène à son état. */
async function verifierDialogues(db: Requeteur): Promise<Anomalie[]> {
  const lignes = await db.query<{
    id: number;
    code_structure: string;
    annee: number;
    etat: string;
    cibles: Record<string, number> | null;
    montants: Record<string, number> | null;
    donnees: string | null;
    empreinte_donnees: string | null;
    signature_ml: string | null;
    signature_etat: string | null;
    empreinte_signatures: string | null;
    trace: boolean;
  }>(
    `SELECT d.id, d.code_structure, d.annee, d.etat, d.objectifs->'cibles' AS cibles, d.decision->'montants' AS montants, a.donnees, a.empreinte_donnees, a.signature_ml, a.signature_etat, a.empreinte_signatures,
            EXISTS (SELECT 1 FROM dialogue_evenement e WHERE e.dialogue_id = d.id AND e.vers = d.etat) AS trace
     FROM dialogue d LEFT JOIN avenant a ON a.dialogue_id = d.id
     WHERE d.etat = 'signe' OR a.dialogue_id IS NOT NULL
     ORDER BY d.id`,
  );
  const anomalies: Anomalie[] = [];
  for (const d of lignes) {
    const signaler = (message: string) => anomalies.push({ objet: `dialogues/${d.id}`, message: `dialogue ${d.id} (${d.code_structure}, ${d.annee}) : ${message}` });
    if (d.donnees === null || d.empreinte_donnees === null) signaler('signé, mais son avenant manque');
    else if (!donneesAvenantIntegres({ donnees: d.donnees, empreinte_donnees: d.empreinte_donnees })) signaler('les données de son avenant ne correspondent plus à leur empreinte SHA-256');
    else {
      const ecarts = ecartsAvecLAvenant(JSON.parse(d.donnees), { cibles: d.cibles ?? {}, montants: d.montants ?? {} });
      if (ecarts.length) signaler(`ce qu'il porte n'est plus ce que son avenant a figé (${ecarts.join(', ')})`);
    }
    if (d.etat === 'signe' && d.donnees !== null && !signaturesIntegres(d)) signaler('ses signatures manquent ou ne correspondent plus à leur empreinte');
    if (!d.trace) signaler(`son historique ne contient plus le pas qui l'a mené à l'état « ${d.etat} »`);
  }
  return anomalies;
}

/** Chaque instantané, un à un (un instantané national pèse plusieurs mégaoctets). */
async function verifierInstantanes(db: Requeteur): Promise<Anomalie[]> {
  const anomalies: Anomalie[] = [];
  for (const { id } of await db.query<{ id: number }>('SELECT id FROM instantane ORDER BY id')) {
    const [i] = await db.query<{ annee: number; code_region: string | null; contenu: string; empreinte: string }>(
      'SELECT annee, code_region, contenu, empreinte FROM instantane WHERE id = $1',
      [id],
    );
    if (!contenuIntegre(i)) {
      anomalies.push({ objet: `instantane/${id}`, message: `instantané ${id} (${i.annee}, ${i.code_region ? `région ${i.code_region}` : 'national'}) : son empreinte SHA-256 ne correspond plus à son contenu` });
    }
  }
  return anomalies;
}

/** Au démarrage du serveur : la vérification, inscrite au journal d'audit si elle trouve une anomalie. */
export async function verifierAuDemarrage(base: Base): Promise<Anomalie[]> {
  const anomalies = await verifierIntegrite(base);
  if (anomalies.length) await auditer(base, { acteur: 'cli', action: 'integrite_anomalie', origine: 'cli', details: { anomalies } });
  return anomalies;
}

/** « 1 anomalie d'intégrité » ou « 3 anomalies d'intégrité ». */
export const nombreAnomalies = (anomalies: Anomalie[]) => `${anomalies.length} anomalie${anomalies.length > 1 ? 's' : ''} d'intégrité`;
