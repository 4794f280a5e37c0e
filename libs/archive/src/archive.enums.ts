import { registerEnumType } from '@nestjs/graphql';

export enum CollectionStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
}

export enum CollectionEntryKind {
  THREAD = 'THREAD',
  REPLY = 'REPLY',
  RECAP = 'RECAP',
}

export enum RecapStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
}

registerEnumType(CollectionStatus, {
  name: 'CollectionStatus',
  valuesMap: {
    DRAFT: { description: 'Being curated: moderators and admins only.' },
    PUBLISHED: { description: 'Visible to every signed-in member, searchable and exportable.' },
  },
});

registerEnumType(CollectionEntryKind, {
  name: 'CollectionEntryKind',
  description: 'What a collection entry points at.',
});

registerEnumType(RecapStatus, {
  name: 'RecapStatus',
  valuesMap: {
    DRAFT: { description: 'Built from the record, being edited: curators only.' },
    PUBLISHED: { description: 'Readable by every signed-in member.' },
  },
});
