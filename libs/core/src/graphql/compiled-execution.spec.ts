import type {
  GatewayExecutor,
  GatewayGraphQLRequestContext,
} from '@apollo/server-gateway-interface';
import {
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  OperationDefinitionNode,
  parse,
} from 'graphql';
import { CompiledExecution } from './compiled-execution';

const Kind = new GraphQLEnumType({ name: 'Kind', values: { QUESTION: {}, DISCUSSION: {} } });
const AskInput = new GraphQLInputObjectType({
  name: 'AskInput',
  fields: {
    title: { type: new GraphQLNonNull(GraphQLString) },
    // A non-null input field with a default may be left out (graphql-js fills it in).
    kind: { type: new GraphQLNonNull(Kind), defaultValue: 'DISCUSSION' },
  },
});

function schema(kind: GraphQLEnumType = Kind): GraphQLSchema {
  const calls = { count: 0 };
  return new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        ask: {
          type: GraphQLString,
          args: { input: { type: new GraphQLNonNull(AskInput) } },
          resolve: (_root, args: { input: { title: string; kind: string } }, context: object) =>
            `${args.input.title}/${args.input.kind}/${(context as { who: string }).who}`,
        },
        calls: { type: GraphQLInt, resolve: () => ++calls.count },
        kind: { type: kind, resolve: () => 'QUESTION' },
      },
    }),
  });
}

async function executorFor(
  execution: CompiledExecution,
  built: GraphQLSchema,
): Promise<GatewayExecutor> {
  execution.useSchema(built);
  let loaded: GraphQLSchema | null = null;
  execution.onSchemaLoadOrUpdate(({ apiSchema }) => (loaded = apiSchema));
  const { executor } = await execution.load();
  expect(loaded).toBe(built);
  return executor;
}

function request(query: string, variables: Record<string, unknown> = {}, queryHash = query) {
  const document = parse(query);
  const operation = document.definitions[0] as OperationDefinitionNode;
  // Only the members the executor reads; Apollo passes the full request context.
  return {
    document,
    operation,
    operationName: null,
    queryHash,
    request: { query, variables },
    context: { who: 'reader' },
  } as unknown as GatewayGraphQLRequestContext;
}

describe('CompiledExecution', () => {
  const ASK = 'query($input: AskInput!) { ask(input: $input) }';

  it('runs operations with the context, filling input defaults as graphql-js does', async () => {
    const execute = await executorFor(new CompiledExecution(), schema());
    expect(await execute(request(ASK, { input: { title: 'Hi' } }))).toEqual({
      data: { ask: 'Hi/DISCUSSION/reader' },
    });
    expect(await execute(request(ASK, { input: { title: 'Q', kind: 'QUESTION' } }))).toEqual({
      data: { ask: 'Q/QUESTION/reader' },
    });
  });

  it('refuses bad variables with graphql-js’s errors (Apollo makes them BAD_USER_INPUT)', async () => {
    const execute = await executorFor(new CompiledExecution(), schema());
    const result = await execute(request(ASK, { input: { title: 3, kind: 'NOPE', extra: 1 } }));
    expect(result.data).toBeUndefined();
    const messages = (result.errors ?? []).map((error) => error.message);
    expect(messages).toHaveLength(3);
    expect(messages.every((m) => m.startsWith('Variable "$input" got invalid value'))).toBe(true);
    expect(result.errors?.[0].nodes?.[0].kind).toBe('VariableDefinition');
  });

  it('honours @skip and @include, also on fragment spreads and inline fragments', async () => {
    const execute = await executorFor(new CompiledExecution(), schema());
    const query = `query($with: Boolean!) {
      kind @include(if: $with)
      ...Counted @skip(if: $with)
      ... on Query @include(if: $with) { calls }
    }
    fragment Counted on Query { calls }`;
    expect(await execute(request(query, { with: true }))).toEqual({
      data: { kind: 'QUESTION', calls: 1 },
    });
    expect(await execute(request(query, { with: false }))).toEqual({ data: { calls: 2 } });
  });

  it('compiles a document once and reuses it', async () => {
    const execution = new CompiledExecution();
    const execute = await executorFor(execution, schema());
    const compiled = (execution as unknown as { compiled: Map<string, unknown> }).compiled;
    await execute(request('{ calls }'));
    await execute(request('{ calls }'));
    expect(compiled.size).toBe(1);
    expect(await execute(request('{ calls kind }', {}, 'other'))).toEqual({
      data: { calls: 3, kind: 'QUESTION' },
    });
    expect(compiled.size).toBe(2);
    await execution.stop();
    expect(compiled.size).toBe(0);
  });

  it('refuses at start an enum whose values are not their own names', () => {
    const Numbered = new GraphQLEnumType({ name: 'Numbered', values: { ONE: { value: 1 } } });
    expect(() => new CompiledExecution().useSchema(schema(Numbered))).toThrow(
      /enum Numbered: value ONE stands for 1/,
    );
  });

  it('will not load without a schema', async () => {
    await expect(new CompiledExecution().load()).rejects.toThrow(/no schema/);
  });
});
