/**
 * Checks of the deployment files (deploy/, Dockerfile, docs/operations.md) against each other
 * and against the code: every file parses; every Kubernetes Deployment has limits, probes on
 * /healthz and /readyz and runs as non-root; compose wires each service to Kafka, the registry
 * and Redis with a health check; every metric the alerts and the dashboard use exists in
 * services/; the alert rules pass promtool's check and unit tests.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CORE_ENV } from '../../services/core/config/config';
import { defaultTopicSpecs, Topics } from '../../services/core/bus/topics';
import { SERVICE_NAMES } from '../../services/core/service/service';
import {
  DEPLOY_DIR,
  REPO_ROOT,
  filesUnder,
  findPromtool,
  headingAnchors,
  k8sObjects,
  metricNamesIn,
  metricNamesInCode,
  readYaml,
  readYamlDocuments,
  type K8sObject,
} from './deploy-files';

const rel = (file: string) => path.relative(REPO_ROOT, file);
const partitionsOf = (topic: string) => defaultTopicSpecs().find((s) => s.name === topic)!.partitions;

describe('every deployment file parses', () => {
  const yamlFiles = filesUnder(DEPLOY_DIR, (f) => /\.ya?ml$/.test(f));
  const jsonFiles = filesUnder(DEPLOY_DIR, (f) => f.endsWith('.json'));

  it('finds the files it is meant to check', () => {
    const names = [...yamlFiles, ...jsonFiles].map(rel);
    for (const expected of [
      'deploy/compose/docker-compose.yml',
      'deploy/prometheus/prometheus.yml',
      'deploy/prometheus/alerts.yml',
      'deploy/prometheus/alerts.test.yml',
      'deploy/grafana/dashboards/fruehwarn.json',
      'deploy/k8s/kustomization.yaml',
    ]) {
      expect(names).toContain(expected);
    }
  });

  it.each(yamlFiles.map((f) => [rel(f), f]))('%s is valid YAML', (_name, file) => {
    expect(readYamlDocuments(file).length).toBeGreaterThan(0);
  });

  it.each(jsonFiles.map((f) => [rel(f), f]))('%s is valid JSON', (_name, file) => {
    expect(() => JSON.parse(fs.readFileSync(file, 'utf8'))).not.toThrow();
  });
});

describe('Kubernetes manifests', () => {
  const objects = k8sObjects();
  const deployments = objects.filter((o) => o.object.kind === 'Deployment').map((o) => o.object);
  const serviceOf = (d: K8sObject) => d.spec.template.metadata.labels['app.kubernetes.io/component'] as string;

  it('has one Deployment per service, each running that service', () => {
    expect(deployments.map(serviceOf).sort()).toEqual([...SERVICE_NAMES].sort());
    for (const d of deployments) {
      const [container] = d.spec.template.spec.containers;
      expect({ deployment: d.metadata.name, args: container.args }).toEqual({ deployment: d.metadata.name, args: ['run', '--service', serviceOf(d)] });
    }
  });

  it.each(SERVICE_NAMES.map((s) => [s]))('%s: selector matches the pod labels', (service) => {
    const d = deployments.find((x) => serviceOf(x) === service)!;
    for (const [k, v] of Object.entries(d.spec.selector.matchLabels as Record<string, string>)) expect(d.spec.template.metadata.labels[k]).toBe(v);
  });

  it.each(SERVICE_NAMES.map((s) => [s]))('%s: resource requests and limits, probes on /healthz and /readyz, non-root, read-only root', (service) => {
    const d = deployments.find((x) => serviceOf(x) === service)!;
    const pod = d.spec.template.spec;
    expect(pod.containers.length).toBeGreaterThan(0);
    for (const c of pod.containers) {
      for (const kind of ['requests', 'limits']) {
        expect(c.resources?.[kind]?.cpu).toBeDefined();
        expect(c.resources?.[kind]?.memory).toBeDefined();
      }
      const portNames = new Set<string | number>((c.ports ?? []).flatMap((p: { name?: string; containerPort: number }) => [p.name, p.containerPort]));
      expect(c.livenessProbe?.httpGet?.path).toBe('/healthz');
      expect(c.readinessProbe?.httpGet?.path).toBe('/readyz');
      for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe].filter(Boolean)) expect(portNames.has(probe.httpGet.port)).toBe(true);
      // Non-root is satisfied by the pod or the container; the container must not override it back.
      const runAsNonRoot = c.securityContext?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot;
      expect(runAsNonRoot).toBe(true);
      const uid = c.securityContext?.runAsUser ?? pod.securityContext?.runAsUser;
      if (uid !== undefined) expect(uid).toBeGreaterThan(0);
      expect(c.securityContext?.readOnlyRootFilesystem).toBe(true);
      expect(c.securityContext?.allowPrivilegeEscalation).toBe(false);
      // Every mount names a volume of the pod.
      const volumes = new Set((pod.volumes ?? []).map((v: { name: string }) => v.name));
      for (const m of c.volumeMounts ?? []) expect(volumes.has(m.name)).toBe(true);
    }
  });

  it('mounts rules and catalogue where the ConfigMap env says they are', () => {
    const env = objects.find((o) => o.object.kind === 'ConfigMap' && o.object.metadata.name === 'fruehwarn-env')!.object.data!;
    for (const d of deployments) {
      const [c] = d.spec.template.spec.containers;
      const rules = d.spec.template.spec.volumes.find((v: any) => v.configMap?.name === 'fruehwarn-rules');
      expect(rules).toBeDefined();
      const mount = c.volumeMounts.find((m: any) => m.name === rules.name);
      expect(mount.mountPath).toBe(env.FRUEHWARN_RULES_DIR);
      expect(path.posix.dirname(env.FRUEHWARN_CATALOGUE)).toBe(mount.mountPath);
      expect(c.envFrom).toContainEqual({ configMapRef: { name: 'fruehwarn-env' } });
    }
  });

  it('sets only environment variables the code knows, with HTTP on all interfaces', () => {
    const env = objects.find((o) => o.object.kind === 'ConfigMap' && o.object.metadata.name === 'fruehwarn-env')!.object.data!;
    const known = new Set(CORE_ENV.flatMap((v) => [v.name, `${v.name}_FILE`]));
    expect(Object.keys(env).filter((k) => !known.has(k))).toEqual([]);
    expect(env.HTTP_HOST).toBe('0.0.0.0');
    expect(env.FRUEHWARN_BUS).toBe('kafka');
    expect(env.FRUEHWARN_STORE).toBe('redis');
    // Secrets go through files, never as plain values in a ConfigMap.
    expect(env.KAFKA_SASL_PASSWORD).toBeUndefined();
  });

  it('runs engine and alerts as exactly one replica (they own all partitions / one state record), never two during a rollout', () => {
    for (const name of ['fruehwarn-engine', 'fruehwarn-alerts']) {
      const d = deployments.find((x) => x.metadata.name === name)!;
      expect(d.spec.replicas).toBe(1);
      expect(d.spec.strategy.type).toBe('Recreate');
    }
  });

  it('autoscales notify no further than the partitions its group consumes, and nothing that must stay single', () => {
    const hpas = objects.filter((o) => o.object.kind === 'HorizontalPodAutoscaler').map((o) => o.object);
    const limit: Record<string, number> = { 'fruehwarn-notify': partitionsOf(Topics.alerts) };
    expect(hpas.map((h) => h.spec.scaleTargetRef.name).sort()).toEqual(Object.keys(limit).sort());
    for (const h of hpas) {
      const target = deployments.find((d) => d.metadata.name === h.spec.scaleTargetRef.name);
      expect(target).toBeDefined();
      expect(h.spec.maxReplicas).toBeLessThanOrEqual(limit[h.spec.scaleTargetRef.name]);
      expect(h.spec.minReplicas).toBeLessThanOrEqual(h.spec.maxReplicas);
    }
  });

  it('runs alerts as one replica that is replaced, never doubled (it owns the incident book)', () => {
    const alerts = deployments.find((d) => serviceOf(d) === 'alerts')!;
    expect(alerts.spec.replicas).toBe(1);
    expect(alerts.spec.strategy.type).toBe('Recreate');
  });

  it('has PodDisruptionBudgets that select existing pods, and Services that route to the http port', () => {
    const pdbs = objects.filter((o) => o.object.kind === 'PodDisruptionBudget').map((o) => o.object);
    expect(pdbs.length).toBeGreaterThan(0);
    const matches = (selector: Record<string, string>, d: K8sObject) => Object.entries(selector).every(([k, v]) => d.spec.template.metadata.labels[k] === v);
    for (const p of pdbs) expect(deployments.filter((d) => matches(p.spec.selector.matchLabels, d))).toHaveLength(1);
    const services = objects.filter((o) => o.object.kind === 'Service').map((o) => o.object);
    for (const s of services) {
      const backing = deployments.filter((d) => matches(s.spec.selector, d));
      expect(backing).toHaveLength(1);
      const portNames = backing[0].spec.template.spec.containers[0].ports.map((p: { name: string }) => p.name);
      for (const port of s.spec.ports) expect(portNames).toContain(port.targetPort);
    }
  });

  it('kustomization lists every manifest and generates the rules ConfigMap from every rule file', () => {
    const k = readYaml(path.join(DEPLOY_DIR, 'k8s', 'kustomization.yaml'));
    const manifests = fs.readdirSync(path.join(DEPLOY_DIR, 'k8s')).filter((f) => /\.ya?ml$/.test(f) && f !== 'kustomization.yaml' && !f.includes('.template.'));
    expect([...k.resources].sort()).toEqual(manifests.sort());
    const generator = k.configMapGenerator.find((g: { name: string }) => g.name === 'fruehwarn-rules');
    const listed = (generator.files as string[]).map((f) => path.resolve(DEPLOY_DIR, 'k8s', f)).sort();
    const ruleFiles = fs.readdirSync(path.join(REPO_ROOT, 'rules')).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(REPO_ROOT, 'rules', f)).sort();
    expect(listed).toEqual(ruleFiles);
    expect(k.resources).not.toContain('secret.template.yaml');
  });

  const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
  (kubectl ? it : it.skip)('kubectl kustomize builds the whole set', () => {
    const out = execFileSync('kubectl', ['kustomize', '--load-restrictor', 'LoadRestrictionsNone', path.join(DEPLOY_DIR, 'k8s')], { encoding: 'utf8' });
    const built = out.split(/^---$/m).map((d) => d.match(/^kind: (\w+)$/m)?.[1]);
    expect(built.filter((k) => k === 'Deployment')).toHaveLength(SERVICE_NAMES.length);
    expect(out).toMatch(/name: fruehwarn-rules-[a-z0-9]{10}$/m);
  });
});

describe('docker compose', () => {
  const compose = readYaml(path.join(DEPLOY_DIR, 'compose', 'docker-compose.yml'));
  const services = compose.services as Record<string, any>;

  it('runs Kafka 3.9.1 in KRaft mode, Apicurio Registry 3.0.9 and Redis 7, each with a health check', () => {
    expect(services.kafka.image).toBe('apache/kafka:3.9.1');
    expect(services.kafka.environment.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(String(services.kafka.environment.KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR)).toBe('1');
    expect(services['schema-registry'].image).toBe('apicurio/apicurio-registry:3.0.9');
    expect(services.redis.image).toMatch(/^redis:7(\.|-|$)/);
    for (const name of ['kafka', 'schema-registry', 'redis', 'prometheus', 'grafana']) expect(services[name].healthcheck?.test).toBeDefined();
  });

  it.each(SERVICE_NAMES.map((s) => [s]))('%s: own container from the Dockerfile, wired to Kafka, registry and Redis, with a readiness health check', (name) => {
    const s = services[name];
    expect(s).toBeDefined();
    expect(s.build.dockerfile).toBe('Dockerfile');
    expect(fs.existsSync(path.join(path.resolve(DEPLOY_DIR, 'compose', s.build.context), s.build.dockerfile))).toBe(true);
    expect(s.command).toEqual(['run', '--service', name]);
    const env = s.environment as Record<string, string>;
    expect(env.FRUEHWARN_BUS).toBe('kafka');
    expect(env.KAFKA_BROKERS.split(',').map((b) => b.split(':')[0])).toEqual(['kafka']);
    expect(env.FRUEHWARN_STORE).toBe('redis');
    expect(new URL(env.REDIS_URL).hostname).toBe('redis');
    expect(new URL(env.SCHEMA_REGISTRY_URL).hostname).toBe('schema-registry');
    expect(env.HTTP_HOST).toBe('0.0.0.0');
    const known = new Set(CORE_ENV.map((v) => v.name));
    expect(Object.keys(env).filter((k) => k.startsWith('FRUEHWARN_') || k.startsWith('KAFKA_') || k.startsWith('HTTP_')).filter((k) => !known.has(k))).toEqual([]);
    expect(s.healthcheck.test.join(' ')).toContain(`:${env.HTTP_PORT}/readyz`);
    for (const dep of ['kafka', 'schema-registry', 'redis']) expect(s.depends_on[dep]).toEqual({ condition: 'service_healthy' });
    expect(s.read_only).toBe(true);
  });

  it('mounts the rules where FRUEHWARN_RULES_DIR points, and Prometheus and Grafana config from deploy/', () => {
    for (const name of SERVICE_NAMES) {
      const s = services[name];
      const mount = (s.volumes as string[]).find((v) => v.endsWith(':ro') && v.split(':')[1] === s.environment.FRUEHWARN_RULES_DIR);
      expect(mount).toBeDefined();
      expect(fs.existsSync(path.resolve(DEPLOY_DIR, 'compose', mount!.split(':')[0], 'catalogue.yaml'))).toBe(true);
    }
    const mounts = (name: string) => (services[name].volumes as string[]).filter((v) => v.startsWith('.')).map((v) => v.split(':'));
    for (const [from] of [...mounts('prometheus'), ...mounts('grafana')]) expect(fs.existsSync(path.resolve(DEPLOY_DIR, 'compose', from))).toBe(true);
  });
});

describe('Prometheus and Grafana configuration', () => {
  const prometheus = readYaml(path.join(DEPLOY_DIR, 'prometheus', 'prometheus.yml'));
  const compose = readYaml(path.join(DEPLOY_DIR, 'compose', 'docker-compose.yml'));

  it('scrapes every service under job "fruehwarn" with a service label, and loads alerts.yml', () => {
    const job = prometheus.scrape_configs.find((j: { job_name: string }) => j.job_name === 'fruehwarn');
    const targets = job.static_configs.flatMap((sc: { targets: string[]; labels: { service: string } }) => sc.targets.map((t) => ({ target: t, service: sc.labels.service })));
    expect(targets).toEqual(SERVICE_NAMES.map((s) => ({ target: `${s}:${compose.services[s].environment.HTTP_PORT}`, service: s })));
    expect(prometheus.rule_files).toContain('alerts.yml');
  });

  it('provisions the datasource the dashboard uses and the folder compose mounts the dashboards into', () => {
    const ds = readYaml(path.join(DEPLOY_DIR, 'grafana', 'provisioning', 'datasources', 'prometheus.yml'));
    const providers = readYaml(path.join(DEPLOY_DIR, 'grafana', 'provisioning', 'dashboards', 'fruehwarn.yml'));
    const dashboard = JSON.parse(fs.readFileSync(path.join(DEPLOY_DIR, 'grafana', 'dashboards', 'fruehwarn.json'), 'utf8'));
    const uids = new Set(ds.datasources.map((d: { uid: string }) => d.uid));
    for (const panel of dashboard.panels) {
      expect(uids.has(panel.datasource.uid)).toBe(true);
      for (const t of panel.targets) expect(uids.has(t.datasource.uid)).toBe(true);
    }
    const grafanaMounts = (compose.services.grafana.volumes as string[]).map((v) => v.split(':'));
    const dashboardsMount = grafanaMounts.find(([from]) => path.resolve(DEPLOY_DIR, 'compose', from) === path.join(DEPLOY_DIR, 'grafana', 'dashboards'));
    expect(dashboardsMount?.[1]).toBe(providers.providers[0].options.path);
    expect(new URL(ds.datasources[0].url).hostname).toBe('prometheus');
  });

  it('has the dashboard panels operators need', () => {
    const dashboard = JSON.parse(fs.readFileSync(path.join(DEPLOY_DIR, 'grafana', 'dashboards', 'fruehwarn.json'), 'utf8'));
    const ids = dashboard.panels.map((p: { id: number }) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const exprs = (title: RegExp) => dashboard.panels.filter((p: { title: string }) => title.test(p.title)).flatMap((p: { targets: { expr: string }[] }) => p.targets.map((t) => t.expr)).join('\n');
    expect(exprs(/ingest rate/i)).toContain('fruehwarn_ingest_readings_total');
    expect(exprs(/rejected/i)).toMatch(/by \(reason\)/);
    expect(exprs(/consumer lag/i)).toContain('fruehwarn_bus_consumer_lag');
    expect(exprs(/watermark/i)).toContain('fruehwarn_engine_watermark_seconds');
    expect(exprs(/alerts by level/i)).toMatch(/level/);
    expect(exprs(/deliveries/i)).toMatch(/by \(channel, outcome\)/);
    expect(exprs(/latency p99/i)).toMatch(/histogram_quantile\(0\.99, .*fruehwarn_notify_delivery_seconds_bucket/);
  });
});

describe('metric names used by alerts and dashboard exist in the code', () => {
  const { names: defined, histograms } = metricNamesInCode();
  const alerts = readYaml(path.join(DEPLOY_DIR, 'prometheus', 'alerts.yml'));
  const dashboard = JSON.parse(fs.readFileSync(path.join(DEPLOY_DIR, 'grafana', 'dashboards', 'fruehwarn.json'), 'utf8'));
  const used = new Map<string, Set<string>>();
  const use = (where: string, expr: string) => {
    for (const name of metricNamesIn(expr, histograms)) used.set(name, (used.get(name) ?? new Set()).add(where));
  };
  for (const g of alerts.groups) for (const r of g.rules) use(`alerts.yml ${r.alert}`, r.expr);
  for (const p of dashboard.panels) for (const t of p.targets) use(`dashboard "${p.title}"`, t.expr);

  it('finds the metrics of the core in the code (the search itself works)', () => {
    for (const name of ['fruehwarn_bus_produced_total', 'fruehwarn_bus_consumer_lag', 'fruehwarn_ready']) expect(defined).toContain(name);
    expect(histograms).toContain('fruehwarn_bus_handler_seconds');
  });

  it('every fruehwarn_ metric name is defined under services/', () => {
    const missing = [...used].filter(([name]) => !defined.has(name)).map(([name, where]) => `${name} (used by ${[...where].join(', ')})`);
    // A list, so it is plain which service still has to export what.
    expect(missing).toEqual([]);
  });
});

describe('alert rules', () => {
  const alerts = readYaml(path.join(DEPLOY_DIR, 'prometheus', 'alerts.yml'));
  const rules = alerts.groups.flatMap((g: { rules: any[] }) => g.rules);
  const tests = readYaml(path.join(DEPLOY_DIR, 'prometheus', 'alerts.test.yml'));

  it('covers the failure modes operators must hear about', () => {
    const names = rules.map((r: { alert: string }) => r.alert);
    for (const n of ['FruehwarnServiceDown', 'FruehwarnNotReady', 'FruehwarnConsumerLagHigh', 'FruehwarnDeliveryFailures', 'FruehwarnIngestSilent', 'FruehwarnWatermarkStalled', 'FruehwarnDeadLetterSpike']) {
      expect(names).toContain(n);
    }
  });

  it('every alert has severity, summary, description and a runbook section in docs/operations.md', () => {
    const anchors = headingAnchors(fs.readFileSync(path.join(REPO_ROOT, 'docs', 'operations.md'), 'utf8'));
    for (const r of rules) {
      expect({ alert: r.alert, severity: r.labels?.severity }).toEqual({ alert: r.alert, severity: expect.stringMatching(/^(critical|warning|info)$/) });
      expect(r.annotations.summary).toBeTruthy();
      expect(r.annotations.description).toBeTruthy();
      const [file, anchor] = String(r.annotations.runbook_url).split('#');
      expect(file).toBe('docs/operations.md');
      expect({ alert: r.alert, anchorFound: anchors.has(anchor) }).toEqual({ alert: r.alert, anchorFound: true });
    }
  });

  it('every alert is exercised by a promtool unit test', () => {
    const tested = new Set(tests.tests.flatMap((t: { alert_rule_test: { alertname: string; exp_alerts: unknown[] }[] }) => t.alert_rule_test.filter((a) => a.exp_alerts.length > 0).map((a) => a.alertname)));
    expect(rules.map((r: { alert: string }) => r.alert).filter((a: string) => !tested.has(a))).toEqual([]);
  });

  const promtool = findPromtool();
  if (process.env.CI === 'true') {
    it('has promtool (required in CI: apt-get install prometheus)', () => {
      expect(promtool).not.toBeNull();
    });
  }
  (promtool ? it : it.skip)('every dashboard query is valid PromQL (promtool checks it as a recording rule)', () => {
    const dashboard = JSON.parse(fs.readFileSync(path.join(DEPLOY_DIR, 'grafana', 'dashboards', 'fruehwarn.json'), 'utf8'));
    const rules = dashboard.panels.flatMap((p: { id: number; targets: { refId: string; expr: string }[] }) =>
      // Grafana's $__rate_interval is not PromQL; any duration stands in for it.
      p.targets.map((t) => ({ record: `dashboard:panel${p.id}:${t.refId}`, expr: t.expr.replace(/\$__rate_interval/g, '5m') })),
    );
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fruehwarn-dashboard-'));
    try {
      const file = path.join(dir, 'dashboard.rules.json');
      fs.writeFileSync(file, JSON.stringify({ groups: [{ name: 'dashboard', rules }] }));
      const r = spawnSync(promtool!, ['check', 'rules', file], { encoding: 'utf8' });
      expect({ status: r.status, output: r.status === 0 ? '' : r.stdout + r.stderr }).toEqual({ status: 0, output: '' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  (promtool ? it : it.skip)('promtool check rules, check config and test rules pass', () => {
    const run = (args: string[]) => spawnSync(promtool!, args, { cwd: path.join(DEPLOY_DIR, 'prometheus'), encoding: 'utf8' });
    for (const args of [['check', 'rules', 'alerts.yml'], ['check', 'config', 'prometheus.yml'], ['test', 'rules', 'alerts.test.yml']]) {
      const r = run(args);
      expect({ command: `promtool ${args.join(' ')}`, status: r.status, output: r.status === 0 ? '' : r.stdout + r.stderr }).toEqual({ command: `promtool ${args.join(' ')}`, status: 0, output: '' });
    }
  });
});

describe('Dockerfile', () => {
  const dockerfile = fs.readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8');
  const ignore = fs
    .readFileSync(path.join(REPO_ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

  /** .dockerignore semantics for plain paths: the last matching pattern wins, `!` re-includes. */
  const ignored = (p: string) => {
    let result = false;
    for (const line of ignore) {
      const negate = line.startsWith('!');
      const pattern = negate ? line.slice(1) : line;
      if (pattern.includes('*')) continue; // glob patterns only drop test files, never a copied folder
      if (p === pattern || p.startsWith(`${pattern}/`)) result = !negate;
    }
    return result;
  };

  it('builds on node:20-bookworm-slim in stages and runs as a non-root user without HEALTHCHECK', () => {
    const froms = [...dockerfile.matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1]);
    expect(froms.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim$/m);
    expect(dockerfile).toMatch(/npm ci/);
    expect(dockerfile).toMatch(/npm run build/);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    const users = [...dockerfile.matchAll(/^USER\s+(\S+)/gm)].map((m) => m[1]);
    expect(users.length).toBeGreaterThan(0);
    expect(users[users.length - 1]).not.toMatch(/^(root|0)(:|$)/);
    expect(dockerfile).toMatch(/^HEALTHCHECK NONE$/m);
  });

  it('copies only paths that exist and that .dockerignore lets through', () => {
    const sources = [...dockerfile.matchAll(/^COPY\s+(?!--from)(?:--\S+\s+)*(.+)$/gm)].flatMap((m) => m[1].trim().split(/\s+/).slice(0, -1));
    expect(sources.length).toBeGreaterThan(0);
    for (const src of sources) {
      expect({ src, exists: fs.existsSync(path.join(REPO_ROOT, src)), ignored: ignored(src) }).toEqual({ src, exists: true, ignored: false });
    }
  });

  it('ships what the running services read from disk: compiled code, schemas, default rules', () => {
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    for (const dir of ['dist', 'node_modules', 'bin', 'schemas', 'rules']) expect(runtime).toMatch(new RegExp(`COPY --from=build .*/app/${dir} `));
    expect(runtime).toMatch(/ENTRYPOINT \["node", "bin\/fruehwarn\.js"\]/);
  });
});
