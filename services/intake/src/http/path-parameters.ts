import { Param, ParseUUIDPipe, PipeTransform } from '@nestjs/common';
import { ApiParamOptions } from '@nestjs/swagger';
import { InvalidInputRefusal } from '@claims/event-sourcing';
import { POLICY_NUMBER_PATTERN } from './dto/money-and-ids.dto';

/** A path parameter that must be a UUID (400 otherwise), documented with its format. */
export const uuidParam = (name: string) => Param(name, new ParseUUIDPipe());

export const uuidParamDoc = (name: string, description: string): ApiParamOptions => ({
  name,
  description,
  schema: { type: 'string', format: 'uuid' },
});

/** A policy number in the path: upper-case letters, digits and hyphens (400 otherwise). */
export class PolicyNumberPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || !POLICY_NUMBER_PATTERN.test(value)) {
      throw new InvalidInputRefusal('Not a policy number', [
        { path: 'policyNumber', message: 'policyNumber must be upper-case letters, digits and hyphens' },
      ]);
    }
    return value;
  }
}
