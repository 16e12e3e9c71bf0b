/** Une erreur due à l'entrée ou à l'action demandée, au message en français prêt à montrer. */
export class ErreurMetier extends Error {}
