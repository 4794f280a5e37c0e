import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { CoreError, FieldErrors } from './domain-error';

/** Flattens class-validator's tree into `path: [messages]`. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldErrors {
  const fields: FieldErrors = {};
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) {
      fields[path] = Object.values(error.constraints);
    }
    if (error.children?.length) {
      Object.assign(fields, flattenValidationErrors(error.children, path));
    }
  }
  return fields;
}

/** Prefixes field paths with the GraphQL argument name (`input.email`). */
class InputValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // A whole payload (a /live event's body, or GraphQL @Args() of an ArgsType) must be an object.
    const wholePayload = metadata.type === 'body' && metadata.data === undefined;
    if (wholePayload && value === undefined) value = {};
    if (wholePayload && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw CoreError.invalid({ payload: ['must be an object'] });
    }
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof CoreError && error.fields && metadata.data) {
        const prefixed: FieldErrors = {};
        for (const [path, messages] of Object.entries(error.fields)) {
          prefixed[`${metadata.data}.${path}`] = messages;
        }
        throw CoreError.invalid(prefixed);
      }
      throw error;
    }
  }
}

/** The one validation pipe for GraphQL inputs and /live payloads: unknown fields are refused. */
export function createValidationPipe(): ValidationPipe {
  return new InputValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => CoreError.invalid(flattenValidationErrors(errors)),
  });
}
