// La livraison de l'application web construite (`npm run build`) : fichiers compressés à la
// construction, envoyés selon Accept-Encoding, gardés un an quand leur nom porte leur empreinte.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Base } from '../../src/application/ports/base.ts';
import { creerServeur, DOSSIER_WEB } from '../../src/http/serveur.ts';
import { surChaqueMoteur } from '../outils/bases.ts';

surChaqueMoteur('Livraison de l’application web', (moteur) => {
  let base: Base;
  let app: FastifyInstance;
  let entree: string;
  beforeAll(async () => {
    if (!existsSync(join(DOSSIER_WEB, 'index.html'))) throw new Error("l'application web n'est pas construite : lancez « npm run build » (npm test le fait)");
    entree = readFileSync(join(DOSSIER_WEB, 'index.html'), 'utf8').match(/src="(\/assets\/index-[^"]+\.js)"/)![1];
    base = await moteur.ouvrir();
    app = await creerServeur(base);
  });
  afterAll(async () => {
    await app.close();
    await base.fermer();
  });
  const original = (chemin: string) => readFileSync(join(DOSSIER_WEB, chemin));

  it('envoie le JavaScript en brotli ou en gzip selon Accept-Encoding, gardé un an', async () => {
    const br = await app.inject({ url: entree, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).equals(original(entree))).toBe(true);
    expect(br.rawPayload.length).toBeLessThan(original(entree).length / 3);

    const gzip = await app.inject({ url: entree, headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).equals(original(entree))).toBe(true);

    const brut = await app.inject({ url: entree, headers: { 'accept-encoding': 'identity' } });
    expect(brut.headers['content-encoding']).toBeUndefined();
    expect(brut.rawPayload.equals(original(entree))).toBe(true);
  });

  it("sert les pages de l'application compressées, jamais gardées en cache", async () => {
    for (const url of ['/', '/connexion', '/mentions-legales']) {
      const reponse = await app.inject({ url, headers: { 'accept-encoding': 'br' } });
      expect(reponse.statusCode, url).toBe(200);
      expect(reponse.headers['content-encoding'], url).toBe('br');
      expect(reponse.headers['cache-control'], url).toBe('no-cache');
      expect(brotliDecompressSync(reponse.rawPayload).equals(original('index.html')), url).toBe(true);
    }
  });

  it('ne garde un an que des fichiers dont le nom porte une empreinte de leur contenu', () => {
    const assets = readdirSync(join(DOSSIER_WEB, 'assets'));
    expect(assets.filter((f) => !/-[A-Za-z0-9_-]{8}\.[a-z0-9]+(\.gz|\.br)?$/.test(f))).toEqual([]);
    expect(readdirSync(DOSSIER_WEB).sort()).toEqual(['assets', 'index.html', 'index.html.br', 'index.html.gz']);
  });
});
