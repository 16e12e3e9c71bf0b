// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { RecalculEnCours } from './Provenance.tsx';

afterEach(cleanup);

it('dit de quel catalogue viennent les chiffres pendant le recalcul, et rien sinon', () => {
  const { container } = render(<RecalculEnCours catalogue="cpo-2015-2018" />);
  expect(container.textContent).toBe('');
  render(<RecalculEnCours catalogue="cpo-2015-2018" recalculEnCours="cpo-2019" />);
  expect(screen.getByText(/calculés avec le catalogue cpo-2015-2018\. Le catalogue cpo-2019 vient d'entrer en vigueur/)).toBeTruthy();
});
