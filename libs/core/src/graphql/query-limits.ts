import {
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLError,
  GraphQLSchema,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  getVariableValues,
} from 'graphql';
import {
  ComplexityEstimator,
  fieldExtensionsEstimator,
  getComplexity,
  simpleEstimator,
} from 'graphql-query-complexity';

/** A list asked for with `first`/`limit` costs its children that many times. */
const pageSizeEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const size = [args.first, args.limit, args.last].find((value) => typeof value === 'number');
  return typeof size === 'number' ? 1 + childComplexity * Math.max(size, 1) : undefined;
};

function isIntrospectionOnly(operation: OperationDefinitionNode): boolean {
  return operation.selectionSet.selections.every(
    (selection) => selection.kind === Kind.FIELD && selection.name.value.startsWith('__'),
  );
}

/**
 * Deepest field nesting, following fragments; introspection fields are not counted. A fragment's
 * depth is computed once (`memo`): a few fragments each spreading the next twice would otherwise
 * cost 2^n walks and block the event loop.
 */
export function selectionDepth(
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  seen: Set<string> = new Set(),
  memo: Map<string, number> = new Map(),
): number {
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      const below = selection.selectionSet
        ? selectionDepth(selection.selectionSet, fragments, seen, memo)
        : 0;
      deepest = Math.max(deepest, 1 + below);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, selectionDepth(selection.selectionSet, fragments, seen, memo));
    } else {
      const name = selection.name.value;
      const fragment = fragments[name];
      if (!fragment || seen.has(name)) continue;
      let depth = memo.get(name);
      if (depth === undefined) {
        depth = selectionDepth(fragment.selectionSet, fragments, new Set([...seen, name]), memo);
        memo.set(name, depth);
      }
      deepest = Math.max(deepest, depth);
    }
  }
  return deepest;
}

function tooComplex(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_COMPLEX', http: { status: 400 } },
  });
}

/** Refuses operations past the depth or complexity limit; introspection is exempt. */
export function checkQueryLimits(args: {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables: Record<string, unknown>;
  maxDepth: number;
  maxComplexity: number;
}): void {
  const { schema, document, operation, variables, maxDepth, maxComplexity } = args;
  if (isIntrospectionOnly(operation)) return;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  const depth = selectionDepth(operation.selectionSet, fragments);
  if (depth > maxDepth) {
    throw tooComplex(
      `This query nests ${depth} levels deep; the limit is ${maxDepth}. Ask for fewer nested fields.`,
    );
  }
  // Variables that do not fit their types: execution refuses them (BAD_USER_INPUT) before any
  // resolver runs; getComplexity would throw a code-less error that reads as a server failure.
  if (getVariableValues(schema, operation.variableDefinitions ?? [], variables).errors) return;
  let complexity: number;
  try {
    complexity = getComplexity({
      schema,
      query: document,
      operationName: operation.name?.value,
      variables,
      estimators: [
        fieldExtensionsEstimator(),
        pageSizeEstimator,
        simpleEstimator({ defaultComplexity: 1 }),
      ],
    });
  } catch (error) {
    // "Query exceeds the maximum allowed number of nodes": too big to even measure.
    if (error instanceof GraphQLError)
      throw tooComplex(`This query is too large: ${error.message}`);
    throw error;
  }
  if (complexity > maxComplexity) {
    throw tooComplex(
      `This query costs ${complexity}; the limit is ${maxComplexity}. Ask for fewer fields or smaller pages (first/limit).`,
    );
  }
}
