// Listes intégrées pour des données de démonstration plausibles : aucune personne réelle, aucun domaine réel.
// Aucune valeur ne contient `;`, `"` ni retour à la ligne : ces champs s'écrivent sans guillemets.

export const NOMS = [
  'Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent',
  'Simon', 'Michel', 'Lefebvre', 'Leroy', 'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Girard',
  'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Rousseau', 'Vincent', 'Muller', 'Lefèvre', 'Faure', 'André',
  'Mercier', 'Blanc', 'Guérin', 'Boyer', 'Garnier', 'Chevalier', 'François', 'Legrand', 'Gauthier', 'Garcia',
  'Perrin', 'Robin', 'Clément', 'Morin', 'Nicolas', 'Henry', 'Roussel', 'Mathieu', 'Gautier', 'Masson',
  'Marchand', 'Duval', 'Denis', 'Dumont', 'Marie', 'Lemaire', 'Noël', 'Meyer', 'Dufour', 'Meunier',
  'Brun', 'Blanchard', 'Giraud', 'Joly', 'Rivière', 'Lucas', 'Brunet', 'Gaillard', 'Barbier', 'Arnaud',
  'Martinez', 'Gérard', 'Roche', 'Renard', 'Schmitt', 'Roy', 'Leroux', 'Colin', 'Vidal', 'Caron',
  'Picard', 'Roger', 'Fabre', 'Aubert', 'Lemoine', 'Renaud', 'Dumas', 'Lacroix', 'Olivier', 'Philippe',
  'Bourgeois', 'Pierre', 'Benoît', 'Rey', 'Leclerc', 'Payet', 'Rolland', 'Leclercq', 'Guillaume', 'Lecomte',
  "N'Diaye", 'Hoarau', 'Le Gall', 'Diallo', 'Benali', 'Traoré', 'Nguyen', 'Da Silva', 'Ferreira', 'Haddad',
] as const;

export const PRENOMS_F = [
  'Emma', 'Léa', 'Chloé', 'Manon', 'Camille', 'Inès', 'Sarah', 'Jade', 'Lucie', 'Laura',
  'Clara', 'Océane', 'Marie', 'Anaïs', 'Pauline', 'Julie', 'Mathilde', 'Justine', 'Morgane', 'Marine',
  'Émilie', 'Élodie', 'Mélanie', 'Charlotte', 'Lisa', 'Noémie', 'Margaux', 'Amandine', 'Audrey', 'Célia',
  'Maëva', 'Lina', 'Yasmine', 'Nour', 'Aïcha', 'Fatoumata', 'Kenza', 'Eva', 'Louise', 'Alice',
  'Zoé', 'Romane', 'Juliette', 'Ambre', 'Louna', 'Mélissa', 'Sabrina', 'Jessica', 'Coralie', 'Estelle',
] as const;

export const PRENOMS_H = [
  'Lucas', 'Thomas', 'Hugo', 'Théo', 'Nathan', 'Enzo', 'Maxime', 'Alexandre', 'Antoine', 'Quentin',
  'Kevin', 'Romain', 'Julien', 'Nicolas', 'Clément', 'Dylan', 'Florian', 'Valentin', 'Mathis', 'Louis',
  'Baptiste', 'Adrien', 'Jérémy', 'Anthony', 'Alexis', 'Benjamin', 'Corentin', 'Damien', 'Loïc', 'Mehdi',
  'Yanis', 'Rayan', 'Bilal', 'Karim', 'Moussa', 'Mamadou', 'Samuel', 'Gabriel', 'Raphaël', 'Arthur',
  'Tom', 'Jules', 'Paul', 'Axel', 'Kylian', 'Malik', 'Steven', 'Jordan', 'Mathieu', 'Guillaume',
] as const;

/** Forme sans accent, en minuscules, utilisable dans une adresse électronique. */
const formesAscii = new Map<string, string>();
export function versAscii(texte: string): string {
  let forme = formesAscii.get(texte);
  if (forme === undefined) {
    forme = calculerAscii(texte);
    if (formesAscii.size < 10_000) formesAscii.set(texte, forme);
  }
  return forme;
}

function calculerAscii(texte: string): string {
  return texte
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export const VOIES = [
  'rue de la République', 'avenue Jean Jaurès', 'rue Victor Hugo', 'place de la Mairie', 'rue Pasteur',
  'boulevard Gambetta', 'rue du Général de Gaulle', 'rue de la Gare', 'avenue de la Libération', 'rue Jules Ferry',
  'place du Marché', 'rue des Écoles', 'rue Émile Zola', 'allée des Tilleuls', 'rue Jean Moulin',
] as const;

export const INTITULES_OFFRES = [
  'Agent de propreté', 'Serveur en restauration', 'Commis de cuisine', 'Employé de libre-service',
  'Hôte de caisse', 'Préparateur de commandes', 'Cariste', 'Manutentionnaire', 'Agent de sécurité',
  'Aide à domicile', 'Agent de service hospitalier', 'Vendeur en prêt-à-porter', 'Ouvrier du bâtiment',
  'Maçon', 'Peintre en bâtiment', 'Électricien', 'Plombier chauffagiste', 'Mécanicien automobile',
  'Agent administratif', 'Standardiste', 'Téléconseiller', 'Animateur périscolaire', 'Ouvrier agricole',
  'Jardinier paysagiste', 'Boulanger', 'Pâtissier', 'Coiffeur', 'Livreur', 'Chauffeur poids lourd',
  'Opérateur de production', 'Agent de maintenance', 'Assistant logistique',
] as const;
