import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import Ajv from 'ajv';
import draft07 from 'ajv/dist/refs/json-schema-draft-07.json';
import { parse } from 'yaml';

// There is no Docker engine on the build machines, so the compose file is checked against the
// Compose Specification's own JSON schema instead: docker/compose-spec.json is
// schema/compose-spec.json of github.com/compose-spec/compose-spec at commit
// a08f8d51631b7127ddac3d2c65537db429d0f1d0 (Apache-2.0), vendored unchanged.
const ROOT = join(__dirname, '..', '..');
const COMPOSE_FILE = join(ROOT, 'docker', 'docker-compose.yml');
const SCHEMA_FILE = join(ROOT, 'docker', 'compose-spec.json');
const HUB_SERVICES = ['api', 'planner', 'continuity', 'notifier', 'hmpps-adapter'] as const;

interface ComposeService {
  command?: string[];
  profiles?: string[];
  depends_on?: Record<string, { condition: string }>;
  deploy?: { replicas?: number; resources?: { limits?: { cpus?: string; memory?: string } } };
  environment?: Record<string, string | number>;
  healthcheck?: { test?: string[] };
  ports?: string[];
  restart?: string;
}

interface ComposeFile {
  services: Record<string, ComposeService>;
}

function readCompose(text: string): ComposeFile {
  // Compose resolves `<<:` merge keys (YAML 1.1), which YAML 1.2 parsers do only when asked.
  return parse(text, { merge: true }) as ComposeFile;
}

function service(compose: ComposeFile, name: string): ComposeService {
  const found = compose.services[name];
  if (!found) throw new Error(`no service ${name}`);
  return found;
}

describe('docker/docker-compose.yml', () => {
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true, strict: false });
  // The schema names draft-07 by its https address, which Ajv does not know by that name.
  ajv.addMetaSchema({ ...draft07, $id: 'https://json-schema.org/draft-07/schema' });
  const validate = ajv.compile(schema);
  const text = readFileSync(COMPOSE_FILE, 'utf8');
  const sut = readCompose(text);

  it('is valid under the Compose Specification schema', () => {
    const valid = validate(sut);

    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check catches a misspelt service key', () => {
    const broken = readCompose(text.replace('stop_grace_period:', 'stop_grace_periods:'));

    expect(validate(broken)).toBe(false);
  });

  it('advertises Kafka to the host on a second listener, published on loopback', () => {
    const kafka = service(sut, 'kafka');

    expect(kafka.environment?.['KAFKA_ADVERTISED_LISTENERS']).toBe(
      'PLAINTEXT://kafka:9092,EXTERNAL://localhost:29092',
    );
    expect(kafka.environment?.['KAFKA_LISTENER_SECURITY_PROTOCOL_MAP']).toContain(
      'EXTERNAL:PLAINTEXT',
    );
    expect(kafka.ports).toEqual(['127.0.0.1:29092:29092']);
  });

  it.each(HUB_SERVICES)('%s probes /health/ready, restarts and has resource limits', (name) => {
    const hub = service(sut, name);

    expect(hub.healthcheck?.test?.join(' ')).toContain('/health/ready');
    expect(hub.restart).toBe('unless-stopped');
    expect(hub.deploy?.resources?.limits?.memory).toMatch(/^\d+[MG]$/);
    expect(Number(hub.deploy?.resources?.limits?.cpus)).toBeGreaterThan(0);
  });

  it.each(HUB_SERVICES)('%s runs built JavaScript after the migrations completed', (name) => {
    const hub = service(sut, name);

    expect(hub.command).toEqual(['node', `build/apps/${name}/src/main.js`]);
    expect(hub.depends_on?.['migrate']?.condition).toBe('service_completed_successfully');
  });

  it('migrates the HMPPS adapter with the others, and runs it only under the hmpps profile, after the api', () => {
    const adapter = service(sut, 'hmpps-adapter');

    expect(service(sut, 'migrate').command?.join(' ')).toContain('hmpps-adapter');
    expect(adapter.profiles).toEqual(['hmpps']);
    expect(adapter.depends_on?.['api']?.condition).toBe('service_healthy');
    expect(adapter.environment?.['HUB_API_URL']).toBe('http://api:3000');
    expect(adapter.ports).toEqual(['127.0.0.1:3104:3104']);
  });

  it('runs two notifier instances', () => {
    expect(service(sut, 'notifier').deploy?.replicas).toBe(2);
  });

  it.each(['kafka', 'postgres', 'redis'])('%s has a healthcheck and resource limits', (name) => {
    const infra = service(sut, name);

    expect(infra.healthcheck?.test?.length).toBeGreaterThan(0);
    expect(infra.deploy?.resources?.limits?.memory).toBeDefined();
  });
});
