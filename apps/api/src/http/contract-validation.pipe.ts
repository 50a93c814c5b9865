import {
  BadRequestException,
  Injectable,
  type ArgumentMetadata,
  type PipeTransform,
} from '@nestjs/common';

import type { Clock } from '@throughcare/clock';
import { validatePayload } from '@throughcare/contracts';

import { validationProblem } from './problem-details';

/**
 * Validates bodies and queries with the same class-validator classes the Kafka consumers use.
 * HTTP is the hub's edge: instants and dates are held to their window around the service's
 * clock (docs/security/input-bounds.md), which is simulated in the demo and in tests.
 */
@Injectable()
export class ContractValidationPipe implements PipeTransform {
  constructor(private readonly clock: Clock) {}

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const metatype = metadata.metatype;
    if (
      (metadata.type !== 'body' && metadata.type !== 'query') ||
      !metatype ||
      [Object, String, Number, Boolean, Array].includes(metatype as never)
    ) {
      return value;
    }
    const result = validatePayload(metatype as new () => object, value, { now: this.clock.now() });
    if (!result.ok) throw new BadRequestException(validationProblem(result.errors));
    return result.value;
  }
}
