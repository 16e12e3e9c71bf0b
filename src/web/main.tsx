import '@codegouvfr/react-dsfr/main.css';
import './style.css';
import { startReactDsfr } from '@codegouvfr/react-dsfr/spa';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { Lien } from './outils/routeur.tsx';

startReactDsfr({ defaultColorScheme: 'light', Link: Lien });

declare module '@codegouvfr/react-dsfr/spa' {
  interface RegisterLink {
    Link: typeof Lien;
  }
}

createRoot(document.getElementById('racine')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
