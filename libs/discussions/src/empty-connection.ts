import { Connection } from '@app/core';

export function emptyConnection<T>(hasPreviousPage = false): Connection<T> {
  return {
    edges: [],
    totalCount: 0,
    pageInfo: { hasNextPage: false, hasPreviousPage, startCursor: null, endCursor: null },
  };
}
