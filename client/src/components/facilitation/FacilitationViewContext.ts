import { createContext, useContext } from 'react';

/**
 * What the board's own components (notes, sections, section links) need from facilitation:
 * whether this person may edit now, which step the group is on, and whose note is whose.
 * Outside a provider everything is editable and nameless, so those components still work alone.
 */
export interface FacilitationView {
  /** The board is locked and this person is not a facilitator: show, do not edit. */
  readOnly: boolean;
  /** The section the group is working on (the facilitator's current step). */
  currentStep: string | null;
  anonymous: boolean;
  /** The name of a note's author, or null (anonymous board, unknown or departed author). */
  authorName: (authorKey: string) => string | null;
}

const DEFAULT_VIEW: FacilitationView = {
  readOnly: false,
  currentStep: null,
  anonymous: false,
  authorName: () => null,
};

export const FacilitationViewContext = createContext<FacilitationView>(DEFAULT_VIEW);

export function useFacilitationView(): FacilitationView {
  return useContext(FacilitationViewContext);
}
