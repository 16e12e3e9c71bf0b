// La définition d'un chiffre, à portée de main : une info-bulle au clic (clavier compris).
import { Tooltip } from '@codegouvfr/react-dsfr/Tooltip';

export function Definition({ titre, texte }: { titre: string; texte: string }) {
  return (
    <span className="fr-ml-1v" data-definition={titre}>
      <Tooltip kind="click" title={`${titre} : ${texte}`} />
    </span>
  );
}

/** « n.d. », avec la raison en info-bulle et pour les lecteurs d'écran. */
export function NonDefini({ raison }: { raison: string | null }) {
  return raison ? (
    <Tooltip kind="hover" title={`Non défini : ${raison}`}>
      <span className="cpo-nd">n.d.</span>
    </Tooltip>
  ) : (
    <span className="cpo-nd">n.d.</span>
  );
}
