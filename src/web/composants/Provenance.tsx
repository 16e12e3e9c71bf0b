// D'où viennent les chiffres affichés : un nouveau catalogue recalcule tout en arrière-plan, et pendant
// ce temps les chiffres du catalogue précédent restent servis ; l'écran le dit.
import { Alert } from '@codegouvfr/react-dsfr/Alert';

export function RecalculEnCours({ catalogue, recalculEnCours }: { catalogue: string; recalculEnCours?: string }) {
  if (!recalculEnCours) return null;
  return (
    <Alert
      severity="info"
      small
      className="fr-mb-2w"
      description={`Ces chiffres ont été calculés avec le catalogue ${catalogue}. Le catalogue ${recalculEnCours} vient d'entrer en vigueur : tous les chiffres sont recalculés en arrière-plan. Rechargez la page dans quelques minutes pour les voir.`}
    />
  );
}
