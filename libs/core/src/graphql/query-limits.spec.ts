import {
  buildSchema,
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLError,
  Kind,
  OperationDefinitionNode,
  parse,
} from 'graphql';
import { checkQueryLimits, selectionDepth } from './query-limits';

const schema = buildSchema(`
  type Query { me: Node, items(first: Int): [Node!]!, node(id: ID!): Node }
  type Node { id: ID!, name: String, parent: Node, children(first: Int): [Node!]! }
`);

function operationOf(document: DocumentNode): OperationDefinitionNode {
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (!operation) throw new Error('no operation in the document');
  return operation;
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return fragments;
}

function depthOf(query: string): number {
  const document = parse(query);
  return selectionDepth(operationOf(document).selectionSet, fragmentsOf(document));
}

/** The error checkQueryLimits throws, or null when it lets the query through. */
function limitError(
  query: string,
  limits: { maxDepth?: number; maxComplexity?: number; variables?: Record<string, unknown> } = {},
): GraphQLError | null {
  const document = parse(query);
  try {
    checkQueryLimits({
      schema,
      document,
      operation: operationOf(document),
      variables: limits.variables ?? {},
      maxDepth: limits.maxDepth ?? 100,
      maxComplexity: limits.maxComplexity ?? 1_000_000,
    });
    return null;
  } catch (error) {
    if (error instanceof GraphQLError) return error;
    throw error;
  }
}

/** n fragments, each spreading the next twice: 2^n paths through a small document. */
function doublingFragments(n: number): string {
  let query = 'query Doubling { me { ...F0 } }\n';
  for (let i = 0; i < n; i++) {
    const next = i + 1 < n ? ` ...F${i + 1} parent { ...F${i + 1} }` : '';
    query += `fragment F${i} on Node { id${next} }\n`;
  }
  return query;
}

describe('selectionDepth', () => {
  it('counts nested fields through named and inline fragments', () => {
    expect(depthOf('{ me { id } }')).toBe(2);
    expect(depthOf('{ me { parent { parent { id } } } }')).toBe(4);
    expect(depthOf('{ me { ...P } } fragment P on Node { parent { id } }')).toBe(3);
    expect(depthOf('{ me { ... on Node { parent { parent { id } } } } }')).toBe(4);
  });

  it('does not count introspection fields', () => {
    expect(depthOf('{ __typename me { __typename id } }')).toBe(2);
    expect(depthOf('{ __schema { types { fields { type { ofType { name } } } } } }')).toBe(0);
  });

  it('walks each fragment once, however often it is spread', () => {
    const n = 16;
    const document = parse(doublingFragments(n));
    const fragments = fragmentsOf(document);
    let lookups = 0;
    const counted = new Proxy(fragments, {
      get(target, name: string) {
        lookups += 1;
        return target[name];
      },
    });
    expect(selectionDepth(operationOf(document).selectionSet, counted)).toBe(n + 1);
    // Without memoising fragment depths this is 2^17 lookups.
    expect(lookups).toBeLessThanOrEqual(2 * n);
  });
});

describe('checkQueryLimits', () => {
  it('refuses a query nested past the depth limit, naming the limit', () => {
    expect(limitError('{ me { parent { id } } }', { maxDepth: 3 })).toBeNull();
    const error = limitError('{ me { parent { parent { id } } } }', { maxDepth: 3 });
    expect(error?.message).toMatch(/nests 4 levels deep; the limit is 3/);
    expect(error?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'QUERY_TOO_COMPLEX',
    });
  });

  it('refuses a query past the complexity limit; page sizes multiply their children', () => {
    // items: 1 + 10 × (id + name) = 21
    expect(limitError('{ items(first: 10) { id name } }', { maxComplexity: 21 })).toBeNull();
    const error = limitError('{ items(first: 10) { id name } }', { maxComplexity: 20 });
    expect(error?.message).toMatch(/costs 21; the limit is 20/);
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    const viaVariable = limitError('query($n: Int) { items(first: $n) { id name } }', {
      maxComplexity: 20,
      variables: { n: 10 },
    });
    expect(viaVariable?.message).toMatch(/costs 21/);
  });

  it('lets introspection through whatever the limits', () => {
    const introspection =
      '{ __schema { types { name fields { name type { name ofType { name ofType { name } } } } } } }';
    expect(limitError(introspection, { maxDepth: 1, maxComplexity: 1 })).toBeNull();
  });

  it('leaves variables of the wrong type to execution instead of failing itself', () => {
    expect(
      limitError('query($id: ID!) { node(id: $id) { id } }', { variables: { id: { no: 1 } } }),
    ).toBeNull();
    expect(limitError('query($id: ID!) { node(id: $id) { id } }', { variables: {} })).toBeNull();
  });

  it('refuses, as a client error, a query too large to measure', () => {
    const error = limitError(doublingFragments(20));
    expect(error?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'QUERY_TOO_COMPLEX',
    });
    expect(error?.message).toMatch(/too large/);
  });
});
