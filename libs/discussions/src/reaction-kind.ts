import { registerEnumType } from '@nestjs/graphql';

/** The reactions a member may give a thread or a reply: one of each per member. */
export enum ReactionKind {
  HELPFUL = 'HELPFUL',
  INSIGHTFUL = 'INSIGHTFUL',
  SAME_HERE = 'SAME_HERE',
}

/** The order reactions are listed in, always all three (count 0 included). */
export const REACTION_KINDS: readonly ReactionKind[] = [
  ReactionKind.HELPFUL,
  ReactionKind.INSIGHTFUL,
  ReactionKind.SAME_HERE,
];

registerEnumType(ReactionKind, {
  name: 'ReactionKind',
  valuesMap: {
    HELPFUL: { description: 'It helped me; counts towards the author’s earned expertise.' },
    INSIGHTFUL: { description: 'It made me think.' },
    SAME_HERE: { description: 'I have this problem or experience too.' },
  },
});
