// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { Position } from './Position.tsx';

afterEach(cleanup);
const distribution = { effectif: 17, minimum: 0.2, premierQuartile: 0.3, mediane: 0.4, troisiemeQuartile: 0.5, maximum: 0.7 };

it('dit en texte la place de la ML dans la distribution de sa région', () => {
  render(<Position valeur={0.55} distribution={distribution} unite="part" perimetre="région" />);
  expect(screen.getByRole('img').getAttribute('aria-label')).toBe('dans le dernier quart des 17 ML de la région (médiane 40,0\u00a0%, de 20,0\u00a0% à 70,0\u00a0%)');
});

it('écrit « n.d. » quand la valeur ou la distribution manque', () => {
  render(<Position valeur={null} distribution={distribution} unite="part" perimetre="région" />);
  expect(screen.queryByRole('img')).toBeNull();
  expect(screen.getByText('n.d.')).toBeTruthy();
});
