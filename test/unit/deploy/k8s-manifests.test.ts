import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Deployment, type IDeployment } from 'kubernetes-models/apps/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import {
  ConfigMap,
  Secret,
  Service,
  ServiceAccount,
  type IContainer,
  type IPodSpec,
} from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadSettings } from '../../../src/config/settings.js';
import { k8sDir, listManifestFiles, loadManifests, typeOf, type ManifestDoc } from './load-manifests.js';

/**
 * The manifests are checked against the Kubernetes OpenAPI schema (kubernetes-models, Kubernetes 1.27
 * definitions, validated offline with ajv) and against the deployment contract of this app: probes on
 * /healthz and /readyz, non-root containers, secrets only by reference. No cluster is needed.
 */

const SECRET_NAME = 'agentic-dev-pipeline';
/** Env vars that must come from the Secret, never from a literal or the ConfigMap. */
const SECRET_ENV: Record<string, string> = {
  APP_ID: 'app-id',
  PRIVATE_KEY: 'private-key',
  WEBHOOK_SECRET: 'webhook-secret',
  ANTHROPIC_API_KEY: 'anthropic-api-key',
  DATABASE_URL: 'database-url',
  REDIS_URL: 'redis-url',
};
const SECRET_LIKE = /KEY|SECRET|TOKEN|PASSWORD|CREDENTIAL|DATABASE_URL|REDIS_URL/i;
/** A URL with a password in it (`scheme://user:pass@host`). */
const URL_WITH_PASSWORD = /:\/\/[^/\s:@]*:[^/\s@]+@/;

/** The kinds we ship, each with the schema validator of its model. */
const MODELS = [Deployment, Service, ConfigMap, Secret, ServiceAccount, PodDisruptionBudget];
const NOT_APPLIED = ['kustomization.yaml', 'secret.example.yaml'];

const docs = loadManifests();
const resources = docs.filter((d) => !NOT_APPLIED.includes(d.file));
const deployments = resources.flatMap((d) => (Deployment.is(d.data) ? [d.data] : []));
const services = resources.flatMap((d) => (Service.is(d.data) ? [d.data] : []));
const pdbs = resources.flatMap((d) => (PodDisruptionBudget.is(d.data) ? [d.data] : []));
const configMaps = resources.flatMap((d) => (ConfigMap.is(d.data) ? [d.data] : []));
const secretExample = docs.find((d) => d.file === 'secret.example.yaml')?.data;

function validate(doc: ManifestDoc): void {
  const model = MODELS.find((m) => m.apiVersion === doc.data.apiVersion && m.kind === doc.data.kind);
  if (!model) throw new Error(`${doc.file}: no schema model for ${typeOf(doc)}; add it to MODELS`);
  new model(doc.data).validate();
}

function podSpec(deployment: IDeployment): IPodSpec {
  const spec = deployment.spec?.template.spec;
  if (!spec) throw new Error(`${deployment.metadata?.name}: no pod spec`);
  return spec;
}

/** The env entries with literal values, as a settings source. */
function inlineEnv(env: { name: string; value?: string }[]): Record<string, string> {
  return Object.fromEntries(env.flatMap((e) => (e.value === undefined ? [] : [[e.name, e.value]])));
}

function name(deployment: IDeployment): string {
  return deployment.metadata?.name ?? '(unnamed)';
}

function portNames(container: IContainer): (string | number)[] {
  return (container.ports ?? []).flatMap((p) => [p.containerPort, ...(p.name ? [p.name] : [])]);
}

