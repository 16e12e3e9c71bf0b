// Serveur HTTP : l'API et, pour l'instant, une page d'accueil rendue côté serveur. L'application
// React (DSFR) prendra sa place ; l'API reste la même.
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import * as z from 'zod';
import { chargerCatalogue } from '../../application/indicateurs/catalogueEnVigueur.ts';
import { ServiceChiffres } from '../../application/indicateurs/serviceChiffres.ts';
import { ErreurMetier } from '../../domaine/erreurs.ts';
import type { Base } from '../db/base.ts';
import { routesIndicateurs } from './routesIndicateurs.ts';

z.config(z.locales.fr());

const echapper = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const nombre = (n: number) => new Intl.NumberFormat('fr-FR').format(n);

/** `prechauffer` : calculer dès le démarrage les chiffres de la dernière année (et de la précédente). */
export async function creerServeur(base: Base, options: { prechauffer?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((erreur, _req, reponse) => {
    if (hasZodFastifySchemaValidationErrors(erreur)) {
      const details = erreur.validation.map((v) => `${v.instancePath.replace(/^\//, '') || 'requête'} : ${v.message}`);
      return reponse.code(400).send({ message: `Requête invalide — ${details.join(' ; ')}` });
    }
    if (erreur instanceof ErreurMetier) return reponse.code(400).send({ message: erreur.message });
    reponse.log.error(erreur);
    return reponse.code(500).send({ message: 'Erreur interne du serveur' });
  });
  app.setNotFoundHandler((req, reponse) => reponse.code(404).send({ message: `Adresse inconnue : ${req.method} ${req.url}` }));
  await app.register(fastifySwagger, {
    openapi: { info: { title: 'API CPO Missions locales', description: "Chiffres de la CPO entre l'État et les Missions locales", version: '0.1.0' } },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  const service = new ServiceChiffres(base, chargerCatalogue());
  routesIndicateurs(app, base, service);
  if (options.prechauffer) void service.prechauffer().catch((e) => app.log.warn(e));

  app.get('/api/sante', async () => ({ statut: 'ok', moteur: base.moteur }));

  const structures = () =>
    base.query<{ code_structure: string; nom: string; departement: string; region: string; jeunes: number }>(
      `SELECT m.code_structure, m.nom, m.code_departement, d.nom AS departement, m.code_region, r.nom AS region,
              (SELECT count(*)::int FROM jeune j WHERE j.code_structure = m.code_structure) AS jeunes
       FROM mission_locale m JOIN departement d ON d.code = m.code_departement JOIN region r ON r.code = m.code_region
       ORDER BY m.code_structure COLLATE "C"`,
    );
  app.get('/api/structures', async () => ({ structures: await structures() }));

  app.get('/', async (_req, reponse) => {
    const liste = await structures();
    const rangees = liste
      .map(
        (s) =>
          `<tr><td>${echapper(s.code_structure)}</td><td>${echapper(s.nom)}</td><td>${echapper(s.departement)}</td><td>${echapper(s.region)}</td><td class="n">${nombre(s.jeunes)}</td></tr>`,
      )
      .join('');
    reponse.type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>CPO Missions locales</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#161616}h1{color:#000091}table{border-collapse:collapse}
th,td{border:1px solid #ddd;padding:.3rem .6rem;text-align:left}td.n{text-align:right}caption{text-align:left;font-weight:bold;margin:.5rem 0}</style>
</head><body><header><p>République française</p><h1>CPO Missions locales</h1></header>
<main><p>${nombre(liste.length)} Missions locales en base (${base.moteur === 'pglite' ? 'base embarquée' : 'serveur PostgreSQL'}).
Les chiffres de la CPO sont servis par l'API, documentée sur <a href="/api/docs">/api/docs</a>.</p>
<table><caption>Missions locales</caption><thead><tr><th scope="col">Code</th><th scope="col">Nom</th><th scope="col">Département</th><th scope="col">Région</th><th scope="col">Jeunes suivis</th></tr></thead>
<tbody>${rangees}</tbody></table></main></body></html>`);
  });

  return app;
}
