import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import {
  Controller,
  Get,
  Header,
  Inject,
  NotFoundException,
  Param,
  Res,
  StreamableFile,
} from '@nestjs/common';
import type { Response } from 'express';

import { problem } from '../http/problem-details';
import type { OpenApiDocument } from './openapi-document';

export const OPENAPI_DOCUMENT = Symbol('OpenApiDocument');

const DOCS_PATH = '/v1/docs';
const DOCUMENT_PATH = '/v1/openapi.json';
const INITIALIZER = 'swagger-initializer.js';

// swagger-ui-dist ships no types; its files sit beside its package.json (its getAbsoluteFSPath()).
const SWAGGER_UI_DIR = dirname(require.resolve('swagger-ui-dist/package.json'));

/** The only files of swagger-ui-dist the page may load, with their content types. */
const CSS = 'text/css; charset=utf-8';
const JS = 'text/javascript; charset=utf-8';
const SWAGGER_UI_ASSETS: Readonly<Record<string, string>> = {
  'swagger-ui.css': CSS,
  'index.css': CSS,
  'swagger-ui-bundle.js': JS,
  'swagger-ui-standalone-preset.js': JS,
  'favicon-16x16.png': 'image/png',
  'favicon-32x32.png': 'image/png',
};

// No inline script, so the page works under a strict Content-Security-Policy; validatorUrl null
// keeps Swagger UI from calling validator.swagger.io.
const INITIALIZER_SCRIPT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '${DOCUMENT_PATH}',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
  });
});
`;

const INDEX_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Throughcare Hub API</title>
    <link rel="stylesheet" href="${DOCS_PATH}/swagger-ui.css" />
    <link rel="stylesheet" href="${DOCS_PATH}/index.css" />
    <link rel="icon" type="image/png" href="${DOCS_PATH}/favicon-32x32.png" sizes="32x32" />
    <link rel="icon" type="image/png" href="${DOCS_PATH}/favicon-16x16.png" sizes="16x16" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${DOCS_PATH}/swagger-ui-bundle.js"></script>
    <script src="${DOCS_PATH}/swagger-ui-standalone-preset.js"></script>
    <script src="${DOCS_PATH}/${INITIALIZER}"></script>
  </body>
</html>
`;

const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; font-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The OpenAPI document and its Swagger UI page, all served locally (docs/hub-interface.md §3). Public. */
@Controller('v1')
export class OpenApiController {
  private readonly assets = new Map<string, Buffer>();

  constructor(@Inject(OPENAPI_DOCUMENT) private readonly document: OpenApiDocument) {}

  @Get('openapi.json')
  @Header('Cache-Control', 'no-cache')
  openApiDocument(): OpenApiDocument {
    return this.document;
  }

  @Get('docs')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', PAGE_CSP)
  @Header('X-Content-Type-Options', 'nosniff')
  docsPage(): string {
    return INDEX_PAGE;
  }

  @Get('docs/:asset')
  @Header('X-Content-Type-Options', 'nosniff')
  docsAsset(
    @Param('asset') asset: string,
    @Res({ passthrough: true }) response: Pick<Response, 'setHeader'>,
  ): StreamableFile {
    if (asset === INITIALIZER) return this.asset(Buffer.from(INITIALIZER_SCRIPT), JS, response);
    // Own keys of a fixed table only: no path from the request ever reaches the file system.
    const type = Object.hasOwn(SWAGGER_UI_ASSETS, asset) ? SWAGGER_UI_ASSETS[asset] : undefined;
    if (!type) throw new NotFoundException(problem(404, 'not-found', 'Not found'));
    return this.asset(this.readAsset(asset), type, response);
  }

  /** Cache headers only on success: a 404 must not be cached. */
  private asset(
    content: Buffer,
    type: string,
    response: Pick<Response, 'setHeader'>,
  ): StreamableFile {
    response.setHeader('Cache-Control', 'public, max-age=3600');
    return new StreamableFile(content, { type });
  }

  private readAsset(name: string): Buffer {
    let content = this.assets.get(name);
    if (!content) {
      content = readFileSync(join(SWAGGER_UI_DIR, name));
      this.assets.set(name, content);
    }
    return content;
  }
}
