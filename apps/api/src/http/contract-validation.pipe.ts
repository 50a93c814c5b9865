import {
  BadRequestException,
  Injectable,
  type ArgumentMetadata,
  type PipeTransform,
} from '@nestjs/common';

import { validatePayload } from '@throughcare/contracts';

import { validationProblem } from './problem-details';

/** Validates bodies and queries with the same class-validator classes the Kafka consumers use. */
@Injectable()
export class ContractValidationPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const metatype = metadata.metatype;
    if (
      (metadata.type !== 'body' && metadata.type !== 'query') ||
      !metatype ||
      [Object, String, Number, Boolean, Array].includes(metatype as never)
    ) {
      return value;
    }
    const result = validatePayload(metatype as new () => object, value);
    if (!result.ok) throw new BadRequestException(validationProblem(result.errors));
    return result.value;
  }
}
