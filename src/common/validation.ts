/* eslint-disable @typescript-eslint/no-unsafe-function-type -- class-validator and reflect-metadata key their metadata by Function */
import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldProblem, ValidationFailedError } from './errors';

/** Flatten class-validator errors into `{field: "a.b[0]", message}` entries. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const e of errors) {
    const field = parent ? (/^\d+$/.test(e.property) ? `${parent}[${e.property}]` : `${parent}.${e.property}`) : e.property;
    for (const msg of Object.values(e.constraints ?? {})) {
      const message = msg.startsWith(`${e.property} `) ? msg.slice(e.property.length + 1) : msg;
      out.push({ field, message });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

const SWAGGER_PROPERTY = 'swagger/apiModelProperties';

/**
 * `null` for a declared field is refused unless the field is documented nullable (class-validator's
 * @IsOptional would otherwise let null through as "absent" while the OpenAPI document says the
 * field is a string/number). Nested DTO objects are checked too.
 */
export function nullProblems(value: unknown, metatype: Function | undefined, parent = ''): FieldProblem[] {
  if (!metatype?.prototype || !value || typeof value !== 'object' || Array.isArray(value)) return [];
  const out: FieldProblem[] = [];
  // free-form: a request body before validation (any JSON)
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const meta = Reflect.getMetadata(SWAGGER_PROPERTY, metatype.prototype, key) as { nullable?: boolean; type?: unknown } | undefined;
    if (!meta) continue;
    const field = parent ? `${parent}.${key}` : key;
    if (v === null && !meta.nullable) out.push({ field, message: 'must not be null (omit the field to use its default)' });
    else if (typeof meta.type === 'function' && v && typeof v === 'object') out.push(...nullProblems(v, meta.type as Function, field));
  }
  return out;
}

class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const problems = nullProblems(value, metadata.metatype);
      if (problems.length) throw new ValidationFailedError(problems);
    }
    return super.transform(value, metadata);
  }
}

/** Global pipe: unknown keys rejected, null only where documented, types transformed, failures → 400 validation_failed naming each field. */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => new ValidationFailedError(flattenValidationErrors(errors)),
  });
}
