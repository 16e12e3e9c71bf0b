// La place d'une ML dans la distribution d'un ratio parmi les ML de sa région : une boîte à moustaches
// (minimum, quartiles, médiane, maximum) et un point pour la ML, avec son équivalent en texte.
import { quartDeLaDistribution, type Distribution } from '../../domaine/indicateurs/chiffres.ts';
import { formaterValeur } from '../../domaine/indicateurs/format.ts';

const QUARTS = ['', 'dans le premier quart', 'dans le deuxième quart', 'dans le troisième quart', 'dans le dernier quart'];

export function Position({ valeur, distribution, unite, perimetre }: { valeur: number | null; distribution: Distribution | null; unite: string; perimetre: string }) {
  const quart = quartDeLaDistribution(valeur, distribution);
  if (!distribution || quart === null || valeur === null) return <span className="cpo-nd">n.d.</span>;
  const { minimum, premierQuartile, mediane, troisiemeQuartile, maximum, effectif } = distribution;
  const bas = Math.min(minimum, valeur);
  const etendue = Math.max(maximum, valeur) - bas || 1;
  const x = (v: number) => 6 + ((v - bas) / etendue) * 108;
  const texte = `${QUARTS[quart]} des ${effectif} ML de la ${perimetre} (médiane ${formaterValeur(mediane, unite)}, de ${formaterValeur(minimum, unite)} à ${formaterValeur(maximum, unite)})`;
  return (
    <svg className="cpo-boite" width="120" height="24" viewBox="0 0 120 24" role="img" aria-label={texte}>
      <title>{texte}</title>
      <line x1={x(minimum)} x2={x(maximum)} y1="12" y2="12" stroke="#666" />
      <rect x={x(premierQuartile)} y="5" width={Math.max(1, x(troisiemeQuartile) - x(premierQuartile))} height="14" fill="#e3e3fd" stroke="#000091" />
      <line x1={x(mediane)} x2={x(mediane)} y1="5" y2="19" stroke="#000091" strokeWidth="2" />
      <circle cx={x(valeur)} cy="12" r="4.5" fill="#c9191e" stroke="#fff" />
    </svg>
  );
}
