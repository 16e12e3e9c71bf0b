// Les bancs d'essai, dans l'ordre. Sur une base PostgreSQL nationale : l'import la remplit, le moteur
// d'indicateurs la lit (`npm run bench -- indicateurs` réutilise la base d'un passage précédent s'il
// l'a gardée, CPO_BENCH_GARDER_BASE=1 ; CPO_BENCH_BASE la nomme, cpo_bench par défaut), le dépôt mensuel
// d'une ML y passe (`depot`, qui efface ensuite ce qu'il a déposé). Puis l'application web, sur une
// région dans sa propre base ; enfin le JavaScript que charge la page de connexion.
import { bancDepot } from './depot.ts';
import { bancImport } from './import.ts';
import { bancIndicateurs } from './indicateurs.ts';
import { bancLivraison } from './livraison.ts';
import { basePostgresNeuve, ouvrirBaseGardee } from './outils.ts';
import { bancWeb } from './web.ts';

const BANCS = ['import', 'indicateurs', 'depot', 'web', 'livraison'];
const NOM_BASE = process.env.CPO_BENCH_BASE ?? 'cpo_bench';
const demandes = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const nom of demandes) {
  if (!BANCS.includes(nom)) {
    console.error(`banc inconnu : ${nom} (connus : ${BANCS.join(', ')})`);
    process.exit(1);
  }
}
const aLancer = demandes.length ? demandes : BANCS;

if (['import', 'indicateurs', 'depot'].some((b) => aLancer.includes(b))) {
  const gardee = aLancer.includes('import') ? null : await ouvrirBaseGardee(NOM_BASE);
  const base = gardee ?? (await basePostgresNeuve(NOM_BASE));
  try {
    if (!gardee) await bancImport(base);
    if (aLancer.includes('indicateurs')) await bancIndicateurs(base);
    if (aLancer.includes('depot')) await bancDepot(base);
  } finally {
    await base.fermer();
  }
}
if (aLancer.includes('web')) await bancWeb();
if (aLancer.includes('livraison')) await bancLivraison();
