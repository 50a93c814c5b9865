import { Module } from '@nestjs/common';

import { buildOpenApiDocument } from './openapi-document';
import { OPENAPI_DOCUMENT, OpenApiController } from './openapi.controller';

/** Serves `GET /v1/openapi.json` and the `GET /v1/docs` page; the document is built once. */
@Module({
  controllers: [OpenApiController],
  providers: [{ provide: OPENAPI_DOCUMENT, useFactory: () => buildOpenApiDocument() }],
})
export class OpenApiModule {}
