#!/usr/bin/env node
// Point d'entrée de la ligne de commande : le code TypeScript est chargé par tsx, sans étape de compilation.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
