import { createContext, useContext } from 'react';
import type { TFunction } from 'i18next';
import i18n from '../i18n.js';

/**
 * The board's translate function, from the one useTranslation() at the top of the board
 * (BoardContent), for what is drawn once per note. react-i18next's useTranslation() does real
 * work when a component mounts (it copies the i18next instance for each one): eight of them in
 * every note card were the largest script cost of showing a big board. A change of language
 * gives a new function, so every reader re-renders then, as with useTranslation().
 * Outside a board, the app's i18next instance translates (without following a change of language).
 */
export const BoardTContext = createContext<TFunction>(i18n.t.bind(i18n) as TFunction);

export function useBoardT(): { t: TFunction } {
  return { t: useContext(BoardTContext) };
}
