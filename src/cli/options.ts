import { InvalidArgumentError } from 'commander';

/** Analyseur d'option entière, avec un message en français. */
export const entier = (option: string) => (valeur: string) => {
  if (!/^\d+$/.test(valeur)) throw new InvalidArgumentError(`${option} attend un nombre entier, pas « ${valeur} ».`);
  return Number(valeur);
};
