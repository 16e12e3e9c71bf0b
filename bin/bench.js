#!/usr/bin/env node
// `npm run bench` : les bancs d'essai, chargés par tsx comme la ligne de commande.
import { register } from 'tsx/esm/api';

register();
await import('../bench/principal.ts');
