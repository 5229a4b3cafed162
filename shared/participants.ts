/** Who is in the room: the participant groups a person chooses when they join. */
export const PARTICIPANT_GROUPS = ['service-user', 'family-carer', 'staff', 'community', 'unspecified'] as const;
export type ParticipantGroup = (typeof PARTICIPANT_GROUPS)[number];

export const ROLES = ['participant', 'facilitator'] as const;
export type Role = (typeof ROLES)[number];
