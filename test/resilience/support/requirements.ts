/**
 * Resilience suites need a JVM with the Kafka jars (private broker) and redis-server. Like every
 * integration suite: skipped on a developer machine without them, failed under CI=true.
 */
import { spawnSync } from 'node:child_process';
import { PrivateKafka, KAFKA_LIBS } from './private-kafka';

function missing(): string[] {
  const why: string[] = [];
  if (spawnSync('java', ['-version']).status !== 0) why.push('java is not installed');
  if (!PrivateKafka.available()) why.push(`no Kafka jars in ${KAFKA_LIBS} (npm run services -- fetch)`);
  if (spawnSync('redis-server', ['--version']).status !== 0) why.push('redis-server is not installed');
  return why;
}

export function describeResilience(name: string, fn: () => void): void {
  const why = missing();
  if (why.length === 0) return describe(name, fn);
  if (process.env.CI === 'true') {
    describe(name, () => it('has what it needs', () => {
      throw new Error(`Resilience suite cannot run under CI: ${why.join('; ')}`);
    }));
  } else describe.skip(`${name} (skipped: ${why.join('; ')})`, fn);
}
