import Fastify from 'fastify';
import { gunzipSync } from 'node:zlib';
import { afterAll, expect, it } from 'vitest';
import { envoyerJson, reponseJson, TAILLE_A_COMPRESSER } from './reponseJson.ts';

const gros = JSON.stringify({ valeurs: Array.from({ length: TAILLE_A_COMPRESSER / 10 }, (_, i) => i / 7) });
const petit = JSON.stringify({ valeur: 1 });
const app = Fastify();
app.get('/gros', (req, rep) => envoyerJson(req, rep, reponseJson(gros)));
app.get('/petit', (req, rep) => envoyerJson(req, rep, reponseJson(petit)));
afterAll(() => app.close());

it('une grosse réponse part compressée à qui accepte gzip, en clair aux autres ; une petite, toujours en clair', async () => {
  const compressee = await app.inject({ url: '/gros', headers: { 'accept-encoding': 'br, gzip' } });
  expect(compressee.headers['content-encoding']).toBe('gzip');
  expect(compressee.headers.vary).toBe('accept-encoding');
  expect(compressee.rawPayload.length).toBeLessThan(gros.length / 2);
  expect(gunzipSync(compressee.rawPayload).toString()).toBe(gros);
  const claire = await app.inject({ url: '/gros' });
  expect(claire.headers['content-encoding']).toBeUndefined();
  expect(claire.body).toBe(gros);
  const courte = await app.inject({ url: '/petit', headers: { 'accept-encoding': 'gzip' } });
  expect(courte.headers['content-encoding']).toBeUndefined();
  expect(courte.json()).toEqual({ valeur: 1 });
});
