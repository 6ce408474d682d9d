import { loadConfig } from '../../core/config/config';
import { startRuntime } from '../../core/runtime/runtime';
import { demoRuntime, demoService } from '../../demo/service';
import { serviceDefinitions } from '../service-registry';

/**
 * `fruehwarn run`: start the services named by FRUEHWARN_SERVICES / --service (all by default)
 * in this process, and stop them gracefully on SIGTERM or SIGINT.
 */
export async function runCommand(flags: Record<string, string | boolean>): Promise<void> {
  let config = loadConfig(process.env, flags);
  let definitions = serviceDefinitions(config.services);
  // The demo runs every service on a compressed clock and adds the scenario player (last, after ingest).
  const demo = config.demo ? demoRuntime(config) : null;
  if (demo) {
    config = demo.config;
    definitions = [...definitions, demoService];
  }
  const runtime = await startRuntime(config, definitions, demo ? { clock: demo.clock } : {});
  const { logger } = runtime.context;
  const feedQuery = config.demo ? '?status=Exercise' : '';
  const banner = [
    `Fruehwarn is running: ${runtime.url}${config.demo ? '  (demo: a compressed clock, warnings are exercises)' : ''}`,
    ...(config.services.includes('console') ? [`  duty officers: ${runtime.url}/console/${config.demo ? '   (demo login officer / demo-officer)' : ''}`, `  analysts:      ${runtime.url}/console/analyst`, `  citizens:      ${runtime.url}/citizen/`] : []),
    ...(config.services.includes('feed') ? [`  NINA feed:     ${runtime.url}/api31/dashboard/059140000000.json${feedQuery}`, `  CAP (Atom):    ${runtime.url}/cap/feed.atom${feedQuery}`] : []),
    `  health: ${runtime.url}/readyz   metrics: ${runtime.url}/metrics`,
  ];
  process.stderr.write(`\n${banner.join('\n')}\n\n`);

  await new Promise<void>((resolve) => {
    let signalled = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (signalled) {
        logger.warn('second signal, exiting at once', { signal });
        process.exit(1);
      }
      signalled = true;
      logger.info('shutting down', { signal });
      runtime.stop().then(resolve, (err: unknown) => {
        logger.error('shutdown failed', { err: String(err) });
        process.exitCode = 1;
        resolve();
      });
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
  // Everything is stopped, committed and closed. A client library may still hold a timer or a
  // socket (kafkajs restarting a consumer that crashed while the broker was away did, in the
  // broker-restart test), which would keep a stopped process alive until the orchestrator kills
  // it; so exit once the logs are out. unref: an empty event loop ends the process sooner.
  setTimeout(() => process.exit(process.exitCode ?? 0), 200).unref();
}