describe('deploy/k8s', () => {
  it('holds the web and worker Deployments, a Service, a ConfigMap, PDBs and a kustomization', () => {
    expect(listManifestFiles()).toEqual(
      expect.arrayContaining(['kustomization.yaml', 'secret.example.yaml']),
    );
    expect(deployments.map(name).sort()).toEqual(['agentic-dev-pipeline-web', 'agentic-dev-pipeline-worker']);
    expect(services).toHaveLength(1);
    expect(configMaps.map((c) => c.metadata?.name).sort()).toEqual([
      'agentic-dev-pipeline',
      'agentic-dev-pipeline-prometheus-scrape',
    ]);
    expect(pdbs.length).toBeGreaterThanOrEqual(1);
  });

  describe.each(
    docs.filter((d) => d.file !== 'kustomization.yaml').map((d) => [`${d.file} #${d.index}`, d] as const),
  )('%s', (_label, doc) => {
    it('is valid against the Kubernetes schema', () => {
      expect(() => validate(doc)).not.toThrow();
    });

    it('names no namespace, so it can be applied to any', () => {
      expect((doc.data.metadata as { namespace?: string } | undefined)?.namespace).toBeUndefined();
    });
  });

  it('rejects a manifest that breaks the schema (the validation is not vacuous)', () => {
    const broken = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'x' },
      spec: { replicas: 'two' },
    };
    expect(() => validate({ file: 'broken.yaml', index: 0, data: broken })).toThrow(
      /replicas must be integer/,
    );
  });

  describe('kustomization.yaml', () => {
    const kustomization = parse(readFileSync(join(k8sDir, 'kustomization.yaml'), 'utf8')) as {
      resources: string[];
      images?: { name: string }[];
    };

    it('applies every manifest except the secret example', () => {
      const applied = listManifestFiles().filter((f) => !NOT_APPLIED.includes(f));
      expect([...kustomization.resources].sort()).toEqual(applied);
      for (const file of kustomization.resources) expect(existsSync(join(k8sDir, file)), file).toBe(true);
      expect(resources.filter((d) => Secret.is(d.data))).toEqual([]);
    });

    it('sets the image that the Deployments use', () => {
      const images = kustomization.images?.map((i) => i.name) ?? [];
      for (const d of deployments) {
        for (const c of podSpec(d).containers) expect(images, `${name(d)}/${c.name}`).toContain(c.image);
      }
    });
  });

  describe.each(deployments.map((d) => [name(d), d] as const))('Deployment %s', (_name, deployment) => {
    const pod = podSpec(deployment);

    it('selects its own pods', () => {
      const labels = deployment.spec?.template.metadata?.labels ?? {};
      expect(labels).toMatchObject(deployment.spec?.selector.matchLabels ?? { missing: 'matchLabels' });
    });

    it.each(pod.containers.map((c) => [c.name, c] as const))(
      'container %s: liveness on /healthz, readiness on /readyz, on a port it declares',
      (_c, container) => {
        expect(container.livenessProbe?.httpGet?.path).toBe('/healthz');
        expect(container.readinessProbe?.httpGet?.path).toBe('/readyz');
        for (const probe of [container.livenessProbe, container.readinessProbe, container.startupProbe]) {
          if (probe?.httpGet) expect(portNames(container)).toContain(probe.httpGet.port);
        }
      },
    );

    it.each(pod.containers.map((c) => [c.name, c] as const))(
      'container %s runs as non-root without privilege escalation',
      (_c, container) => {
        const runAsNonRoot = container.securityContext?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot;
        const runAsUser = container.securityContext?.runAsUser ?? pod.securityContext?.runAsUser;
        expect(runAsNonRoot).toBe(true);
        expect(runAsUser).toBeGreaterThan(0);
        expect(container.securityContext?.allowPrivilegeEscalation).toBe(false);
        expect(container.securityContext?.privileged ?? false).toBe(false);
        expect(container.securityContext?.capabilities?.drop).toContain('ALL');
        expect(container.securityContext?.capabilities?.add ?? []).toEqual([]);
      },
    );

    it.each(pod.containers.map((c) => [c.name, c] as const))(
      'container %s takes every secret from the Secret by reference',
      (_c, container) => {
        const env = container.env ?? [];
        for (const [variable, key] of Object.entries(SECRET_ENV)) {
          const entry = env.find((e) => e.name === variable);
          expect(entry?.valueFrom?.secretKeyRef, variable).toMatchObject({ name: SECRET_NAME, key });
        }
        for (const e of env) {
          if (e.value === undefined) continue;
          expect(e.name, `${e.name} is set inline`).not.toMatch(SECRET_LIKE);
          expect(e.value, `${e.name} holds a URL with a password`).not.toMatch(URL_WITH_PASSWORD);
        }
        const configMapNames = configMaps.map((c) => c.metadata?.name);
        for (const source of container.envFrom ?? []) {
          if (source.configMapRef) expect(configMapNames).toContain(source.configMapRef.name);
        }
      },
    );

    it('sets resource requests and limits for cpu and memory', () => {
      for (const c of pod.containers) {
        expect(Object.keys(c.resources?.requests ?? {}), c.name).toEqual(
          expect.arrayContaining(['cpu', 'memory']),
        );
        expect(Object.keys(c.resources?.limits ?? {}), c.name).toEqual(
          expect.arrayContaining(['cpu', 'memory']),
        );
      }
    });
  });

  it('runs two web replicas behind a Service that targets the web port', () => {
    const web = deployments.find((d) => name(d).endsWith('-web'));
    const service = services[0];
    expect(web?.spec?.replicas).toBe(2);
    expect(web?.spec?.template.metadata?.labels).toMatchObject(
      service?.spec?.selector ?? { missing: 'selector' },
    );
    const webContainer = web ? podSpec(web).containers[0] : undefined;
    for (const port of service?.spec?.ports ?? []) {
      expect(webContainer && portNames(webContainer)).toContain(port.targetPort);
    }
  });

  it('gives workers a termination grace period long enough to finish a job', () => {
    const worker = deployments.find((d) => name(d).endsWith('-worker'));
    expect(worker ? podSpec(worker).containers[0]?.command : undefined).toEqual(['node', 'dist/worker.js']);
    // A develop → test round with the default 600 s test timeout, plus setup and the model's turns.
    expect(worker?.spec?.template.spec?.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(1200);
  });

  describe('the sandbox boundary', () => {
    const worker = deployments.find((d) => name(d).endsWith('-worker'));
    const web = deployments.find((d) => name(d).endsWith('-web'));
    const env = (d: IDeployment | undefined) => (d ? (podSpec(d).containers[0]?.env ?? []) : []);

    it('starts a worker only once /readyz, which checks its sandbox, answers, so one that cannot isolate never counts as started', () => {
      const container = worker ? podSpec(worker).containers[0] : undefined;
      expect(container?.startupProbe?.httpGet?.path).toBe('/readyz');
      expect(container?.securityContext).toMatchObject({
        procMount: 'Unmasked',
        seccompProfile: { type: 'Unconfined' },
        appArmorProfile: { type: 'Unconfined' },
      });
      expect(worker ? podSpec(worker).hostUsers : undefined).toBe(false);
    });

    it('keeps web pods, which lack the sandbox privileges, from taking runs; workers sandbox with bwrap', () => {
      const settings = loadSettings({ ...configMaps[0]?.data, ...inlineEnv(env(web)) });
      expect(settings.PIPELINE_RUN_WORKER).toBe(false);
      expect(loadSettings({ ...configMaps[0]?.data, ...inlineEnv(env(worker)) }).PIPELINE_SANDBOX).toBe(
        'bwrap',
      );
    });
  });

  it('covers every Deployment with a PodDisruptionBudget that still allows a drain', () => {
    for (const d of deployments) {
      const labels = d.spec?.template.metadata?.labels ?? {};
      const pdb = pdbs.find((p) =>
        Object.entries(p.spec?.selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v),
      );
      expect(pdb, name(d)).toBeDefined();
      if (typeof pdb?.spec?.minAvailable === 'number') {
        expect(pdb.spec.minAvailable, name(d)).toBeLessThan(d.spec?.replicas ?? 1);
      }
    }
  });

  describe('ConfigMap', () => {
    const data = configMaps.find((c) => c.metadata?.name === 'agentic-dev-pipeline')?.data ?? {};

    it('holds no secret', () => {
      for (const [key, value] of Object.entries(data)) {
        expect(key).not.toMatch(SECRET_LIKE);
        expect(value, key).not.toMatch(URL_WITH_PASSWORD);
      }
    });

    it('together with the Secret keys yields settings the app accepts', () => {
      const secret = (secretExample?.stringData ?? {}) as Record<string, string>;
      const env: Record<string, string> = { ...data };
      for (const [variable, key] of Object.entries(SECRET_ENV)) {
        expect(secret[key], `secret.example.yaml lacks ${key}`).toBeDefined();
        env[variable] = secret[key] ?? '';
      }
      const settings = loadSettings(env);
      expect(settings.hasAppCredentials).toBe(true);
      expect(settings.NODE_ENV).toBe('production');
    });
  });

  describe('Prometheus scraping', () => {
    const scrape = configMaps.find((c) => c.metadata?.name === 'agentic-dev-pipeline-prometheus-scrape');
    const job = (
      parse(scrape?.data?.['agentic-dev-pipeline.yml'] ?? '') as {
        scrape_configs: {
          job_name: string;
          relabel_configs: { source_labels?: string[]; action?: string }[];
        }[];
      }
    ).scrape_configs[0];

    it.each(deployments.map((d) => [name(d), d] as const))(
      'annotates %s pods to be scraped on their http port at /metrics',
      (_name, deployment) => {
        const annotations = deployment.spec?.template.metadata?.annotations ?? {};
        const http = podSpec(deployment).containers[0]?.ports?.find((p) => p.name === 'http');
        expect(annotations['prometheus.io/scrape']).toBe('true');
        expect(annotations['prometheus.io/path']).toBe('/metrics');
        expect(annotations['prometheus.io/port']).toBe(String(http?.containerPort));
      },
    );

    it('ships a scrape job that keeps only the annotated pods of this app', () => {
      expect(job?.job_name).toBe('agentic-dev-pipeline');
      const kept = (job?.relabel_configs ?? [])
        .filter((r) => r.action === 'keep')
        .flatMap((r) => r.source_labels ?? []);
      expect(kept).toEqual([
        '__meta_kubernetes_pod_label_app_kubernetes_io_name',
        '__meta_kubernetes_pod_annotation_prometheus_io_scrape',
      ]);
    });
  });
});
