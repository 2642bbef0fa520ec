import { getSchemaPath } from '@nestjs/swagger';

/** Staff receive one shape, a customer another: both documented, told apart by the caller's role. */
export function byRole(staff: new () => object, customer: new () => object, what: string) {
  return {
    description: `${what}: staff receive \`${staff.name}\`, a customer \`${customer.name}\` (their own only)`,
    schema: { anyOf: [{ $ref: getSchemaPath(staff) }, { $ref: getSchemaPath(customer) }] },
  };
}
