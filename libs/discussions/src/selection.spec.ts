import {
  GraphQLResolveInfo,
  Kind,
  parse,
  FieldNode,
  FragmentDefinitionNode,
  OperationDefinitionNode,
} from 'graphql';
import { selectsField } from './selection';

function infoFor(query: string): GraphQLResolveInfo {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  const tree = operation?.selectionSet.selections[0] as FieldNode;
  return { fieldNodes: [tree], fragments } as unknown as GraphQLResolveInfo;
}

describe('selectsField', () => {
  it('finds direct, inline-fragment and named-fragment selections', () => {
    expect(selectsField(infoFor('{ replyTree { id reactions { kind } } }'), 'reactions')).toBe(
      true,
    );
    expect(selectsField(infoFor('{ replyTree { id } }'), 'reactions')).toBe(false);
    expect(
      selectsField(infoFor('{ replyTree { ... on Reply { author { handle } } } }'), 'author'),
    ).toBe(true);
    expect(
      selectsField(
        infoFor('{ replyTree { ...R } } fragment R on Reply { author { handle } }'),
        'author',
      ),
    ).toBe(true);
    expect(
      selectsField(
        infoFor('{ replyTree { children { edges { node { author { id } } } } } }'),
        'author',
      ),
    ).toBe(false);
  });
});
