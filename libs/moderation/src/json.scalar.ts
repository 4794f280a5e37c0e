import { GraphQLScalarType, Kind, ValueNode } from 'graphql';

/** Plain JSON values (the audit log's before/after states); literals are parsed as written. */
export const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value: here, a state recorded before or after a moderation action.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: function literal(node: ValueNode): unknown {
    switch (node.kind) {
      case Kind.STRING:
      case Kind.BOOLEAN:
        return node.value;
      case Kind.INT:
      case Kind.FLOAT:
        return Number(node.value);
      case Kind.NULL:
        return null;
      case Kind.LIST:
        return node.values.map(literal);
      case Kind.OBJECT:
        return Object.fromEntries(
          node.fields.map((field) => [field.name.value, literal(field.value)]),
        );
      default:
        return undefined;
    }
  },
});
