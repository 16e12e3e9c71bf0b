import { beforeEach, expect, it, vi } from 'vitest';
import { acteurCli } from './acteur.ts';

const systeme = vi.hoisted(() => ({ compte: true as boolean }));
vi.mock('node:os', async (original) => {
  const os = await original<typeof import('node:os')>();
  return {
    ...os,
    hostname: () => 'serveur-ml',
    userInfo: () => {
      // Comme os.userInfo() dans un conteneur lancé sous un uid sans entrée dans /etc/passwd.
      if (!systeme.compte) throw new Error('ENOENT: no such file or directory, uv_os_get_passwd');
      return { ...os.userInfo(), username: 'marie' };
    },
  };
});

beforeEach(() => {
  systeme.compte = true;
});

it("nomme l'utilisateur système et la machine", () => {
  expect(acteurCli()).toBe('cli:marie@serveur-ml');
});

it("nomme l'uid d'un processus sans compte système", () => {
  systeme.compte = false;
  expect(acteurCli()).toBe(`cli:uid-${process.getuid!()}@serveur-ml`);
});
