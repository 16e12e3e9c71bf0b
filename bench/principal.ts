// Les bancs d'essai, dans l'ordre. Sur une base PostgreSQL nationale : l'import la remplit, le moteur
// d'indicateurs la lit (`npm run bench -- indicateurs` réutilise la base d'un passage précédent s'il
// l'a gardée, CPO_BENCH_GARDER_BASE=1 ; CPO_BENCH_BASE la nomme, cpo_bench par défaut), le dépôt mensuel
// d'une ML y passe (`depot`, qui efface ensuite ce qu'il a déposé), puis l'application web sur cette base
// nationale (`web-national` : démarrage, charge). Puis l'application web sur une région dans sa propre
// base, l'évolution mois par mois sur la même région ; enfin le JavaScript que charge la page de connexion.
import { bancDepot } from './depot.ts';
import { bancImport } from './import.ts';
import { bancIndicateurs } from './indicateurs.ts';
import { bancLivraison } from './livraison.ts';
import { bancMensuel } from './mensuel.ts';
import { basePostgresNeuve, ouvrirBaseGardee } from './outils.ts';
import { bancWeb, bancWebNational } from './web.ts';

const BANCS = ['import', 'indicateurs', 'depot', 'web-national', 'web', 'mensuel', 'livraison'];
const NOM_BASE = process.env.CPO_BENCH_BASE ?? 'cpo_bench';
const demandes = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const nom of demandes) {
  if (!BANCS.includes(nom)) {
    console.error(`banc inconnu : ${nom} (connus : ${BANCS.join(', ')})`);
    process.exit(1);
  }
}
const aLancer = demandes.length ? demandes : BANCS;

// La base nationale sert aussi aux bancs qui la lisent après l'import : elle est alors gardée.
if (aLancer.includes('web-national')) process.env.CPO_BENCH_GARDER_BASE ??= '1';
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
if (aLancer.includes('web-national')) await bancWebNational(NOM_BASE);
if (aLancer.includes('web')) await bancWeb();
if (aLancer.includes('mensuel')) await bancMensuel();
if (aLancer.includes('livraison')) await bancLivraison();
