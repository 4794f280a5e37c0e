import { randomBytes, randomUUID } from 'node:crypto';
import { SearchDocumentInput } from '@app/search';
import { TestApp } from '../support/test-app';

export const SEARCH = `query($query: String!, $filter: SearchFilter, $first: Int, $after: String) {
  search(query: $query, filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { kind targetId title snippet link score createdAt hidden spaceSlug tags solved } }
  }
}`;

export interface SearchNode {
  kind: string;
  targetId: string;
  title: string;
  snippet: string;
  link: string;
  score: number;
  createdAt: string;
  hidden: boolean;
  spaceSlug: string | null;
  tags: string[];
  solved: boolean | null;
}

export interface SearchPage {
  search: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
    edges: Array<{ cursor: string; node: SearchNode }>;
  };
}

/** A made-up word (letters only) that no other test's documents contain. */
export function word(): string {
  const letters = 'bcdfghjklmnpqrstvwxz';
  return 'zq' + Array.from(randomBytes(8), (byte) => letters[byte % letters.length]).join('') + 'o';
}

export function doc(overrides: Partial<SearchDocumentInput> = {}): SearchDocumentInput {
  const targetId = overrides.targetId ?? randomUUID();
  return {
    kind: 'THREAD',
    targetId,
    spaceSlug: 'engagement',
    tags: [],
    visibility: 'PUBLIC',
    hidden: false,
    title: 'A question to peers',
    body: 'Some text about community practice.',
    link: `/threads/${targetId}`,
    createdAt: new Date(),
    ...overrides,
  };
}

/** Runs `search` and fails the test on GraphQL errors. */
export async function search(
  t: TestApp,
  variables: Record<string, unknown>,
  token?: string,
): Promise<SearchPage['search']> {
  const result = await t.gql<SearchPage>(SEARCH, variables, token);
  if (!result.data) throw new Error(`search failed: ${JSON.stringify(result.errors)}`);
  return result.data.search;
}

export const targetIds = (page: SearchPage['search']) => page.edges.map((e) => e.node.targetId);
