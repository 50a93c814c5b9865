#!/usr/bin/env node
// Compiles the services (and the console) and the libs they use to plain JavaScript (SWC, decorator metadata
// kept for NestJS, class-validator and TypeORM; the @throughcare/* path aliases rewritten to
// relative requires), so a service runs with `node` alone: no TypeScript compiler at run time,
// and about half the memory of compiling on the fly (issue 14, "Built services").
//
//   node tools/build/build-services.js            builds (or reuses) and prints the output dir
//   node tools/build/build-services.js --clean    removes every build but the current one
//
// The output is content-addressed: dist/hub/<hash of the sources and this script>/. A build
// never changes under a running service, two builds of the same sources on one machine (two
// test runs at once) agree, and a changed source gives a new directory, never a stale one.
'use strict';

const { createHash } = require('node:crypto');
const fs = require('node:fs');
const { dirname, join, relative } = require('node:path');

const ROOT = join(__dirname, '..', '..');
const DIST = join(ROOT, 'dist', 'hub');
const SOURCE_DIRS = [
  'apps/api/src',
  'apps/planner/src',
  'apps/continuity/src',
  'apps/notifier/src',
  'apps/hmpps-adapter/src',
  'apps/console/src',
];
const KEEP_BUILDS = 3;

function isSource(file) {
  return (
    (file.endsWith('.ts') && !file.endsWith('.spec.ts') && !file.endsWith('.d.ts')) || isAsset(file)
  );
}

// Files a service reads at run time beside its code (the console's Nunjucks views): copied as
// they are, and in the hash like the sources.
function isAsset(file) {
  return file.endsWith('.njk');
}

function listSources(dir) {
  const found = [];
  for (const entry of fs.readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) found.push(...listSources(path));
    else if (isSource(entry.name)) found.push(path);
  }
  return found;
}

function libDirs() {
  return fs
    .readdirSync(join(ROOT, 'libs'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(join(ROOT, 'libs', entry.name, 'src')))
    .map((entry) => `libs/${entry.name}/src`);
}

function allSources() {
  return [...SOURCE_DIRS, ...libDirs()].flatMap(listSources).sort();
}

// The hash covers every source, the path aliases, the SWC version and this script.
function buildHash(sources) {
  const hash = createHash('sha256');
  for (const file of [...sources, 'tsconfig.base.json', 'tools/build/build-services.js']) {
    hash
      .update(file)
      .update('\0')
      .update(fs.readFileSync(join(ROOT, file)))
      .update('\0');
  }
  hash.update(require('@swc/core/package.json').version);
  return hash.digest('hex').slice(0, 16);
}

function swcOptions(file) {
  const { paths } = JSON.parse(
    fs.readFileSync(join(ROOT, 'tsconfig.base.json'), 'utf8'),
  ).compilerOptions;
  return {
    filename: join(ROOT, file),
    swcrc: false,
    configFile: false,
    sourceMaps: true,
    jsc: {
      target: 'es2022',
      baseUrl: ROOT,
      paths,
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  };
}

async function compileInto(outDir, sources) {
  const swc = require('@swc/core');
  await Promise.all(
    sources.map(async (file) => {
      if (isAsset(file)) {
        fs.mkdirSync(dirname(join(outDir, file)), { recursive: true });
        fs.copyFileSync(join(ROOT, file), join(outDir, file));
        return;
      }
      const { code, map } = await swc.transformFile(join(ROOT, file), swcOptions(file));
      const target = join(outDir, file.replace(/\.ts$/, '.js'));
      fs.mkdirSync(dirname(target), { recursive: true });
      fs.writeFileSync(target, `${code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
      if (map) fs.writeFileSync(`${target}.map`, map);
    }),
  );
}

/** Builds the services unless a build of exactly these sources exists; returns its directory. */
async function buildServices() {
  const sources = allSources();
  const outDir = join(DIST, buildHash(sources));
  if (fs.existsSync(join(outDir, 'BUILD_COMPLETE'))) return outDir;
  // Built beside the final directory and renamed into place, so a reader never sees half a build.
  const staging = `${outDir}.tmp-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  await compileInto(staging, sources);
  fs.writeFileSync(join(staging, 'BUILD_COMPLETE'), `${sources.length} files\n`);
  try {
    fs.renameSync(staging, outDir);
  } catch (error) {
    // Another process finished the same build first: theirs is identical.
    fs.rmSync(staging, { recursive: true, force: true });
    if (!fs.existsSync(join(outDir, 'BUILD_COMPLETE'))) throw error;
  }
  return outDir;
}

// Keeps the newest builds, and any from the last hour: a test run elsewhere on the machine may
// still be starting services from one.
function removeOldBuilds(current) {
  if (!fs.existsSync(DIST)) return;
  const anHourAgo = Date.now() - 3_600_000;
  const builds = fs
    .readdirSync(DIST)
    .map((name) => ({ dir: join(DIST, name), mtimeMs: fs.statSync(join(DIST, name)).mtimeMs }))
    .filter(({ dir }) => dir !== current && !dir.includes('.tmp-'))
    .sort((a, b) => b.mtimeMs - a.mtimeMs);
  for (const { dir, mtimeMs } of builds.slice(KEEP_BUILDS - 1)) {
    if (mtimeMs < anHourAgo) fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { buildServices, removeOldBuilds };

if (require.main === module) {
  const started = Date.now();
  buildServices()
    .then((outDir) => {
      if (process.argv.includes('--clean')) removeOldBuilds(outDir);
      process.stderr.write(`[build] services built in ${Date.now() - started} ms\n`);
      process.stdout.write(`${relative(process.cwd(), outDir) || '.'}\n`);
    })
    .catch((error) => {
      process.stderr.write(`[build] failed: ${error.stack || error.message}\n`);
      process.exit(1);
    });
}
