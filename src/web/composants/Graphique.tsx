// Un graphique ECharts accessible : un titre, une description pour les lecteurs d'écran, le tableau de
// ses données en alternative, et le téléchargement en PNG ou en SVG, avec titre, unité, source et date.
import { Button } from '@codegouvfr/react-dsfr/Button';
import { BarChart, BoxplotChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import { useEffect, useId, useRef } from 'react';
import { cartouche, MARGE_CARTOUCHE, nomDeFichier, POLICE_GRAPHIQUE, svgDansCartouche, telecharger, texteCellule, type TableauExport } from '../outils/exports.ts';
import { useSession } from '../session.tsx';

echarts.use([BarChart, BoxplotChart, LineChart, ScatterChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer, SVGRenderer]);

export type OptionGraphique = echarts.EChartsCoreOption;

/** Les couleurs du DSFR (bleu France, et des couleurs illustratives contrastées). */
export const COULEURS = ['#000091', '#c9191e', '#009081', '#a558a0', '#b7a73f', '#3a3a3a'];

interface Props {
  titre: string;
  /** Ce que montre le graphique, en une phrase : lu par les lecteurs d'écran. */
  description: string;
  option: OptionGraphique;
  /** L'unité du catalogue des valeurs montrées, écrite sur l'image exportée. */
  unite: string;
  donnees: TableauExport;
  hauteur?: number;
  surClic?: (params: { name: string; dataIndex: number; seriesIndex: number }) => void;
}

const optionComplete = (option: OptionGraphique): OptionGraphique => ({
  animation: false,
  color: COULEURS,
  textStyle: { fontFamily: 'Marianne, arial, sans-serif' },
  ...option,
});

export function Graphique({ titre, description, option, unite, donnees, hauteur = 320, surClic }: Props) {
  const { donnees_au: donneesAu } = useSession();
  const conteneur = useRef<HTMLDivElement>(null);
  const instance = useRef<echarts.ECharts | null>(null);
  const idDescription = useId();

  useEffect(() => {
    const el = conteneur.current!;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    instance.current = chart;
    const observateur = new ResizeObserver(() => chart.resize());
    observateur.observe(el);
    return () => {
      observateur.disconnect();
      chart.dispose();
      instance.current = null;
    };
  }, []);
  useEffect(() => {
    const chart = instance.current!;
    chart.setOption(optionComplete(option), true);
    chart.off('click');
    if (surClic) chart.on('click', (p) => surClic(p as never));
  }, [option, surClic]);

  const largeur = () => conteneur.current!.clientWidth || 800;
  const enPng = () => {
    const c = cartouche({ titre, unite, donneesAu, largeur: largeur(), hauteur });
    const echelle = 2;
    const image = document.createElement('canvas');
    image.width = largeur() * echelle;
    image.height = c.hauteur * echelle;
    const ctx = image.getContext('2d')!;
    ctx.scale(echelle, echelle);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, largeur(), c.hauteur);
    ctx.fillStyle = '#161616';
    for (const l of c.lignes) {
      ctx.font = `${l.gras ? '700 ' : ''}${l.taille}px ${POLICE_GRAPHIQUE}`;
      ctx.fillText(l.texte, MARGE_CARTOUCHE, l.y);
    }
    ctx.drawImage(instance.current!.renderToCanvas({ pixelRatio: echelle, backgroundColor: '#ffffff' }), 0, c.haut, largeur(), hauteur);
    image.toBlob((png) => png && telecharger(png, nomDeFichier(titre, 'png')), 'image/png');
  };
  const enSvg = () => {
    const svg = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width: largeur(), height: hauteur });
    svg.setOption(optionComplete({ ...option, backgroundColor: '#ffffff' }));
    const texte = svgDansCartouche(svg.renderToSVGString(), largeur(), cartouche({ titre, unite, donneesAu, largeur: largeur(), hauteur }));
    svg.dispose();
    telecharger(texte, nomDeFichier(titre, 'svg'), 'image/svg+xml');
  };

  return (
    <figure className="fr-mb-4w" data-graphique={titre}>
      <figcaption className="fr-h6 fr-mb-1w">{titre}</figcaption>
      <div ref={conteneur} className="cpo-graphique" style={{ height: hauteur }} role="img" aria-label={titre} aria-describedby={idDescription} />
      <p id={idDescription} className="fr-sr-only">
        {description}
      </p>
      <div className="fr-btns-group fr-btns-group--inline fr-btns-group--sm fr-btns-group--icon-left fr-mt-1w">
        <Button priority="tertiary" size="small" iconId="fr-icon-image-line" onClick={enPng}>
          PNG<span className="fr-sr-only"> : {titre}</span>
        </Button>
        <Button priority="tertiary" size="small" iconId="fr-icon-image-line" onClick={enSvg}>
          SVG<span className="fr-sr-only"> : {titre}</span>
        </Button>
      </div>
      <details className="fr-mt-1w">
        <summary>Données du graphique : {titre}</summary>
        <div className="fr-table fr-table--sm">
          <div className="fr-table__wrapper">
            <div className="fr-table__container">
              <div className="fr-table__content">
                <table>
                  <caption className="fr-sr-only">{titre}</caption>
                  <thead>
                    <tr>
                      {donnees.entetes.map((e) => (
                        <th key={e} scope="col">
                          {e}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {donnees.lignes.map((l, i) => (
                      <tr key={i}>
                        {l.map((c, j) =>
                          j === 0 ? (
                            <th scope="row" key={j}>
                              {texteCellule(c)}
                            </th>
                          ) : (
                            <td key={j} className={typeof c === 'string' ? undefined : 'cpo-nombre'}>
                              {texteCellule(c)}
                            </td>
                          ),
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        </div>
      </details>
    </figure>
  );
}
