// Les bancs d'essai, dans l'ordre. Sur une base PostgreSQL nationale : l'import la remplit, le moteur
// d'indicateurs la lit (`npm run bench -- indicateurs` réutilise la base d'un passage précédent s'il
// l'a gardée, CPO_BENCH_GARDER_BASE=1). Puis l'application web sur cette base nationale (démarrage,
// charge), et sur une région dans sa propre base, et l'évolution mois par mois sur la même région ;
// enfin le JavaScript que charge la page de connexion.
import { bancImport } from './import.ts';
import { bancIndicateurs } from './indicateurs.ts';
import { bancLivraison } from './livraison.ts';
import { bancMensuel } from './mensuel.ts';
import { basePostgresNeuve, ouvrirBaseGardee } from './outils.ts';
import { bancWeb, bancWebNational } from './web.ts';

const BANCS = ['import', 'indicateurs', 'web-national', 'web', 'mensuel', 'livraison'];
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
if (aLancer.includes('import') || aLancer.includes('indicateurs')) {
  const gardee = aLancer.includes('import') ? null : await ouvrirBaseGardee('cpo_bench');
  const base = gardee ?? (await basePostgresNeuve('cpo_bench'));
  try {
    if (!gardee) await bancImport(base);
    if (aLancer.includes('indicateurs')) await bancIndicateurs(base);
  } finally {
    await base.fermer();
  }
}
if (aLancer.includes('web-national')) await bancWebNational();
if (aLancer.includes('web')) await bancWeb();
if (aLancer.includes('mensuel')) await bancMensuel();
if (aLancer.includes('livraison')) await bancLivraison();
